import Foundation
import TandemCore
import TandemWeb
import Vapor
import VaporTesting

/// Runs `body` against a fully configured Tandem application on a fresh database of the given
/// kind (a real SQLite file, or a real PostgreSQL database), then tears everything down.
public func withTestApp<T: Sendable>(
    _ database: TestDatabase, environment overrides: [String: String] = [:],
    _ body: (TestApp) async throws -> T
) async throws -> T {
    let (url, directory, cleanUp): (String, URL, @Sendable () async -> Void)
    do { (url, directory, cleanUp) = try await database.provision() } catch { throw DriverErrorDetails.revealing(error) }
    do {
        let result = try await withTestApp(url: url, dataDirectory: directory, environment: overrides, body)
        await cleanUp()
        return result
    } catch {
        await cleanUp()
        throw error
    }
}

/// Runs `body` against an application on an existing database and data directory (which stay).
public func withTestApp<T: Sendable>(
    url: String, dataDirectory: URL, environment overrides: [String: String] = [:],
    _ body: (TestApp) async throws -> T
) async throws -> T {
    var environment = [
        "DATABASE_URL": url, "TANDEM_DATA_DIR": dataDirectory.path, "TANDEM_BCRYPT_COST": "4", "LOG_LEVEL": "warning",
        // NB: the tests' chat and webhook receivers listen on this machine.
        "TANDEM_CHANNEL_ALLOWED_HOSTS": "127.0.0.1",
    ]
    environment.merge(overrides) { $1 }
    let app = try await Application.make(.testing)
    do {
        try await configure(app, try TandemConfiguration.fromEnvironment(environment))
        let result = try await body(TestApp(app: app))
        try await app.asyncShutdown()
        return result
    } catch {
        try? await app.asyncShutdown()
        throw DriverErrorDetails.revealing(error)
    }
}

/// An error of a database driver with the details its own description hides (PostgresNIO's
/// errors print only "Generic description…"), so a failing test says what the server answered.
public struct DriverErrorDetails: Error, CustomStringConvertible {
    public let description: String

    static func revealing(_ error: any Error) -> any Error {
        guard !(error is TandemError), String(describing: error).contains("Generic description") else { return error }
        return DriverErrorDetails(description: String(reflecting: error))
    }
}

/// A configured application and a way to send it requests.
public struct TestApp: Sendable {
    public let app: Application

    public var services: TandemServices { app.tandem }

    /// Sends a request through the whole middleware stack. `token` signs it in as a person;
    /// `json` is sent as the body verbatim (so tests can send broken JSON too).
    public func request(
        _ method: HTTPMethod, _ path: String, token: String? = nil, json: String? = nil, body: Data? = nil,
        headers extra: [(String, String)] = []
    ) async throws -> TestResponse {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        var buffer = ByteBuffer()
        if let json {
            headers.contentType = .json
            buffer.writeString(json)
        } else if let body {
            buffer.writeBytes(body)
        }
        for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
        let response = try await app.testing().performTest(
            request: TestingHTTPRequest(method: method, url: URI(path: path), headers: headers, body: buffer))
        return TestResponse(status: response.status, headers: response.headers, body: Data(response.body.readableBytesView))
    }

    /// Encodes `value` as the API's JSON and sends it.
    public func send<Body: Encodable>(_ method: HTTPMethod, _ path: String, token: String?, _ value: Body) async throws -> TestResponse {
        let data = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)))
        return try await request(method, path, token: token, json: String(decoding: data, as: UTF8.self))
    }
}

/// A response, with its JSON body at hand.
public struct TestResponse: Sendable {
    public let status: HTTPResponseStatus
    public let headers: HTTPHeaders
    public let body: Data

    /// The body as a JSON object (empty when it is not one).
    public var object: [String: Any] {
        ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:]
    }

    public subscript(key: String) -> String? { object[key] as? String }

    /// The `items` of a list response.
    public var items: [[String: Any]] { (object["items"] as? [[String: Any]]) ?? [] }

    public var errorCode: String? { (object["error"] as? [String: Any])?["code"] as? String }
    public var errorField: String? { (object["error"] as? [String: Any])?["field"] as? String }
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The text inside the page element with this id, up to its first inner tag (`nil` when absent).
    public func element(_ id: String) -> String? {
        guard let start = text.range(of: "id=\"\(id)\"") else { return nil }
        guard let open = text[start.upperBound...].firstIndex(of: ">") else { return nil }
        let rest = text[text.index(after: open)...]
        return String(rest[..<(rest.firstIndex(of: "<") ?? rest.endIndex)])
    }
}

extension TestApp {
    /// Rebuilds the services on another clock (routes and tests read them afresh each time).
    public func use(clock: any TandemCore.Clock) throws {
        let current = app.tandem
        app.tandem = try TandemServices(configuration: current.configuration, database: current.database, clock: clock, logger: app.logger)
    }

    /// Runs the background jobs until none is due.
    public func drainJobs() async {
        while await services.jobRunner.runDueOnce() > 0 {}
    }
}
