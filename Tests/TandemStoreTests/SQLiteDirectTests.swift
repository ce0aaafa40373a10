import Foundation
import NIOConcurrencyHelpers
import SQLKit
import SQLiteKit
import Testing

@testable import TandemSQLite
@testable import TandemStore

@Suite("SQLite called directly")
struct SQLiteDirectTests {
    /// A new empty directory for a test's files (the test removes it).
    private static func scratchDirectory(_ name: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-\(name)-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private struct Row: Encodable, Sendable {
        var id: Int
        var name: String?
        var odd_name: Bool
        enum CodingKeys: String, CodingKey { case id, name, odd_name = "odd\"name" }
    }

    // NB: on PostgreSQL every store test inserts its needs, events, jobs and notifications this way.
    @Test("inserts are written out with their names quoted, one row or many")
    func rowInserts() throws {
        // setup
        let rows = [Row(id: 1, name: "甲", odd_name: true), Row(id: 2, name: nil, odd_name: false)]
        let sqlite = try SQLiteHandle(path: ":memory:", pragmas: []).sql(logger: .init(label: "test"))
        // MUT
        let insert = try RowInsert(rows, into: "things", ignoringConflicts: true)
        let (sql, binds) = sqlite.serialize(insert)
        // validate
        #expect(sql == #"INSERT INTO "things" ("id", "name", "odd""name") VALUES (?1, ?2, ?3), (?4, NULL, ?5) ON CONFLICT DO NOTHING"#)
        #expect(binds.count == 5)
        #expect(throws: RowInsertError.self) { try RowInsert([["a": 1], ["b": 2]], into: "things", ignoringConflicts: false) }
    }

    @Test("an insert runs, rows come back with their types, a unique key is kept, a bad statement names its problem")
    func statements() async throws {
        // setup
        let sql = try SQLiteHandle(path: ":memory:", pragmas: []).sql(logger: .init(label: "test"))
        try await sql.raw("CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT, \"odd\"\"name\" INTEGER NOT NULL)").run()
        // MUT
        try await sql.insertRows([Row(id: 1, name: "甲乙", odd_name: true), Row(id: 2, name: nil, odd_name: false)], into: "things")
        try await sql.insertRows(
            [Row(id: 2, name: "kept out", odd_name: true), Row(id: 3, name: "c", odd_name: true)],
            into: "things", ignoringConflicts: true)
        struct Found: Decodable, Equatable { var id: Int; var name: String?; var flag: Bool }
        let found = try await sql.raw("SELECT id, name, \"odd\"\"name\" AS flag FROM things ORDER BY id").all(decoding: Found.self)
        // validate
        #expect(found == [Found(id: 1, name: "甲乙", flag: true), Found(id: 2, name: nil, flag: false), Found(id: 3, name: "c", flag: true)])
        await #expect { try await sql.insertRows([Row(id: 1, name: "again", odd_name: true)], into: "things") } throws: { error in
            String(describing: error).contains("UNIQUE constraint failed: things.id")
        }
        await #expect { try await sql.raw("SELECT missing FROM nowhere").run() } throws: { error in
            String(describing: error).contains("no such table: nowhere")
        }
    }

    @Test("a write is acknowledged once its log is on disk; a log that cannot be synced fails every write waiting on it")
    func syncing() async throws {
        // setup
        let directory = try Self.scratchDirectory("sync")
        defer { try? FileManager.default.removeItem(at: directory) }
        let present = directory.appendingPathComponent("present.sqlite").path
        FileManager.default.createFile(atPath: present + "-wal", contents: Data("log".utf8))
        let missing = directory.appendingPathComponent("missing.sqlite").path
        // MUT
        func outcomes(_ path: String) async -> [String] {
            let syncer = WALSyncer(databasePath: path)
            defer { syncer.stop() }
            return await withTaskGroup(of: String.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        await withCheckedContinuation { continuation in
                            syncer.whenDurable { result in
                                switch result {
                                case .success: continuation.resume(returning: "synced")
                                case .failure(let error): continuation.resume(returning: String(describing: error))
                                }
                            }
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
        }
        let synced = await outcomes(present)
        let failed = await outcomes(missing)
        // validate
        #expect(synced == Array(repeating: "synced", count: 20))
        #expect(failed.count == 20)
        #expect(failed.allSatisfy { $0.contains("could not be synced") && $0.contains("open") })
    }

    @Test("the log is copied back into the database beside the writer, and the writer copies it itself past its limit")
    func checkpoints() async throws {
        // setup: a writer in WAL mode that leaves its checkpoints to a checkpointer (SQLite's own
        // automatic checkpoint off, so that only the checkpointer can copy the log back)
        let directory = try Self.scratchDirectory("checkpoint")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("db.sqlite").path
        let writer = try SQLiteHandle(
            path: path,
            pragmas: [
                "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
                "PRAGMA wal_autocheckpoint = 0",
            ])
        let checkpointer = SQLiteCheckpointer(path: path)
        defer { checkpointer.stop() }
        writer.handCheckpoints(to: checkpointer)
        try writer.execute("CREATE TABLE pages (body BLOB NOT NULL)", []) { _ in }
        let sizeBefore = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        // MUT: some 3,000 pages of log in 30 commits
        for _ in 0..<30 {
            try writer.execute("BEGIN", []) { _ in }
            for _ in 0..<100 { try writer.execute("INSERT INTO pages (body) VALUES (randomblob(4000))", []) { _ in } }
            try writer.execute("COMMIT", []) { _ in }
        }
        // validate: the database file receives the pages without the writer checkpointing
        var sizeAfter = sizeBefore
        for _ in 0..<100 where sizeAfter < 8_000_000 {
            try await Task.sleep(for: .milliseconds(100))
            sizeAfter = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        }
        #expect(sizeBefore < 100_000)
        #expect(sizeAfter >= 8_000_000, "the checkpointer copied the log back")
        #expect(!checkpointer.logGrew(to: SQLiteCheckpointer.inlinePages - 1))
        #expect(checkpointer.logGrew(to: SQLiteCheckpointer.inlinePages), "past its limit the writer checkpoints itself")
        writer.close()
    }
}
