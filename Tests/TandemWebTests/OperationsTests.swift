import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@testable import TandemWeb

@Suite("Operations and the API document")
struct OperationsTests {
    @Test("the OpenAPI document names exactly the registered API routes", arguments: TestDatabase.all)
    func documentMatchesRoutes(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            // setup
            let registered = Set(
                app.app.routes.all.compactMap { route -> String? in
                    let path = "/" + route.path.map(\.description).joined(separator: "/")
                    return path.hasPrefix("/api/v1") ? "\(route.method.rawValue) \(path)" : nil
                })
            // MUT
            let response = try await app.request(.GET, "/api/v1/openapi.json")
            // validate
            #expect(response.status == .ok)
            #expect(response["openapi"] == "3.1.0")
            let paths = try #require(response.object["paths"] as? [String: [String: Any]])
            var documented: Set<String> = []
            for (path, operations) in paths {
                let vaporPath = path.split(separator: "/").map { $0.hasPrefix("{") ? ":" + $0.dropFirst().dropLast() : String($0) }
                    .joined(separator: "/")
                for method in operations.keys { documented.insert("\(method.uppercased()) /\(vaporPath)") }
            }
            #expect(registered.subtracting(documented).isEmpty, "routes missing from the document")
            #expect(documented.subtracting(registered).isEmpty, "documented routes that do not exist")
            #expect(registered.count >= 30)
        }
    }

    @Test("health checks the database; metrics count requests by route and needs by status", arguments: TestDatabase.all)
    func healthAndMetrics(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            _ = try await company.raise("指标", by: company.salesEmployee, in: app)
            let health = try await app.request(.GET, "/health")
            #expect(health.status == .ok)
            #expect(health["status"] == "ok")
            #expect(health["database"] == "\(database)".lowercased().replacingOccurrences(of: "postgresql", with: "postgres"))
            let live = try await app.request(.GET, "/health/live")
            #expect(live.status == .ok)
            #expect(live.text == "ok")
            _ = try await app.request(.GET, "/api/v1/needs", token: company.token(company.admin))
            let metrics = try await app.request(.GET, "/metrics")
            #expect(metrics.text.contains(#"tandem_http_requests_total{method="GET",route="/api/v1/needs",status="200"} 1"#))
            #expect(!metrics.text.contains("tandem_needs"), "nobody signed in learns how many needs there are")
            let agent = try await app.request(.GET, "/metrics", token: company.token(company.itAgent))
            #expect(!agent.text.contains("tandem_needs"), "nor does anyone who may not see every need")
            let scraped = try await app.request(.GET, "/metrics", token: company.token(company.admin))
            #expect(scraped.text.contains(#"tandem_needs{status="new"} 1"#))
            #expect(metrics.text.contains("tandem_http_request_duration_seconds_bucket"))
        }
    }

    @Test func configurationNamesEveryProblem() {
        #expect {
            _ = try TandemConfiguration.fromEnvironment([
                "DATABASE_URL": "mysql://x", "TANDEM_TIME_ZONE": "Mars/Base", "TANDEM_BCRYPT_COST": "99", "LOG_LEVEL": "loud",
            ])
        } throws: { error in
            let text = String(describing: error)
            return text.contains("DATABASE_URL") && text.contains("TANDEM_TIME_ZONE") && text.contains("TANDEM_BCRYPT_COST")
                && text.contains("LOG_LEVEL")
        }
    }

    @Test func malformedPostgresURL() {
        #expect {
            _ = try TandemConfiguration.fromEnvironment(["DATABASE_URL": "postgres://tandem_bench?tandem@127.0.0.1"])
        } throws: { error in
            String(describing: error).contains("DATABASE_URL must look like postgres://")
        }
    }

    @Test func configurationDefaults() throws {
        let configuration = try TandemConfiguration.fromEnvironment([:])
        #expect(configuration.dataDirectory.lastPathComponent == "tandem-data")
        #expect(configuration.database == .sqlite(path: configuration.dataDirectory.appendingPathComponent("tandem.sqlite").path))
        #expect(configuration.timeZone.identifier == "Asia/Shanghai")
        let postgres = try TandemConfiguration.fromEnvironment(["DATABASE_URL": "postgres://u:p@127.0.0.1/db"])
        #expect(postgres.database == .postgres(url: "postgres://u:p@127.0.0.1/db"))
    }

    @Test("metric label values are escaped as the exposition format writes them")
    func labelEscaping() {
        #expect(RequestMetrics.escaped(#"/a"b\c"#) == #"/a\"b\\c"#)
        #expect(RequestMetrics.escaped("x\ny") == #"x\ny"#)
        #expect(RequestMetrics.escaped("/api/v1/needs/:needID") == "/api/v1/needs/:needID")
    }
}
