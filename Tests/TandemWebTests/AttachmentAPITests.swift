import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@Suite("Attachments API")
struct AttachmentAPITests {
    @Test("a file is stored, listed, downloaded intact, and hidden from who may not read the need", arguments: TestDatabase.all)
    func roundTrip(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await company.raise("附件", by: company.salesEmployee, in: app)
            let bytes = Data("%PDF-1.7\n".utf8) + Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            let name = "季度报告.pdf".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            // MUT
            let uploaded = try await app.request(
                .POST, "/api/v1/needs/\(need.id)/attachments?file_name=\(name)",
                token: company.token(company.salesEmployee), body: bytes,
                headers: [("Content-Type", "application/pdf")])
            // validate
            #expect(uploaded.status == .created, "\(uploaded.text)")
            #expect(uploaded["file_name"] == "季度报告.pdf")
            #expect(uploaded.object["byte_count"] as? Int == bytes.count)
            let id = try #require(uploaded["id"])
            let download = try await app.request(.GET, "/api/v1/needs/\(need.id)/attachments/\(id)", token: company.token(company.itAgent))
            #expect(download.status == .ok)
            #expect(download.body == bytes)
            #expect(download.headers.first(name: .contentDisposition)?.contains("filename*=UTF-8''") == true)
            let listed = try await app.request(.GET, "/api/v1/needs/\(need.id)/attachments", token: company.token(company.salesColleague))
            #expect(listed.items.count == 1)
            let outsider = try await app.request(.GET, "/api/v1/needs/\(need.id)/attachments/\(id)", token: company.token(company.hrAgent))
            #expect(outsider.status == .notFound)
            let events = try await app.services.needs.needs.events(of: need.id)
            #expect(events.last?.kind == .attached)
        }
    }

    @Test("types outside the list, empty files and files over the limit are refused, and nothing is kept", arguments: TestDatabase.all)
    func refused(database: TestDatabase) async throws {
        try await withTestApp(database, environment: ["TANDEM_MAX_UPLOAD_MB": "1"]) { app in
            let company = try await TestCompany.make(in: app)
            let need = try await company.raise("附件", by: company.salesEmployee, in: app)
            let path = "/api/v1/needs/\(need.id)/attachments?file_name=a.exe"
            let token = company.token(company.salesEmployee)
            let exe = try await app.request(
                .POST, path, token: token, body: Data([1, 2, 3]), headers: [("Content-Type", "application/x-msdownload")])
            #expect(exe.status == .unprocessableEntity)
            #expect(exe.errorField == "content_type")
            let big = try await app.request(
                .POST, "/api/v1/needs/\(need.id)/attachments?file_name=big.txt", token: token,
                body: Data(repeating: 65, count: 1_200_000), headers: [("Content-Type", "text/plain")])
            #expect(big.status == .payloadTooLarge)
            let disguised = try await app.request(
                .POST, "/api/v1/needs/\(need.id)/attachments?file_name=report.pdf", token: token,
                body: Data([0x4D, 0x5A, 0x90, 0x00, 0x03]), headers: [("Content-Type", "application/pdf")])
            #expect(disguised.status == .unprocessableEntity)
            #expect(disguised.errorField == "content_type")
            let noName = try await app.request(
                .POST, "/api/v1/needs/\(need.id)/attachments", token: token, body: Data([1]),
                headers: [("Content-Type", "text/plain")])
            #expect(noName.errorField == "file_name")
            #expect(try await app.services.needs.needs.attachments(of: need.id).isEmpty)
            let stored = try FileManager.default.subpathsOfDirectory(atPath: app.services.blobs.directory.path)
            #expect(stored.filter { !$0.hasSuffix("/") && $0.contains("-") }.isEmpty, "no blob left behind: \(stored)")
        }
    }
}
