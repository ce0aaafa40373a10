import Foundation
import NIOCore
import TandemCore
import Vapor

/// Every need of a list (the API's filters, the queue's) as CSV for Excel, in the reader's
/// language, streamed page by page — no row cap, and memory stays flat however long the list.
/// The first page is read before the answer starts, so a bad filter is still a 4xx.
enum NeedCSVExport {
    static let pageSize = NeedQuery.maxLimit

    /// The columns every export of needs starts with (translation keys).
    static let leadingHeader = [
        "list.number", "list.title", "list.status", "list.priority", "export.kind", "list.from", "list.to", "export.requester",
    ]

    /// A need's values in the leading columns.
    static func leadingFields(_ need: Need, departments: [Department.ID: String], people: [Person.ID: String], _ t: (String) -> String)
        -> [String]
    {
        [
            need.number.description, need.title, t("status.\(need.status.rawValue)"), t("priority.\(need.priority.rawValue)"),
            t("kind.\(need.kind.rawValue)"), departments[need.requestingDepartmentID] ?? "", departments[need.providingDepartmentID] ?? "",
            people[need.requesterID] ?? "",
        ]
    }

    static func response(_ query: NeedQuery, _ request: Request, fileName: String) async throws -> Response {
        let actor = try request.actor()
        let services = request.tandem
        var first = query
        first.limit = pageSize
        first.cursor = nil
        let firstPage = try await services.needs.list(first, for: actor)
        let departments = Dictionary(
            try await services.organisation.departments(for: actor).map { ($0.id, $0.name) },
            uniquingKeysWith: { name, _ in name })
        let header =
            (leadingHeader + [
                "list.assignees", "list.created", "export.updated", "export.resolved", "list.desired", "triage.effort",
                "need.confidential",
            ]).map { request.t($0) }
        let response = Response(
            status: .ok,
            body: .init(asyncStream: { writer in
                let format = PageFormat(request)
                let t = { (key: String) in request.t(key) }
                var page = firstPage
                var buffer = ByteBuffer(string: CSVText.byteOrderMark + CSVText.line(header))
                while true {
                    let ids = Array(Set(page.needs.flatMap { [$0.requesterID] + $0.assigneeIDs }))
                    let people = Dictionary(
                        try await services.organisation.people(ids, for: actor).map { ($0.id, $0.displayName) },
                        uniquingKeysWith: { name, _ in name })
                    for need in page.needs {
                        buffer.writeString(
                            CSVText.line(
                                leadingFields(need, departments: departments, people: people, t) + [
                                    need.assigneeIDs.compactMap { people[$0] }.joined(separator: "、"),
                                    format.dateTime(need.createdAt), format.dateTime(need.updatedAt),
                                    need.resolvedAt.map(format.dateTime) ?? "",
                                    need.desiredDate?.description ?? "", need.effortHours.map { "\($0)" } ?? "",
                                    need.isConfidential ? "✓" : "",
                                ]))
                    }
                    try await writer.writeBuffer(buffer)
                    buffer.clear()
                    guard let cursor = page.nextCursor else { break }
                    var next = query
                    next.limit = pageSize
                    next.cursor = cursor
                    page = try await services.needs.list(next, for: actor)
                }
                try await writer.write(.end)
            }))
        CSVText.describe(response, fileName: fileName)
        return response
    }
}
