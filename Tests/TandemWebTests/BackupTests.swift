import Foundation
import TandemCore
import TandemStore
import TandemTestSupport
import TandemWeb
import Testing
import Vapor

@Suite("Backup and restore")
struct BackupTests {
    /// Every row of every table, as text, sorted: what a restore must give back exactly (the
    /// tables of ratings, surveys, evaluations … included, whatever the API shows of them).
    static func tables(_ app: TestApp) async throws -> [String: [String]] {
        struct Name: Decodable { var name: String }
        struct Line: Decodable { var line: String? }
        let sql = app.services.database.sql
        var result: [String: [String]] = [:]
        if app.services.database.dialect == .postgres {
            for table in try await sql.raw("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'").all(decoding: Name.self) {
                result[table.name] = try await sql.raw("SELECT t::text AS line FROM \(ident: table.name) t ORDER BY 1").all(
                    decoding: Line.self
                )
                .map { $0.line ?? "" }
            }
        } else {
            for table in try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all(
                decoding: Name.self)
            {
                let columns = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table.name))").all(decoding: Name.self).map(
                    \.name)
                let line = columns.map { "quote(\"\($0)\")" }.joined(separator: " || '|' || ")
                result[table.name] = try await sql.raw("SELECT \(unsafeRaw: line) AS line FROM \(ident: table.name) ORDER BY 1").all(
                    decoding: Line.self
                )
                .map { $0.line ?? "" }
            }
        }
        return result
    }

    /// Everything a person can read back through the API, as the API's own (sorted) JSON.
    static func snapshot(_ app: TestApp, token: String) async throws -> [String: String] {
        var views: [String: String] = [:]
        for path in [
            "/api/v1/departments", "/api/v1/people", "/api/v1/offerings", "/api/v1/needs?limit=200&sort=oldest",
            "/api/v1/calendars/default", "/api/v1/settings/priority-matrix", "/api/v1/service-levels/default", "/api/v1/me/tokens",
        ] {
            views[path] = try await app.request(.GET, path, token: token).text
        }
        let needs = try await app.request(.GET, "/api/v1/needs?limit=200&sort=oldest", token: token).items.compactMap {
            $0["id"] as? String
        }
        for id in needs {
            for part in ["events", "comments", "attachments"] {
                views["\(id)/\(part)"] = try await app.request(.GET, "/api/v1/needs/\(id)/\(part)", token: token).text
            }
            for attachment in try await app.request(.GET, "/api/v1/needs/\(id)/attachments", token: token).items {
                let path = "/api/v1/needs/\(id)/attachments/\(attachment["id"] as! String)"
                views[path] = try await app.request(.GET, path, token: token).body.base64EncodedString()
            }
        }
        return views
    }

    @Test("a backup restored into an empty database gives back every record and file", arguments: TestDatabase.all)
    func roundTrip(database: TestDatabase) async throws {
        // setup
        let backup = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-backup-\(UUID().uuidString)")
        let target = try await database.provision()
        defer { try? FileManager.default.removeItem(at: backup) }
        var tablesBefore: [String: [String]] = [:]
        let (before, adminToken, lastNumber) = try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            var last: Need?
            for index in 0..<5 {
                let need = try await company.raise("备份 \(index)", by: company.salesEmployee, in: app, confidential: index == 2)
                _ = try await app.services.needs.transition(need.id, .start, reply: "处理中", by: company.itManager)
                _ = try await app.services.needs.comment(on: need.id, body: "内部", visibility: .internal, by: company.itManager)
                last = need
            }
            let pdf = Data("%PDF-1.7 备份".utf8)
            let upload = try await app.request(
                .POST, "/api/v1/needs/\(last!.id)/attachments?file_name=a.pdf",
                token: company.token(company.salesEmployee), body: pdf, headers: [("Content-Type", "application/pdf")])
            #expect(upload.status == .created)
            let calendar = #"{"name":"总部","time_zone":"Asia/Shanghai","weekly_hours":{"monday":["09:00-17:00"]}}"#
            #expect(
                try await app.request(.PUT, "/api/v1/calendars/default", token: company.token(company.admin), json: calendar).status == .ok)
            // the voice of the customer too: a rating, an anonymous survey answer and its draft, an evaluation
            _ = try await app.services.needs.transition(last!.id, .resolve, by: company.itManager)
            try await app.services.satisfaction.rate(last!.id, score: 4, comment: "好", by: company.salesEmployee)
            _ = try await app.services.settings.setMinimumGroup(try MinimumGroup(3), by: company.admin)
            let survey = try await app.services.surveys.create(
                .init(
                    title: "匿名调查", isAnonymous: true,
                    questions: [SurveyQuestion(key: "q1", prompt: "要什么", kind: .raiseNeed, providerID: company.it.id)],
                    audienceDepartments: [company.sales.id]), by: company.itManager)
            try await app.services.surveys.respond(survey.id, ["q1": .text("更多显示器")], by: company.salesEmployee)
            _ = try await app.services.suggestions.submit(to: company.it.id, body: "建议", anonymous: true, by: company.salesColleague)
            // MUT: an online backup
            let manifest = try await Backup.create(of: DataLocation(app.services.configuration), at: backup, logger: app.app.logger)
            #expect(manifest.attachments == 1)
            tablesBefore = try await Self.tables(app)
            return (try await Self.snapshot(app, token: company.token(company.admin)), company.token(company.admin), last!.number)
        }
        // MUT: restore into the empty target
        let location = DataLocation(
            database: database.isPostgres ? .postgres(url: target.url) : .sqlite(path: String(target.url.dropFirst("sqlite://".count))),
            attachments: target.dataDirectory.appendingPathComponent("attachments"))
        _ = try Backup.restore(from: backup, into: location)
        // validate
        try await withTestApp(url: target.url, dataDirectory: target.dataDirectory) { app in
            let tablesAfter = try await Self.tables(app)
            #expect(tablesBefore.count >= 30 && tablesAfter.keys.sorted() == tablesBefore.keys.sorted())
            for table in tablesBefore.keys.sorted() { #expect(tablesAfter[table] == tablesBefore[table], "table \(table)") }
            for table in ["need_ratings", "survey_responses", "survey_participation", "need_drafts", "suggestions"] {
                #expect(tablesBefore[table]?.count == 1, "\(table) has its row")
            }
            let after = try await Self.snapshot(app, token: adminToken)
            #expect(after.keys.sorted() == before.keys.sorted())
            for key in before.keys.sorted() { #expect(after[key] == before[key], "\(key)") }
            #expect(before.count > 15)
            // numbering continues after the restored needs
            let requester = try #require(try await app.services.organisation.store.person(login: "xiaoming"))
            let it = try #require(try await app.services.organisation.store.departments().first { $0.code == "IT" })
            let next = try await app.services.needs.raise(
                RaiseNeedInput(title: "恢复后", kind: .information, providingDepartmentID: it.id), by: requester)
            #expect(next.number.sequence == lastNumber.sequence + 1)
        }
        // a second restore into the same, now filled, database is refused
        #expect(throws: TandemError.self) { try Backup.restore(from: backup, into: location) }
        await target.cleanUp()
    }
}

extension TestDatabase {
    var isPostgres: Bool {
        if case .postgres = self { return true }
        return false
    }
}
