import Foundation
import TandemCore

/// The paths of the pages, used both to register the routes and to build links.
enum Site {
    static let home = "/"
    static let signIn = "/sign-in"
    static let signOut = "/sign-out"
    static let setup = "/setup"
    static let language = "/language"
    static let raise = "/needs/new"
    static let queue = "/queue"
    static let queueAssign = "/queue/assign"
    static let queueFilters = "/queue/filters"
    static let profile = "/profile"
    static let adminDepartments = "/admin/departments"
    static let adminPeople = "/admin/people"
    static let adminCatalog = "/admin/catalog"
    static let adminPriorityMatrix = "/admin/priority-matrix"
    static let stylesheet = "/css/tandem.css"
    static let script = "/js/tandem.js"

    static func need(_ number: NeedNumber) -> String { "/needs/\(number)" }
    static func raise(provider: Department.ID) -> String { "\(raise)?provider=\(provider)" }
    static func raise(offering: ServiceOffering.ID) -> String { "\(raise)?offering=\(offering)" }
    static func attachment(_ id: Attachment.ID, of need: Need.ID) -> String { "/api/v1/needs/\(need)/attachments/\(id)" }
    static func adminPerson(_ id: Person.ID) -> String { "\(adminPeople)/\(id)" }
    static func adminOffering(_ id: ServiceOffering.ID) -> String { "\(adminCatalog)/\(id)" }
    static func adminDepartment(_ id: Department.ID) -> String { "\(adminDepartments)/\(id)" }

    /// A path a form may send the person back to: local, never another site (`//evil`).
    static func safeReturnPath(_ candidate: String?) -> String {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.contains("\\"),
              !candidate.contains("\n"), !candidate.contains("\r")
        else { return home }
        return candidate
    }
}
