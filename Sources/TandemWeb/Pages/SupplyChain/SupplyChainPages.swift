import Foundation
import TandemCore
import Vapor

/// The supply-chain map (`/map?period=…`): who needs what from whom, how much and how well
/// served; each arrow and table row leads to the pair's scorecard and the pair's needs
/// (`/map/needs?requester=…&provider=…&period=…`, the ones the reader may see).
struct SupplyChainPages: RouteCollection {
    struct Row: Encodable {
        var requester: String
        var provider: String
        var volume: Int
        var met: String
        var satisfaction: String
        var health: String
        var healthLabel: String
        var scorecard: String
        var needs: String
    }

    struct Context: Encodable {
        var layout: LayoutContext
        var period: String
        var chart: SupplyChainChart?
        var rows: [Row]?
        /// How many pairs are not shown: too few needs (`PairDisclosure`).
        var withheld: String?
        var errors: [String: String]
    }

    struct NeedsContext: Encodable {
        /// What `need-table.leaf` lists.
        struct Section: Encodable { var needs: [NeedListItem] }
        var layout: LayoutContext
        var heading: String
        var period: String
        var section: Section?
        var nextLink: String?
        var back: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("map", use: map)
        routes.get("map", "export.csv", use: csv)
        routes.get("map", "needs", use: needs)
    }

    func map(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let query = try QueryParameters(request, allowed: ["period"])
        let workflow = request.tandem.scorecards
        var errors = FieldErrors()
        var period = workflow.currentPeriod
        do { period = try workflow.period(query.string("period")) } catch let error as TandemError { errors = FieldErrors(error, request) }
        let directory = try await PageDirectory.load(request, people: [])
        let t = { (key: String) in request.t(key) }
        var chart: SupplyChainChart?
        var rows: [Row]?
        var withheld: String?
        if errors.isEmpty {
            let map = try await workflow.supplyChain(period: period, for: actor)
            if map.withheldPairs > 0 {
                withheld = request.t(
                    "map.withheld", [String(map.withheldPairs), String(try await request.tandem.settings.minimumGroup(for: actor).size)])
            }
            let scorecard = { (edge: SupplyChainEdge) in
                Site.scorecard(edge.providingDepartmentID, period, requester: edge.requestingDepartmentID)
            }
            let met = { (edge: SupplyChainEdge) in edge.metPercent.map { String(format: "%.0f%%", $0) } ?? "—" }
            let rating = { (edge: SupplyChainEdge) in edge.ratingAverage.map { String(format: "%.1f", $0) } ?? "—" }
            chart = SupplyChainChart(
                map, title: t("map.title"), name: directory.departmentName, link: scorecard,
                describe: { edge in
                    request.t(
                        "map.edge",
                        [
                            directory.departmentName(edge.requestingDepartmentID), directory.departmentName(edge.providingDepartmentID),
                            String(edge.volume), met(edge), rating(edge),
                        ])
                },
                describeNode: { name, asked, served in request.t("map.node", [name, String(asked), String(served)]) })
            rows =
                map.edges.map { edge in
                    Row(
                        requester: directory.departmentName(edge.requestingDepartmentID),
                        provider: directory.departmentName(edge.providingDepartmentID),
                        volume: edge.volume, met: met(edge), satisfaction: rating(edge), health: edge.health.rawValue,
                        healthLabel: t("map_health.\(edge.health.rawValue)"), scorecard: scorecard(edge),
                        needs: Site.mapNeeds(requester: edge.requestingDepartmentID, provider: edge.providingDepartmentID, period))
                }.nonEmpty
        }
        let context = Context(
            layout: LayoutContext(request, title: t("map.title"), section: "map"), period: query.string("period") ?? period.description,
            chart: chart, rows: rows, withheld: withheld, errors: errors.messages(for: ["period"]))
        return try await request.page("map", context, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    /// The pairs' table as CSV for Excel.
    func csv(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["period"])
        let workflow = request.tandem.scorecards
        let period = try workflow.period(query.string("period"))
        let map = try await workflow.supplyChain(period: period, for: try request.actor())
        let directory = try await PageDirectory.load(request, people: [])
        let header = ["map.requester", "map.provider", "map.volume", "goals.met", "goals.satisfaction", "map.health"].map { request.t($0) }
        let rows = map.edges.map { edge in
            [
                directory.departmentName(edge.requestingDepartmentID), directory.departmentName(edge.providingDepartmentID),
                String(edge.volume),
                edge.metPercent.map { String(format: "%.1f", $0) } ?? "", edge.ratingAverage.map { String(format: "%.2f", $0) } ?? "",
                request.t("map_health.\(edge.health.rawValue)"),
            ]
        }
        return CSVText.response(CSVText.make(header: header, rows: rows), fileName: "supply-chain-\(period).csv")
    }

    /// The needs of one pair raised in the period that the reader may see, newest first.
    func needs(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let query = try QueryParameters(request, allowed: ["requester", "provider", "period", "cursor"])
        let period = try request.tandem.scorecards.period(query.string("period"))
        guard let requester: Department.ID = try query.id("requester"), let provider: Department.ID = try query.id("provider") else {
            throw TandemError.invalid("provider", "requester and provider are required", .required)
        }
        let interval = period.interval(in: request.tandem.configuration.timeZone)
        var list = NeedQuery()
        list.requestingDepartmentID = requester
        list.providingDepartmentID = provider
        list.createdFrom = interval.start
        list.createdBefore = interval.end
        list.cursor = try query.string("cursor").map(NeedCursor.init(token:))
        let page = try await request.tandem.needs.list(list, for: actor)
        let directory = try await PageDirectory.load(request, people: NeedListItem.people(in: page.needs))
        let format = PageFormat(request)
        let base = Site.mapNeeds(requester: requester, provider: provider, period)
        let context = NeedsContext(
            layout: LayoutContext(request, title: request.t("map.title"), section: "map"),
            heading: "\(directory.departmentName(requester)) → \(directory.departmentName(provider))", period: period.description,
            section: page.needs.isEmpty ? nil : .init(needs: page.needs.map { NeedListItem($0, directory, request, format) }),
            nextLink: page.nextCursor.map { base + "&cursor=" + $0.token }, back: Site.map(period))
        return try await request.page("map-needs", context)
    }
}
