import Foundation
import TandemCore
import Vapor

/// The provider queue (服务队列): the needs addressed to the person's department, filtered and
/// sorted, with bulk assignment and saved filters.
struct QueuePage: RouteCollection {
    struct QueueContext: Encodable {
        var layout: LayoutContext
        var department: String
        var departments: [Choice]?
        var statuses: [Choice]
        var priorities: [Choice]
        var kinds: [Choice]
        var sorts: [Choice]
        var departmentID: String
        var bulkPicker: PickerContext
        var assigneePicker: PickerContext
        var text: String
        var count: String
        var needs: [NeedListItem]?
        var nextLink: String?
        var query: String
        var savedFilters: [Saved]?
        var canAssign: Bool
        var general: String?
    }

    struct Saved: Encodable {
        var id: String
        var name: String
        var link: String
    }

    static let parameters: Set<String> = [
        "status", "priority", "kind", "assignee", "assignee_lookup", "q", "sort", "cursor", "department", "done",
    ]
    static let sorts: [NeedQuery.Sort] = [.priority, .due, .oldest, .desiredDate, .newest, .updated]

    func boot(routes: any RoutesBuilder) throws {
        routes.get("queue", use: show)
        routes.get("queue", "export.csv", use: export)
        routes.post("queue", "assign", use: bulkAssign)
        routes.post("queue", "filters", use: saveFilter)
        routes.post("queue", "filters", ":filterID", "delete", use: deleteFilter)
    }

    func show(_ request: Request) async throws -> Response {
        try await request.page("queue", try await context(request, general: nil))
    }

    /// The department whose queue is shown: one's own; administrators may pick any provider.
    private func department(_ request: Request, _ actor: Person, _ values: [String: [String]]) throws -> Department.ID {
        if AccessPolicy.seesEveryDepartment(actor), let text = values["department"]?.first, !text.isEmpty {
            guard let id = Department.ID(text) else {
                throw TandemError.invalid("department", "department is not a valid id", .unknownRecord)
            }
            return id
        }
        return actor.departmentID
    }

    /// The list the queue's query string asks for, and what the page shows of it.
    private func listQuery(_ request: Request) async throws -> (
        query: NeedQuery, department: Department.ID, values: [String: [String]],
        assignee: String, text: String
    ) {
        let actor = try request.actor()
        guard AccessPolicy.worksQueue(actor) else {
            throw TandemError.forbidden("the queue is for the people who serve needs")
        }
        var values = Self.queryValues(request)
        for name in values.keys where !Self.parameters.contains(name) {
            throw TandemError.invalid(name, "unknown query parameter '\(name)'")
        }
        let departmentID = try department(request, actor, values)
        var query = NeedQuery()
        query.providingDepartmentID = departmentID
        query.statuses = Set(try (values["status"] ?? []).filter { !$0.isEmpty }.map { try Self.parse($0, NeedStatus.self, "status") })
        if query.statuses.isEmpty && values["status"] == nil { query.statuses = Set(NeedStatus.allCases.filter(\.isOpen)) }
        query.priorities = Set(try (values["priority"] ?? []).filter { !$0.isEmpty }.map { try Self.parse($0, Priority.self, "priority") })
        query.kinds = Set(try (values["kind"] ?? []).filter { !$0.isEmpty }.map { try Self.parse($0, NeedKind.self, "kind") })
        if let typed = values.removeValue(forKey: "assignee_lookup")?.first?.trimmingCharacters(in: .whitespaces), !typed.isEmpty {
            values["assignee"] = [try await Self.assignees(of: departmentID, "assignee").named(typed, request).description]
        }
        let assignee = values["assignee"]?.first ?? ""
        if assignee == "me" {
            query.assigneeID = actor.id
        } else if !assignee.isEmpty {
            guard let id = Person.ID(assignee) else { throw TandemError.invalid("assignee", "assignee is not valid") }
            query.assigneeID = id
        }
        let text = values["q"]?.first?.trimmingCharacters(in: .whitespaces) ?? ""
        query.textContains = text.isEmpty ? nil : text
        query.sort = try values["sort"]?.first.map { try Self.parse($0, NeedQuery.Sort.self, "sort") } ?? .priority
        query.limit = 50
        if let cursor = values["cursor"]?.first, !cursor.isEmpty { query.cursor = try NeedCursor(token: cursor) }
        return (query, departmentID, values, assignee, text)
    }

    /// Every need of the queue as the filters choose them, as CSV.
    func export(_ request: Request) async throws -> Response {
        var query = try await listQuery(request).query
        query.cursor = nil
        return try await NeedCSVExport.response(query, request, fileName: "queue-needs.csv")
    }

    private func context(_ request: Request, general: String?) async throws -> QueueContext {
        let actor = try request.actor()
        let (query, departmentID, values, assignee, text) = try await listQuery(request)
        let services = request.tandem
        let page = try await services.needs.list(query, for: actor)
        var counted = query
        counted.cursor = nil
        let count = try await services.needs.count(counted, for: actor, cappedAt: PageFormat.countCap)
        let filtered = Person.ID(assignee)
        let directory = try await PageDirectory.load(request, people: NeedListItem.people(in: page.needs) + [filtered].compactMap { $0 })
        let format = PageFormat(request)
        let now = services.needs.clock.now()
        let t = { (key: String) in request.t(key) }
        let queryString = Self.queryString(values.filter { $0.key != "cursor" && $0.key != "done" })
        let next = page.nextCursor.map { Site.queue + "?" + Self.queryString(values.merging(["cursor": [$0.token]]) { $1 }) }
        let saved = try await services.savedFilters.filters(for: actor).map {
            Saved(id: $0.id.description, name: $0.name, link: Site.queue + "?" + $0.query)
        }
        let departments =
            AccessPolicy.seesEveryDepartment(actor)
            ? try await services.organisation.departments(for: actor).filter(\.isProvider).map {
                Choice(value: $0.id.description, label: $0.name, selected: $0.id == departmentID)
            } : nil
        return QueueContext(
            layout: LayoutContext(request, title: t("queue.title"), section: "queue"),
            department: directory.departmentName(departmentID), departments: departments,
            statuses: NeedStatus.allCases.map {
                Choice(value: $0.rawValue, label: t("status.\($0.rawValue)"), selected: query.statuses.contains($0))
            },
            priorities: Priority.allCases.map {
                Choice(value: $0.rawValue, label: t("priority.\($0.rawValue)"), selected: query.priorities.contains($0))
            },
            kinds: NeedKind.allCases.map {
                Choice(value: $0.rawValue, label: t("kind.\($0.rawValue)"), selected: query.kinds.contains($0))
            },
            sorts: Self.sorts.map { Choice(value: $0.rawValue, label: t("sort.\($0.rawValue)"), selected: query.sort == $0) },
            departmentID: departmentID.description,
            bulkPicker: .people(id: "bulk-assignee", Self.assignees(of: departmentID, "assignee_id"), multiple: false, chosen: [], request),
            assigneePicker: .people(
                id: "filter-assignee", Self.assignees(of: departmentID, "assignee"), multiple: false,
                chosen: [
                    Choice(value: "", label: t("queue.anyone"), selected: assignee.isEmpty),
                    Choice(value: "me", label: t("queue.me"), selected: assignee == "me"),
                ]
                    + [filtered].compactMap { $0 }.map {
                        Choice(value: $0.description, label: directory.personName($0), selected: true)
                    },
                request),
            text: text, count: PageFormat.count(count),
            needs: page.needs.map { NeedListItem($0, directory, request, format).due(page.deadlines[$0.id], now: now, format, request) }
                .nonEmpty,
            nextLink: next, query: queryString, savedFilters: saved.nonEmpty,
            canAssign: actor.departmentID == departmentID || AccessPolicy.seesEveryDepartment(actor), general: general)
    }

    /// The people the queue's needs may be assigned to (and filtered by): its department's agents
    /// and managers.
    static func assignees(of department: Department.ID, _ field: String) -> PeoplePicker {
        PeoplePicker(field, among: PeopleFilter(department: department, servingOnly: true))
    }

    /// Assigns every chosen need to the chosen person; needs that cannot be assigned are named.
    func bulkAssign(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let form = try PageForm.read(request)
        let back = Site.safeReturnPath(form.string("return_to"))
        let departmentID: Department.ID = try form.id("department") ?? actor.departmentID
        guard let assignee = try await Self.assignees(of: departmentID, "assignee_id").one(form, request) else {
            throw TandemError.invalid("assignee_id", .init(translated: request.t("queue.choose_assignee")))
        }
        let ids = try form.values("need_ids").map { text -> Need.ID in
            guard let id = Need.ID(text) else { throw TandemError.invalid("need_ids", "a need id is not valid") }
            return id
        }
        guard !ids.isEmpty else { throw TandemError.invalid("need_ids", .init(translated: request.t("queue.choose_needs"))) }
        var failed: [String] = []
        for id in ids {
            do {
                _ = try await request.tandem.needs.assign(id, to: [assignee], by: actor)
            } catch let error as TandemError where error.code != .unavailable {
                failed.append(request.message(of: error))
            }
        }
        guard failed.isEmpty else {
            return try await request.page(
                "queue", try await context(request, general: request.t("queue.assign_failed", String(failed.count))),
                status: .conflict)
        }
        return request.seeOther(Site.done(back))
    }

    func saveFilter(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let form = try PageForm.read(request)
        let filter = try await request.tandem.savedFilters.save(name: form.text("name"), query: form.text("query"), by: actor)
        return request.seeOther(Site.queue + "?" + filter.query)
    }

    func deleteFilter(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        _ = try PageForm.read(request)
        try await request.tandem.savedFilters.delete(request.id("filterID", "saved filter"), by: actor)
        return request.seeOther(Site.queue)
    }

    private static func parse<Value: RawRepresentable>(_ raw: String, _ type: Value.Type, _ name: String) throws -> Value
    where Value.RawValue == String {
        guard let value = Value(rawValue: raw) else {
            throw TandemError.invalid(name, "\(name) has an unknown value '\(raw)'", .notAnOption)
        }
        return value
    }

    /// The query string with repeated names (`status=new&status=accepted`).
    static func queryValues(_ request: Request) -> [String: [String]] {
        var values: [String: [String]] = [:]
        for item in URLComponents(string: request.url.string)?.queryItems ?? [] {
            values[item.name, default: []].append(item.value ?? "")
        }
        return values
    }

    static func queryString(_ values: [String: [String]]) -> String {
        var components = URLComponents()
        components.queryItems = values.keys.sorted().flatMap { name in values[name]!.map { URLQueryItem(name: name, value: $0) } }
        return components.percentEncodedQuery ?? ""
    }
}
