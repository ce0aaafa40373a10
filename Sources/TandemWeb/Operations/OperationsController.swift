import Foundation
import SQLKit
import TandemCore
import Vapor

/// `/health` for load balancers (it checks the database), `/health/live` (the process answers;
/// nothing else is checked) and `/metrics` for Prometheus. The metrics anyone may read are about
/// the server (requests, latency, jobs); counts of needs — confidential ones included — only for
/// an administrator (scrape with an administrator's API token: `Authorization: Bearer tdm_…`).
struct OperationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("health", use: health)
        routes.get("health", "live") { _ in Response(status: .ok, body: .init(staticString: "ok")) }
        routes.get("metrics", use: metrics)
    }

    struct Health: Encodable {
        var status: String
        var database: String
    }

    func health(_ request: Request) async throws -> Response {
        do {
            try await request.tandem.database.read { sql in try await sql.raw("SELECT 1").run() }
            return try json(Health(status: "ok", database: request.tandem.database.dialect.rawValue))
        } catch {
            return try json(Health(status: "unavailable", database: request.tandem.database.dialect.rawValue), status: .serviceUnavailable)
        }
    }

    func metrics(_ request: Request) async throws -> Response {
        var text = request.tandem.metrics.render()
        if let reader = request.signedInPerson, AccessPolicy.canManageSettings(reader) {
            struct Row: Decodable { var status: String; var count: Int }
            let rows = try await request.tandem.database.read { sql in
                try await sql.raw("SELECT status, COUNT(*) AS count FROM needs GROUP BY status").all(decoding: Row.self)
            }
            text += "# HELP tandem_needs Needs by status.\n# TYPE tandem_needs gauge\n"
            let counts = Dictionary(uniqueKeysWithValues: rows.map { ($0.status, $0.count) })
            for status in NeedStatus.allCases {
                text += "tandem_needs{status=\"\(status.rawValue)\"} \(counts[status.rawValue] ?? 0)\n"
            }
        }
        text += "# HELP tandem_jobs Background jobs by state.\n# TYPE tandem_jobs gauge\n"
        let jobs = try await request.tandem.jobs.store.counts()
        for state in Job.State.allCases { text += "tandem_jobs{state=\"\(state.rawValue)\"} \(jobs[state] ?? 0)\n" }
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4"])
        return response
    }
}
