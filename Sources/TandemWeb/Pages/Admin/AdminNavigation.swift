import Foundation
import TandemCore
import Vapor

/// The tabs of the administration pages, and who may open them: administrators and managers
/// (`AccessPolicy.canOpenAdministration`); what each may change there the core decides.
struct AdminNavigation: Encodable {
    struct Tab: Encodable {
        var label: String
        var link: String
        var current: Bool
    }

    var tabs: [Tab]

    init(_ request: Request, _ actor: Person, current: String) {
        var tabs: [(name: String, key: String, link: String)] = [
            ("departments", "admin.tab_departments", Site.adminDepartments), ("people", "admin.tab_people", Site.adminPeople),
            ("catalog", "admin.tab_catalog", Site.adminCatalog), ("service_levels", "admin.tab_service_levels", Site.adminServiceLevels),
            ("channels", "admin.tab_channels", Site.adminChannels),
        ]
        if AccessPolicy.canManageSettings(actor) {
            tabs.append(("priority_matrix", "admin.tab_priority_matrix", Site.adminPriorityMatrix))
            tabs.append(("privacy", "admin.tab_privacy", Site.adminPrivacy))
        }
        if AccessPolicy.canSeeJobs(actor) { tabs.append(("jobs", "admin.tab_jobs", Site.adminJobs)) }
        if AccessPolicy.canImport(actor) { tabs.append(("imports", "admin.tab_imports", Site.adminImports)) }
        if AccessPolicy.canManageDepartments(actor) { tabs.append(("directory", "admin.tab_directory", Site.adminDirectory)) }
        self.tabs = tabs.map { Tab(label: request.t($0.key), link: $0.link, current: $0.name == current) }
    }

    /// The signed-in person, if they may open the administration pages.
    static func actor(_ request: Request) throws -> Person {
        let actor = try request.actor()
        guard AccessPolicy.canOpenAdministration(actor) else {
            throw TandemError.forbidden("the administration pages are for managers and administrators")
        }
        return actor
    }
}
