import Foundation
import TandemCore
import TandemTestSupport
import Testing

@testable import TandemWeb

@Suite("Duplicates at triage, and merging one need into another")
struct MergeTests {
    static func json(_ into: String) -> String { "{\"into\": \"\(into)\"}" }

    @Test(
        "the provider sees a duplicate from another department and merges it: history, replies, notes and files kept, the requester follows and is told",
        arguments: TestDatabase.all)
    func merge(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let agent = company.itAgent, agentToken = try company.token(agent)
            let kept = try await SearchAPITests.raise(app, company, "三楼打印机卡纸", "每打几页就卡纸")
            let duplicate = try await SearchAPITests.raise(app, company, "三楼的打印机又卡纸了", "人事部也遇到了", by: company.hrAgent)
            _ = try await SearchAPITests.raise(app, company, "VPN 账号", "")
            _ = try await app.services.needs.comment(on: duplicate.id, body: "已派人去看", visibility: .public, by: agent)
            _ = try await app.services.needs.comment(on: duplicate.id, body: "备件库存不足", visibility: .internal, by: agent)
            let upload = try await app.request(
                .POST, "/api/v1/needs/\(duplicate.id)/attachments?file_name=jam.txt", token: company.token(company.hrAgent),
                body: Data("卡纸的位置".utf8), headers: [("Content-Type", "text/plain")])
            #expect(upload.status == .created, "\(upload.text)")
            await app.drainJobs()
            let requesterToken = try company.token(company.hrAgent)
            #expect(try await app.request(.GET, "/api/v1/needs/\(kept.number)", token: requesterToken).status == .notFound)

            // the provider sees the likely duplicate, whatever department raised it; the requester is not shown any
            let hints = try await app.request(.GET, "/api/v1/needs/\(duplicate.number)/duplicates", token: agentToken)
            #expect(hints.status == .ok)
            #expect(hints.items.compactMap { ($0["need"] as? [String: Any])?["number"] as? String } == [kept.number.description])
            #expect(try await app.request(.GET, "/api/v1/needs/\(duplicate.id)/duplicates", token: requesterToken).status == .forbidden)

            // MUT
            let merged = try await app.request(
                .POST, "/api/v1/needs/\(duplicate.id)/merge", token: agentToken, json: Self.json(kept.number.description))
            #expect(merged.status == .ok, "\(merged.text)")
            let result = merged.object
            let mergedNeed = try #require(result["merged"] as? [String: Any]), into = try #require(result["into"] as? [String: Any])
            #expect(mergedNeed["status"] as? String == "merged" && mergedNeed["merged_into_id"] as? String == kept.id.description)
            #expect(into["follower_ids"] as? [String] == [company.hrAgent.id.description])
            await app.drainJobs()

            // the requester follows the need it went into: reads it and its replies, never its notes
            #expect(try await app.request(.GET, "/api/v1/needs/\(kept.number)", token: requesterToken).status == .ok)
            let theirComments = try await app.request(.GET, "/api/v1/needs/\(kept.id)/comments", token: requesterToken)
            #expect(theirComments.items.compactMap { $0["body"] as? String } == ["已派人去看"])
            let agentComments = try await app.request(.GET, "/api/v1/needs/\(kept.id)/comments", token: agentToken)
            #expect(Set(agentComments.items.compactMap { $0["body"] as? String }) == ["已派人去看", "备件库存不足"])
            let files = try await app.request(.GET, "/api/v1/needs/\(kept.id)/attachments", token: requesterToken)
            let file = try #require(files.items.first?["id"] as? String)
            let download = try await app.request(.GET, "/api/v1/needs/\(kept.id)/attachments/\(file)", token: requesterToken)
            #expect(download.body == Data("卡纸的位置".utf8))
            // found by search, listed among the needs they read
            let found = try await SearchAPITests.search(app, company, SearchAPITests.q("打印机卡纸"), as: company.hrAgent)
            #expect(found.ids.contains(kept.id))
            let listed = try await app.request(.GET, "/api/v1/needs?status=new", token: requesterToken)
            #expect(listed.items.contains { $0["id"] as? String == kept.id.description })

            // told, in their inbox; both histories say it; the merged need's clock stopped, the other's first response still due
            let inbox = try await NotificationTests.inbox(app, company.hrAgent, company)
            let told = inbox.items.first { $0["kind"] as? String == "need_merged" }
            #expect(
                told?["text"] as? String == "你的需求 \(duplicate.number)：三楼的打印机又卡纸了 已由 \(agent.displayName) 合并到 \(kept.number)，后续进展请在该需求中查看")
            let sourceHistory = try await app.services.needs.needs.events(of: duplicate.id)
            #expect(
                sourceHistory.last?.kind == .merged && sourceHistory.last?.changes.contains { $0.new == kept.number.description } == true)
            let targetHistory = try await app.services.needs.needs.events(of: kept.id)
            #expect(targetHistory.filter { $0.kind == .merged }.count == 4, "the merge, a reply, a note and a file")
            #expect(
                targetHistory.contains { $0.kind == .merged && $0.visibility == .internal && $0.commentID != nil },
                "the note stays internal")
            let clock = try await app.services.serviceLevels.clock(of: kept, events: targetHistory, for: company.admin)
            #expect(clock.firstResponse?.achievedAt == nil, "replies brought over are no response to this need")
            // a reply on the need it went into reaches the follower
            _ = try await app.services.needs.comment(on: kept.id, body: "已修好", visibility: .public, by: agent)
            await app.drainJobs()
            let after = try await NotificationTests.inbox(app, company.hrAgent, company)
            #expect(after.items.contains { $0["kind"] as? String == "replied" && $0["need_number"] as? String == kept.number.description })

            // the page of the merged need says where it went
            let page = try await app.request(.GET, "/needs/\(duplicate.number)", token: requesterToken)
            #expect(page.status == .ok && page.text.contains("href=\"/needs/\(kept.number)\""), "\(page.status)")
        }
    }

    @Test(
        "merging refuses what it must: itself, twice, unknown, closed, confidential either way, those who do not work both",
        arguments: TestDatabase.all)
    func refusals(database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let company = try await TestCompany.make(in: app)
            let token = try company.token(company.itAgent)
            let first = try await SearchAPITests.raise(app, company, "投影仪坏了", "")
            let second = try await SearchAPITests.raise(app, company, "投影仪没信号", "")
            let rejected = try await SearchAPITests.raise(app, company, "投影仪", "")
            _ = try await app.services.needs.transition(rejected.id, .reject, by: company.itAgent)
            let secret = try await SearchAPITests.raise(app, company, "投影仪（保密）", "", confidential: true)
            let hr = try await SearchAPITests.raise(app, company, "投影仪", "", provider: company.hr)
            func merge(_ need: Need, into: String, as person: Person = company.itAgent) async throws -> TestResponse {
                try await app.request(.POST, "/api/v1/needs/\(need.id)/merge", token: company.token(person), json: Self.json(into))
            }
            func reason(_ response: TestResponse) -> String? { (response.object["error"] as? [String: Any])?["reason"] as? String }

            let itself = try await merge(first, into: first.number.description)
            #expect(itself.status == .unprocessableEntity && itself.errorField == "into" && reason(itself) == "merge_into_itself")
            let unknown = try await merge(first, into: "N-2099-000001")
            #expect(unknown.status == .unprocessableEntity && reason(unknown) == "unknown_record")
            let blank = try await merge(first, into: " ")
            #expect(blank.status == .unprocessableEntity && blank.errorField == "into")
            let closed = try await merge(first, into: rejected.number.description)
            #expect(closed.status == .unprocessableEntity && reason(closed) == "merge_target_closed")
            let leak = try await merge(first, into: secret.number.description, as: company.itManager)
            #expect(leak.status == .unprocessableEntity && reason(leak) == "merge_confidential")
            let other = try await merge(first, into: hr.number.description, as: company.admin)
            #expect(other.status == .ok, "an administrator works every need")
            #expect(try await merge(second, into: first.number.description).status == .unprocessableEntity, "not into a merged need")
            let twice = try await merge(first, into: second.number.description)
            #expect(twice.status == .conflict, "a merged need is no longer open")
            let unreadable = try await merge(second, into: hr.number.description)
            #expect(
                unreadable.status == .unprocessableEntity && reason(unreadable) == "unknown_record", "the IT agent may not read HR's need")
            #expect(try await merge(second, into: rejected.number.description, as: company.salesEmployee).status == .forbidden)
            #expect(try await merge(second, into: first.id.description, as: company.hrAgent).status == .notFound, "a need one may not read")
            // nothing was written by a refusal
            #expect(try await app.services.needs.needs.need(second.id)?.status == .new)
            #expect(try await app.services.needs.needs.need(rejected.id)?.followerIDs == [])
        }
    }
}
