import Foundation
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
            text += try await Self.gauge("tandem_needs", "Needs by status.", label: "status", request.tandem.needs.needs.countsByStatus())
        }
        text += try await Self.gauge("tandem_jobs", "Background jobs by state.", label: "state", request.tandem.jobs.store.counts())
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4"])
        return response
    }

    /// A gauge with one series per value of `label`, in the order of its cases.
    static func gauge<Value: RawRepresentable & CaseIterable>(_ name: String, _ help: String, label: String, _ counts: [Value: Int])
        -> String
    where Value.RawValue == String {
        "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
            + Value.allCases.map { "\(name){\(label)=\"\($0.rawValue)\"} \(counts[$0] ?? 0)\n" }.joined()
    }
}
