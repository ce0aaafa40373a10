import Foundation
import TandemCore

/// The paths the page code links and redirects to. (The views write their few form paths out.)
enum Site {
    static let home = "/"
    static let signIn = "/sign-in"
    static let setup = "/setup"
    static let raise = "/needs/new"
    static let queue = "/queue"
    static let profile = "/profile"
    static let inbox = "/inbox"
    static let adminDepartments = "/admin/departments"
    static let adminPeople = "/admin/people"
    static let adminCatalog = "/admin/catalog"
    static let adminPriorityMatrix = "/admin/priority-matrix"
    static let adminPrivacy = "/admin/privacy"
    static let adminJobs = "/admin/jobs"
    static let adminChannels = "/admin/channels"
    static let adminServiceLevels = "/admin/service-levels"
    static let adminImports = "/admin/imports"

    static func adminPeople(in department: Department.ID) -> String { "\(adminPeople)?department=\(department)" }
    static func adminChannels(of department: Department.ID) -> String { "\(adminChannels)?department=\(department)" }
    static func adminPerson(_ person: Person.ID) -> String { "\(adminPeople)/\(person)" }
    static func adminCatalog(of department: Department.ID) -> String { "\(adminCatalog)?department=\(department)" }
    static func need(_ number: NeedNumber) -> String { "/needs/\(number)" }
    static func raise(provider: Department.ID) -> String { "\(raise)?provider=\(provider)" }
    static func raise(offering: ServiceOffering.ID) -> String { "\(raise)?offering=\(offering)" }
    static func attachment(_ id: Attachment.ID, of need: Need.ID) -> String { "/api/v1/needs/\(need)/attachments/\(id)" }

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
