import Foundation
import TandemCore

/// The paths the page code links and redirects to, and the notifications link to. A test keeps
/// literal paths out of the page code and checks that each of these leads to a route. (The views
/// write their few form paths out.)
enum Site {
    static let home = "/"
    static let signIn = "/sign-in"
    static let setup = "/setup"
    static let raise = "/needs/new"
    static let queue = "/queue"
    static let peoplePicker = "/pickers/people"
    static let departmentPicker = "/pickers/departments"
    static let profile = "/profile"
    static let inbox = "/inbox"
    static let adminDepartments = "/admin/departments"
    static let adminPeople = "/admin/people"
    static let adminCatalog = "/admin/catalog"
    static let adminPriorityMatrix = "/admin/priority-matrix"
    static let adminPrivacy = "/admin/privacy"
    static let adminJobs = "/admin/jobs"
    static let adminDirectory = "/admin/directory"
    /// Single sign-on: where the browser starts and comes back (`OIDCPages`).
    static let singleSignOn = "/auth/oidc"
    static let singleSignOnCallback = singleSignOn + "/callback"

    /// The page a password link opens.
    static func setPassword(token: String) -> String { "/password/set?token=\(token)" }
    static let adminChannels = "/admin/channels"
    static let adminServiceLevels = "/admin/service-levels"
    static let adminImports = "/admin/imports"

    static func adminPeople(in department: Department.ID) -> String { "\(adminPeople)?department=\(department)" }
    /// A page of the people list: those of a department (or everyone: ""), found by `query`.
    static func adminPeople(in department: Department.ID?, query: String, page: Int) -> String {
        var components = URLComponents()
        components.queryItems = [
            URLQueryItem(name: "department", value: department?.description ?? ""), URLQueryItem(name: "q", value: query),
            URLQueryItem(name: "page", value: String(page)),
        ]
        return adminPeople + "?" + (components.percentEncodedQuery ?? "")
    }
    static func adminChannels(of department: Department.ID) -> String { "\(adminChannels)?department=\(department)" }
    static func adminPerson(_ person: Person.ID) -> String { "\(adminPeople)/\(person)" }
    static func adminCatalog(of department: Department.ID) -> String { "\(adminCatalog)?department=\(department)" }
    static func need(_ number: NeedNumber) -> String { "/needs/\(number)" }
    static func raise(provider: Department.ID) -> String { "\(raise)?provider=\(provider)" }
    static func raise(offering: ServiceOffering.ID) -> String { "\(raise)?offering=\(offering)" }
    static func attachment(_ id: Attachment.ID, of need: Need.ID) -> String { "/api/v1/needs/\(need)/attachments/\(id)" }
    static func rating(of number: NeedNumber) -> String { need(number) + "/rating" }
    static func rate(_ token: String) -> String { "/rate/\(token)" }
    static func rate(_ token: String, score: Int) -> String { "\(rate(token))?score=\(score)" }

    static func evaluation(_ cycle: EvaluationCycle.ID) -> String { "/evaluations/\(cycle)" }
    static func invitation(_ invitation: EvaluationInvitation.ID) -> String { "/evaluations/invitations/\(invitation)" }
    static func survey(_ survey: Survey.ID) -> String { "/surveys/\(survey)" }
    static func surveyResults(_ survey: Survey.ID) -> String { "\(Self.survey(survey))/results" }
    static let drafts = "/drafts"
    static func meeting(_ meeting: Meeting.ID) -> String { "/meetings/\(meeting)" }
    static func meetingActions(_ meeting: Meeting.ID) -> String { "\(Self.meeting(meeting))/actions" }
    static func plan(_ plan: ImprovementPlan.ID) -> String { "/plans/\(plan)" }
    static func planActions(_ plan: ImprovementPlan.ID) -> String { "\(Self.plan(plan))/actions" }
    static func suggestions(to department: Department.ID) -> String { "/suggestions?department=\(department)" }
    static let goals = "/goals"
    static func goal(_ goal: StrategicGoal.ID) -> String { "\(goals)/\(goal)" }
    static func planning(_ department: Department.ID, _ period: ReportingPeriod) -> String {
        "/planning?department=\(department)&period=\(period)"
    }
    static let companyDashboard = "/dashboards/company"
    static let myDashboard = "/dashboards/me"
    static func dashboard(of department: Department.ID) -> String { "/dashboards/departments/\(department)" }
    static func scorecard(_ provider: Department.ID, _ period: ReportingPeriod, requester: Department.ID? = nil) -> String {
        "/scorecards?department=\(provider)&period=\(period)" + (requester.map { "&requester=\($0)" } ?? "")
    }
    static func scorecardExport(_ provider: Department.ID, _ period: ReportingPeriod) -> String {
        "/scorecards/export.csv?department=\(provider)&period=\(period)"
    }
    static func map(_ period: ReportingPeriod) -> String { "/map?period=\(period)" }
    static func mapNeeds(requester: Department.ID, provider: Department.ID, _ period: ReportingPeriod) -> String {
        "/map/needs?requester=\(requester)&provider=\(provider)&period=\(period)"
    }
    static func themesExport(_ period: ReportingPeriod, provider: Department.ID?) -> String {
        "/themes/export.csv?period=\(period)" + (provider.map { "&provider=\($0)" } ?? "")
    }
    static func search(_ words: String) -> String {
        "/search?q=" + (words.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? words)
    }
    /// The search page, or its CSV, with a query string already encoded.
    static func search(query: String) -> String { "/search?" + query }
    static func searchExport(query: String) -> String { "/search/export.csv?" + query }
    static func importTemplate(_ kind: String) -> String { "\(adminImports)/templates/\(kind)" }

    /// What a page shows at its top after a form sent the person to it.
    enum Flash: String {
        case saved, sent, capacity, committed
    }

    /// `path` with the flash that says the form's work was done.
    static func done(_ path: String, _ flash: Flash = .saved) -> String {
        path + (path.contains("?") ? "&" : "?") + "done=\(flash.rawValue)"
    }

    /// A path a form may send the person back to: local, never another site. Only printable ASCII
    /// without a backslash: browsers drop tabs and line breaks from a URL and read `\` as `/`, so
    /// `/\t/evil.example` or `/\\evil.example` would become `//evil.example`, another site.
    static func safeReturnPath(_ candidate: String?) -> String {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"),
            candidate.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) && $0 != "\\" })
        else { return home }
        return candidate
    }
}
