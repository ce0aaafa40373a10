import Foundation
import TandemCore
import TandemFixtures
import Testing

@testable import TandemStore

@Suite("Search audience")
struct SearchAudienceTests {
    static let departments = (1...3).map { Department.ID(UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", 900 + $0))!) }

    static func person(_ n: Int, _ department: Department.ID, _ roles: Set<Role>) -> Person {
        Person.fixture(n, in: department, roles: roles)
    }

    static func need(requester: Person, provider: Department.ID, confidential: Bool, assignees: [Person.ID]) -> Need {
        Need.fixture(requester: requester, provider: provider, confidential: confidential, assignees: assignees)
    }

    @Test("a reader shares a token with exactly the needs the core lets them read, followers included")
    func agreesWithTheCore() {
        let (home, other, third) = (Self.departments[0], Self.departments[1], Self.departments[2])
        let readers = [Set<Role>([.employee]), [.employee, .agent], [.employee, .manager], [.employee, .admin]].enumerated()
            .map { Self.person(1 + $0.offset, home, $0.element) }
        let colleague = Self.person(10, home, [.employee]), stranger = Self.person(11, other, [.employee])
        var checked = 0, admitted = 0
        for reader in readers {
            let wanted = SearchAudience.tokens(readBy: NeedVisibility(for: reader)).map(Set.init)
            let notesWanted = SearchAudience.notesTokens(readBy: NeedVisibility(for: reader)).map(Set.init)
            for requester in [reader, colleague, stranger] {
                for provider in [home, other, third] {
                    for confidential in [false, true] {
                        for assignees in [[], [reader.id], [stranger.id], [colleague.id, reader.id]] {
                            var need = Self.need(requester: requester, provider: provider, confidential: confidential, assignees: assignees)
                            // a follower (merged in) reads the need like its requester; every fourth need has the reader follow it
                            need.followerIDs = checked % 4 == 3 ? [stranger.id, reader.id] : checked % 4 == 1 ? [colleague.id] : []
                            let shares = wanted.map { !$0.isDisjoint(with: SearchAudience.tokens(of: need)) } ?? true
                            #expect(
                                shares == NeedVisibility(for: reader).admits(need),
                                "\(reader.roles) reading \(requester.login)'s need to \(provider), confidential: \(confidential), assigned: \(assignees)"
                            )
                            // whose notes: the need also carries who serves it (SQLite's documents keep both)
                            let carried = Set(SearchAudience.tokens(of: need) + [SearchAudience.servedBy(need.providingDepartmentID)])
                            let readsNotes = shares && (notesWanted.map { !$0.isDisjoint(with: carried) } ?? true)
                            #expect(
                                readsNotes == NeedVisibility(for: reader).admitsInternal(need), "notes: \(reader.roles), \(requester.login)"
                            )
                            checked += 1
                            if shares { admitted += 1 }
                        }
                    }
                }
            }
        }
        #expect(checked == 4 * 3 * 3 * 2 * 4)
        #expect(admitted > checked / 4 && admitted < checked, "both answers occur")
    }

    @Test("tokens name people and departments as PostgreSQL writes a UUID (lower case)")
    func tokenText() {
        let reader = Self.person(42, Self.departments[0], [.employee, .agent])
        let tokens = SearchAudience.tokens(readBy: NeedVisibility(for: reader))
        #expect(
            tokens == [
                "u:00000000-0000-0000-0000-000000000042", "a:00000000-0000-0000-0000-000000000042",
                "f:00000000-0000-0000-0000-000000000042", "r:00000000-0000-0000-0000-000000000901",
                "p:00000000-0000-0000-0000-000000000901",
            ])
        #expect(SearchAudience.tokens(readBy: .everything) == nil)
        // SQLite keeps them as one word each for FTS5's ascii tokenizer; `x` ends the prefix
        #expect(SearchAudience.ftsWord("pc:00000000-0000-0000-0000-00000000c901") == "pcx0000000000000000000000000000c901")
        #expect(SearchAudience.ftsWord("p:c0000000-0000-0000-0000-000000000901") == "pxc0000000000000000000000000000901")
    }
}
