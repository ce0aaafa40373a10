import Foundation
import TandemCore
import TandemStore
import TandemTestSupport
import Testing

@testable import TandemWeb

/// Search judged as its users judge it: over a generated company of needs written the ways
/// people write them (`NeedTopic`), the queries of `Benchmarks/search-queryset.tsv` — Chinese,
/// English and mixed, with words left out, sentences, wrong characters, typing slips — each
/// naming the topics whose needs it should find. Recall@10 is the share of the first ten hits
/// that are relevant, out of as many as there are relevant needs (up to ten); MRR is the mean
/// of 1 / the rank of the first relevant hit (0 when none is in the first ten).
@Suite("Search quality: recall and MRR on the query set")
struct SearchQualityTests {
    struct Query {
        var text: String
        /// The topics whose needs it should find; `topic@place` only those that name the place.
        var topics: Set<String>
        var how: String

        func finds(_ need: Need, topic: String) -> Bool {
            topics.contains { wanted in
                let parts = wanted.split(separator: "@").map(String.init)
                guard parts[0] == topic else { return false }
                guard parts.count > 1, let place = NeedTopic.places.firstIndex(of: parts[1]) else { return true }
                return [NeedTopic.places[place], NeedTopic.placesEnglish[place]].contains {
                    need.title.contains($0) || need.description.contains($0)
                }
            }
        }
    }

    static var querySet: [Query] {
        get throws {
            let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Benchmarks/search-queryset.tsv")
            return try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
                .filter { !$0.hasPrefix("#") && !$0.isEmpty }
                .map { line in
                    let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                    return Query(text: fields[0], topics: Set(fields[1].split(separator: ",").map(String.init)), how: fields[2])
                }
        }
    }

    static let needCount = 6_000

    @Test("recall@10 ≥ 0.9 over at least 60 realistic queries", arguments: TestDatabase.all)
    func recall(database: TestDatabase) async throws {
        let queries = try Self.querySet
        #expect(queries.count >= 60)
        let known = Set(NeedTopic.all.map(\.key))
        for query in queries {
            let topics = Set(query.topics.map { String($0.split(separator: "@")[0]) })
            #expect(topics.isSubset(of: known), "\(query.text): unknown topics \(query.topics)")
        }

        try await withTestApp(database) { app in
            let company = SyntheticCompany(departmentCount: 30, peopleCount: 300, now: Date())
            let store = app.services.organisation.store
            for department in company.departments { try await store.insert(department) }
            for person in company.people { try await store.insert(person, passwordHash: nil) }
            var generator = SyntheticNeeds(company: company, total: Self.needCount, seed: 11, timeZone: app.services.configuration.timeZone)
            var topicOf: [Need.ID: String] = [:], needs: [Need] = []
            let loader = BulkNeedLoader(app.services.database)
            for start in stride(from: 0, to: Self.needCount, by: 2_000) {
                let batch = (start..<start + 2_000).map { index in
                    let need = generator.next(index)
                    topicOf[need.need.id] = generator.lastTopic
                    needs.append(need.need)
                    return need
                }
                try await loader.load(batch)
            }
            var reader = try #require(company.people.first)
            reader.roles.insert(.admin)

            var recalls: [Double] = [], reciprocalRanks: [Double] = []
            for query in queries {
                let relevant = needs.filter { query.finds($0, topic: topicOf[$0.id] ?? "") }.count
                let page = try await app.services.search.search(NeedSearch(text: query.text, limit: 10), for: reader)
                let hits = page.hits.map { query.finds($0.need, topic: topicOf[$0.need.id] ?? "") }
                let recall = Double(hits.filter { $0 }.count) / Double(max(1, min(10, relevant)))
                let rank = hits.firstIndex(of: true).map { $0 + 1 }
                recalls.append(recall)
                reciprocalRanks.append(rank.map { 1 / Double($0) } ?? 0)
                if recall < 1 {
                    print(
                        "search quality — \(database): \(query.text) (\(query.how)): recall@10 \(recall), first relevant at \(rank.map(String.init) ?? "none"); found \(page.hits.prefix(3).map(\.need.title))"
                    )
                }
            }
            let recall = recalls.reduce(0, +) / Double(recalls.count), mrr = reciprocalRanks.reduce(0, +) / Double(reciprocalRanks.count)
            print(
                String(
                    format: "search quality — %@: recall@10 %.3f, MRR %.3f over %d queries, %d needs", "\(database)", recall, mrr,
                    queries.count, Self.needCount))
            #expect(recall >= 0.9)
            #expect(mrr >= 0.9)
        }
    }
}
