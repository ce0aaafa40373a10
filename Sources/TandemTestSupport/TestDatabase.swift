import FluentPostgresDriver
import Foundation
import Logging
import NIOPosix
import Testing

/// A database a test runs on: a fresh SQLite file always, and a fresh PostgreSQL database too
/// when `TANDEM_TEST_POSTGRES_URL` names a server.
public enum TestDatabase: Sendable, CustomTestStringConvertible, CustomStringConvertible {
    case sqlite
    case postgres(serverURL: String)

    /// Every database the tests should run on in this environment.
    public static var all: [TestDatabase] {
        var databases: [TestDatabase] = [.sqlite]
        if let url = ProcessInfo.processInfo.environment["TANDEM_TEST_POSTGRES_URL"], !url.isEmpty {
            databases.append(.postgres(serverURL: url))
        }
        return databases
    }

    public var description: String {
        switch self {
        case .sqlite: return "SQLite"
        case .postgres: return "PostgreSQL"
        }
    }

    public var testDescription: String { description }

    /// Creates an empty database and a data directory; returns the `DATABASE_URL`, the directory
    /// and a clean-up to call after.
    public func provision() async throws -> (url: String, dataDirectory: URL, cleanUp: @Sendable () async -> Void) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let removeDirectory: @Sendable () -> Void = { try? FileManager.default.removeItem(at: directory) }
        switch self {
        case .sqlite:
            return ("sqlite://" + directory.appendingPathComponent("test.sqlite").path, directory, { removeDirectory() })
        case .postgres(let serverURL):
            let name = "tandem_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            try await PostgresAdmin.run("CREATE DATABASE \(name)", serverURL: serverURL)
            guard var components = URLComponents(string: serverURL) else { throw PostgresAdmin.BadURL() }
            components.path = "/" + name
            return (
                components.string!, directory,
                {
                    try? await PostgresAdmin.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", serverURL: serverURL)
                    removeDirectory()
                }
            )
        }
    }
}

/// Runs one statement on the server's own database, for creating and dropping test databases.
enum PostgresAdmin {
    struct BadURL: Error {}

    static func run(_ statement: String, serverURL: String) async throws {
        guard let components = URLComponents(string: serverURL), let host = components.host else { throw BadURL() }
        let configuration = PostgresConnection.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: String(components.path.dropFirst()).nilIfEmpty ?? "postgres", tls: .disable)
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1,
            logger: Logger(label: "tandem.test.postgres-admin"))
        do {
            _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: Logger(label: "tandem.test.postgres-admin"))
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
