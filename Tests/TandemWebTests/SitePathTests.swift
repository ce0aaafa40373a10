import Foundation
import TandemCore
import TandemTestSupport
import Testing
import Vapor

@testable import TandemWeb

/// The page code links and redirects only through `Site`, and every path `Site` makes leads to a
/// route: a renamed route or a typo in a path fails here, not in a person's browser.
@Suite("Typed site paths")
struct SitePathTests {
    static func every(_ id: UUID = UUID()) -> [String] {
        let department = Department.ID(id), period = ReportingPeriod("2026-11")!, number = NeedNumber(year: 2026, sequence: 7)
        return [
            Site.home, Site.signIn, Site.setup, Site.raise, Site.queue, Site.profile, Site.inbox, Site.adminDepartments, Site.adminPeople,
            Site.adminCatalog, Site.adminPriorityMatrix, Site.adminPrivacy, Site.adminJobs, Site.adminChannels, Site.adminServiceLevels,
            Site.adminImports, Site.adminPeople(in: department), Site.adminChannels(of: department), Site.adminPerson(.init(id)),
            Site.adminCatalog(of: department), Site.need(number), Site.raise(provider: department), Site.raise(offering: .init(id)),
            Site.attachment(.init(id), of: .init(id)), Site.rating(of: number), Site.rate("token"), Site.rate("token", score: 5),
            Site.evaluation(.init(id)), Site.invitation(.init(id)), Site.survey(.init(id)), Site.surveyResults(.init(id)), Site.drafts,
            Site.meeting(.init(id)), Site.meetingActions(.init(id)), Site.plan(.init(id)), Site.planActions(.init(id)),
            Site.suggestions(to: department), Site.goals, Site.goal(.init(id)), Site.planning(department, period), Site.companyDashboard,
            Site.myDashboard, Site.dashboard(of: department), Site.scorecard(department, period),
            Site.scorecard(department, period, requester: department),
            Site.scorecardExport(department, period), Site.map(period), Site.mapNeeds(requester: department, provider: department, period),
            Site.themesExport(period, provider: nil), Site.search("招聘 销售"), Site.search(query: "q=x"), Site.searchExport(query: "q=x"),
            Site.importTemplate("needs"), Site.done(Site.queue), Site.done(Site.planning(department, period), .committed),
        ]
    }

    /// Whether a route's path takes `path` (its parameters take any one component).
    static func matches(_ route: [PathComponent], _ path: String) -> Bool {
        let parts = path.split(separator: "?", maxSplits: 1).first.map { $0.split(separator: "/").map(String.init) } ?? []
        guard route.count == parts.count || route.last == .catchall else { return false }
        for (component, part) in zip(route, parts) {
            switch component {
            case .constant(let text): if text != part { return false }
            case .parameter: continue
            case .anything, .catchall: return true
            }
        }
        return true
    }

    @Test("every path Site makes leads to a route")
    func everyPathIsRouted() async throws {
        try await withTestApp(.sqlite) { app in
            let routes = app.app.routes.all.map(\.path)
            for path in Self.every() {
                #expect(routes.contains { Self.matches($0, path) }, "no route takes \(path)")
            }
            #expect(!routes.contains { Self.matches($0, "/evaluation/x") }, "the matcher can say no")
        }
    }

    @Test("a form's flash is added to the path's query")
    func flash() {
        #expect(Site.done("/queue") == "/queue?done=saved")
        #expect(Site.done("/queue?status=new", .sent) == "/queue?status=new&done=sent")
    }

    @Test("the page code writes no path of its own")
    func noLiteralPaths() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/TandemWeb")
            .standardized
        var offending: [String] = []
        var read = 0
        for folder in ["Pages", "Notifications"] {
            let enumerator = try #require(
                FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil))
            for case let file as URL in enumerator where file.pathExtension == "swift" && file.lastPathComponent != "Site.swift" {
                read += 1
                for (index, line) in try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                    .enumerated()
                {
                    let code = line.trimmingCharacters(in: .whitespaces)
                    // NB: telling a page from the API by its prefix is not a link.
                    guard !code.hasPrefix("//"), !code.contains("hasPrefix(\"/"), !code.contains("path == \"/") else { continue }
                    if code.range(of: #""/[a-z]"#, options: .regularExpression) != nil {
                        offending.append("\(file.lastPathComponent):\(index + 1): \(code)")
                    }
                }
            }
        }
        #expect(read > 60, "the page code was read")
        #expect(offending.isEmpty, "literal paths: \(offending.joined(separator: "\n"))")
    }
}
