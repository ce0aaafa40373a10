import Foundation
import TandemCore
import Vapor

/// The home page: my open needs, my department's needs, and what waits on me, with counts.
struct HomePage: RouteCollection {
    struct Section: Encodable {
        var key: String
        var heading: String
        var count: Int
        var countText: String
        var needs: [NeedListItem]
        var moreLink: String?
    }

    /// One step of the set-up guide (`SetupGuide`), for administrators of a new company.
    struct SetupStep: Encodable {
        var key: String
        var text: String
        var link: String
        var done: Bool
    }

    struct HomeContext: Encodable {
        var layout: LayoutContext
        var setup: [SetupStep]?
        var todo: [HomeToDo]?
        var sections: [Section]
    }

    static let shown = 10

    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
    }

    func home(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let open = Set(NeedStatus.allCases.filter(\.isOpen))
        var mine = NeedQuery(), department = NeedQuery(), toAnswer = NeedQuery(), assigned = NeedQuery()
        mine.requesterID = actor.id
        mine.statuses = open
        department.requestingDepartmentID = actor.departmentID
        department.statuses = open
        toAnswer.requesterID = actor.id
        toAnswer.statuses = [.waitingOnRequester]
        assigned.assigneeID = actor.id
        assigned.statuses = open.subtracting([.waitingOnRequester])
        assigned.sort = .priority
        var wanted: [(key: String, query: NeedQuery, more: String?)] = [
            ("home.waiting_on_me", toAnswer, nil),
            ("home.my_needs", mine, nil),
            ("home.department_needs", department, nil),
        ]
        if AccessPolicy.servesNeeds(actor) {
            wanted.insert(("home.my_queue", assigned, Site.queue + "?assignee=me"), at: 1)
        }
        var found: [(key: String, count: CappedCount, needs: [Need], more: String?)] = []
        for item in wanted {
            var query = item.query
            query.limit = Self.shown
            let page = try await request.tandem.needs.list(query, for: actor)
            let count =
                page.nextCursor == nil
                ? CappedCount.exactly(page.needs.count)
                : try await request.tandem.needs.count(query, for: actor, cappedAt: PageFormat.countCap)
            found.append((item.key, count, page.needs, item.more))
        }
        let directory = try await PageDirectory.load(request, people: found.flatMap { NeedListItem.people(in: $0.needs) })
        let format = PageFormat(request)
        let sections = found.map { section in
            Section(
                key: section.key.replacingOccurrences(of: "home.", with: ""), heading: request.t(section.key), count: section.count.value,
                countText: PageFormat.count(section.count),
                needs: section.needs.map { NeedListItem($0, directory, request, format) }, moreLink: section.more)
        }
        return try await request.page(
            "home",
            HomeContext(
                layout: LayoutContext(request, title: request.t("home.title"), section: "home"),
                setup: try await Self.setup(request, actor), todo: try await HomeToDo.load(request, actor).nonEmpty, sections: sections))
    }

    /// The set-up guide, for an administrator while the company is not set up (each fact read
    /// at a bounded cost: people are counted to two).
    static func setup(_ request: Request, _ actor: Person) async throws -> [SetupStep]? {
        guard AccessPolicy.canManageSettings(actor) else { return nil }
        let services = request.tandem
        let departments = try await services.organisation.store.departments().count
        let offerings = try await services.catalog.catalog.offerings(provider: nil).count
        let hasCalendar = try await services.serviceLevels.store.calendar(of: nil) != nil
        let hasPolicy = try await services.serviceLevels.store.policy(of: nil) != nil
        let people = try await services.organisation.store.countPeople(upTo: 2)
        let facts = SetupGuide.Facts(
            departments: departments, people: people, offerings: offerings, hasCalendar: hasCalendar, hasPolicy: hasPolicy)
        let links: [SetupGuide.Step: String] = [
            .departments: Site.adminDepartments, .people: Site.adminPeople, .catalogs: Site.adminCatalog,
            .calendar: Site.adminServiceLevels, .serviceLevels: Site.adminServiceLevels,
        ]
        return SetupGuide.steps(facts)?.map { step, done in
            SetupStep(key: step.rawValue, text: request.t("setup_step.\(step.rawValue)"), link: links[step] ?? Site.home, done: done)
        }
    }
}
