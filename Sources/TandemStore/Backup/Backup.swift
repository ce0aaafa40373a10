import FluentSQLiteDriver
import Foundation
import Logging
import TandemCore

/// Where a Tandem installation keeps its data: the database and the attachment directory.
public struct DataLocation: Sendable {
    public enum Database: Sendable, Equatable {
        case sqlite(path: String)
        case postgres(url: String)
    }

    public var database: Database
    public var attachments: URL

    public init(database: Database, attachments: URL) {
        self.database = database
        self.attachments = attachments
    }
}

/// Online, consistent backups and their restore: the database (SQLite's `VACUUM INTO`, or
/// `pg_dump` for PostgreSQL), every attachment, and a manifest.
///
/// A backup is a directory: `manifest.json`, `database.sqlite` or `database.sql`, `attachments/`.
public enum Backup {
    public struct Manifest: Codable, Sendable, Equatable {
        public var createdAt: Date
        public var database: String
        public var attachments: Int
        enum CodingKeys: String, CodingKey { case createdAt = "created_at", database, attachments }
    }

    /// Writes a backup of `location` into a new directory `destination` (which must not exist).
    @discardableResult
    public static func create(of location: DataLocation, at destination: URL, logger: Logger) async throws -> Manifest {
        let files = FileManager.default
        guard !files.fileExists(atPath: destination.path) else {
            throw TandemError.invalid("destination", "\(destination.path) exists already; name a new directory")
        }
        try files.createDirectory(at: destination, withIntermediateDirectories: true)
        let kind: String
        switch location.database {
        case .sqlite(let path):
            // NB: VACUUM INTO copies a consistent snapshot while the server keeps working.
            let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            do {
                _ = try await connection.query("VACUUM INTO ?", [.text(destination.appendingPathComponent("database.sqlite").path)])
                try await connection.close()
            } catch {
                try? await connection.close()
                throw error
            }
            kind = "sqlite"
        case .postgres(let url):
            try run(
                "pg_dump",
                [
                    "--dbname=\(libpqURL(url))", "--no-owner", "--no-privileges",
                    "--file=\(destination.appendingPathComponent("database.sql").path)",
                ])
            kind = "postgres"
        }
        let copied = try copyTree(from: location.attachments, to: destination.appendingPathComponent("attachments"))
        let manifest = Manifest(createdAt: Date(), database: kind, attachments: copied)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(manifest).write(to: destination.appendingPathComponent("manifest.json"))
        return manifest
    }

    /// Restores a backup into `location`, whose database must be empty or not exist yet.
    /// Stop the server first: a running one would keep the old database open.
    public static func restore(from source: URL, into location: DataLocation) throws -> Manifest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let data = FileManager.default.contents(atPath: source.appendingPathComponent("manifest.json").path),
            let manifest = try? decoder.decode(Manifest.self, from: data)
        else { throw TandemError.invalid("source", "\(source.path) is not a Tandem backup (no manifest.json)") }
        switch (location.database, manifest.database) {
        case (.sqlite(let path), "sqlite"):
            let files = FileManager.default
            if let size = (try? files.attributesOfItem(atPath: path))?[.size] as? Int, size > 0 {
                throw TandemError.invalid("destination", "\(path) exists already; restore into a new data directory")
            }
            try? files.removeItem(atPath: path)
            try files.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try files.copyItem(atPath: source.appendingPathComponent("database.sqlite").path, toPath: path)
        case (.postgres(let url), "postgres"):
            try run(
                "psql",
                [
                    "--dbname=\(libpqURL(url))", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1",
                    "--file=\(source.appendingPathComponent("database.sql").path)",
                ])
        default:
            throw TandemError.invalid("source", "this is a \(manifest.database) backup; the configured database is another kind")
        }
        _ = try copyTree(from: source.appendingPathComponent("attachments"), to: location.attachments)
        return manifest
    }

    /// PostgresNIO's URL with libpq's spelling of the TLS option.
    static func libpqURL(_ url: String) -> String {
        guard var parts = URLComponents(string: url) else { return url }
        let disabled = parts.queryItems?.contains { $0.name == "tlsmode" && $0.value == "disable" } ?? false
        parts.queryItems = disabled ? [URLQueryItem(name: "sslmode", value: "disable")] : nil
        return parts.string ?? url
    }

    /// Copies every file below `source` to the same place below `destination`; returns the count.
    static func copyTree(from source: URL, to destination: URL) throws -> Int {
        let files = FileManager.default
        try files.createDirectory(at: destination, withIntermediateDirectories: true)
        guard files.fileExists(atPath: source.path) else { return 0 }
        var count = 0
        for relative in try files.subpathsOfDirectory(atPath: source.path) {
            let from = source.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard files.fileExists(atPath: from.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                !relative.split(separator: "/").last!.hasPrefix(".incoming-")
            else { continue }
            let to = destination.appendingPathComponent(relative)
            try files.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
            if files.fileExists(atPath: to.path) { try files.removeItem(at: to) }
            try files.copyItem(at: from, to: to)
            count += 1
        }
        return count
    }

    /// Runs a PostgreSQL client program; its error output becomes the error.
    static func run(_ program: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw TandemError(.unavailable, "\(program) could not be started: \(error)")
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TandemError(.unavailable, "\(program) failed: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }
}
