import Foundation
import TandemCore
import Vapor

/// Names of departments and people, looked up once per page.
struct PageDirectory {
    var departments: [Department.ID: Department] = [:]
    var people: [Person.ID: Person] = [:]

    static func load(_ request: Request, people ids: [Person.ID]) async throws -> PageDirectory {
        let actor = try request.actor()
        async let departments = request.tandem.organisation.departments(for: actor)
        async let people = request.tandem.organisation.people(ids, for: actor)
        return PageDirectory(
            departments: Dictionary(try await departments.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
            people: Dictionary(try await people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    func departmentName(_ id: Department.ID) -> String { departments[id]?.name ?? "—" }
    /// A person's name; Tandem itself for what the service-level watcher did.
    func personName(_ id: Person.ID) -> String { id == NeedEvent.systemActor ? "Tandem" : people[id]?.displayName ?? "—" }
}

/// A need as a row of a list (home, queue).
struct NeedListItem: Encodable {
    var id: String
    var number: String
    var link: String
    var title: String
    var status: String
    var statusLabel: String
    var priority: String
    var priorityLabel: String
    var kindLabel: String
    var requester: String
    var requestingDepartment: String
    var providingDepartment: String
    var assignees: String
    var created: String
    var createdMachine: String
    var desiredDate: String?
    var isConfidential: Bool
    /// When the resolution target runs out, and how close that is (`warning`, `breached`).
    var due: String?
    var dueState: String?
    var dueStateLabel: String?

    init(_ need: Need, _ directory: PageDirectory, _ request: Request, _ format: PageFormat) {
        id = need.id.description
        number = need.number.description
        link = Site.need(need.number)
        title = need.title
        status = need.status.rawValue
        statusLabel = request.t("status.\(need.status.rawValue)")
        priority = need.priority.rawValue
        priorityLabel = request.t("priority.\(need.priority.rawValue)")
        kindLabel = request.t("kind.\(need.kind.rawValue)")
        requester = directory.personName(need.requesterID)
        requestingDepartment = directory.departmentName(need.requestingDepartmentID)
        providingDepartment = directory.departmentName(need.providingDepartmentID)
        assignees = need.assigneeIDs.map(directory.personName).joined(separator: ", ")
        created = format.dateTime(need.createdAt)
        createdMachine = format.machine(need.createdAt)
        desiredDate = need.desiredDate.map(format.date)
        isConfidential = need.isConfidential
    }

    /// Adds the need's resolution due time, marked when its warning share is used or it is past.
    func due(_ deadlines: ServiceLevelDeadlines?, now: Date, _ format: PageFormat, _ request: Request) -> NeedListItem {
        guard let dueAt = deadlines?.resolutionDueAt else { return self }
        var item = self
        item.due = format.dateTime(dueAt)
        if now >= dueAt {
            item.dueState = "breached"
        } else if let warningAt = deadlines?.resolutionWarningAt, now >= warningAt {
            item.dueState = "warning"
        }
        item.dueStateLabel = item.dueState.map { $0 == "breached" ? request.t("queue.due_breached") : request.t("queue.due_warning") }
        return item
    }

    /// Everyone a list of needs names: requesters and assignees.
    static func people(in needs: [Need]) -> [Person.ID] {
        needs.flatMap { [$0.requesterID] + $0.assigneeIDs }
    }
}
