import Foundation
import NIOCore
import TandemCore
import Vapor

/// Every need a search finds, best first, as CSV for Excel in the reader's language: with where
/// the words were found and the passage. Streamed a chunk at a time — no row cap. The search is
/// checked before the answer starts, so a bad one is still a 4xx.
enum SearchCSVExport {
    static func response(_ search: NeedSearch, _ request: Request) async throws -> Response {
        let actor = try request.actor()
        _ = try search.validated()
        let services = request.tandem
        let departments = Dictionary(
            try await services.organisation.departments(for: actor).map { ($0.id, $0.name) },
            uniquingKeysWith: { name, _ in name })
        let header = (NeedCSVExport.leadingHeader + ["list.created", "search.found_in", "search.passage"]).map { request.t($0) }
        let response = Response(
            status: .ok,
            body: .init(asyncStream: { writer in
                let format = PageFormat(request)
                let t = { (key: String) in request.t(key) }
                try await writer.writeBuffer(ByteBuffer(string: CSVText.byteOrderMark + CSVText.line(header)))
                try await services.search.everyHit(search, for: actor) { hits in
                    let people = Dictionary(
                        try await services.organisation.people(hits.map(\.need.requesterID), for: actor).map { ($0.id, $0.displayName) },
                        uniquingKeysWith: { name, _ in name })
                    var buffer = ByteBuffer()
                    for hit in hits {
                        let need = hit.need
                        buffer.writeString(
                            CSVText.line(
                                NeedCSVExport.leadingFields(need, departments: departments, people: people, t) + [
                                    format.dateTime(need.createdAt),
                                    hit.snippetSource.map { t("search_source.\($0.rawValue)") } ?? "", hit.snippet?.text ?? "",
                                ]))
                    }
                    try await writer.writeBuffer(buffer)
                }
                try await writer.write(.end)
            }))
        CSVText.describe(response, fileName: "search-results.csv")
        return response
    }
}
