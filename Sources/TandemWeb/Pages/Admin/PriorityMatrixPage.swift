import Foundation
import TandemCore
import Vapor

/// The company's priority matrix (优先级矩阵): the priority of each urgency × importance pair.
/// Administrators change it; needs keep their priority until they are next triaged.
struct PriorityMatrixPage: RouteCollection {
    struct Cell: Encodable {
        var name: String
        var label: String
        var choices: [Choice]
    }

    struct Row: Encodable {
        var urgency: String
        var cells: [Cell]
    }

    struct MatrixContext: Encodable {
        var layout: LayoutContext
        var admin: AdminNavigation
        var importances: [String]
        var rows: [Row]
        var general: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("admin", "priority-matrix", use: show)
        routes.post("admin", "priority-matrix", use: save)
    }

    func show(_ request: Request) async throws -> Response {
        let actor = try Self.administrator(request)
        let matrix = try await request.tandem.settings.priorityMatrix(for: actor)
        return try await request.page("admin-priority-matrix", context(request, actor, cells: matrix.cells, general: nil))
    }

    func save(_ request: Request) async throws -> Response {
        let actor = try Self.administrator(request)
        let form = try PageForm.read(request)
        var cells: [[Priority]] = []
        for urgency in Urgency.allCases {
            var row: [Priority] = []
            for importance in Importance.allCases {
                let name = Self.cellName(urgency, importance)
                guard let priority = try form.enumValue(name, Priority.self) else {
                    throw TandemError.invalid(name, "\(name) is required", .required)
                }
                row.append(priority)
            }
            cells.append(row)
        }
        _ = try await request.tandem.settings.setPriorityMatrix(PriorityMatrix(cells: cells), by: actor)
        return request.seeOther(Site.adminPriorityMatrix + "?done=saved")
    }

    /// The page is shown only to those who may change the matrix (everyone sees it explained on the raise form).
    private static func administrator(_ request: Request) throws -> Person {
        let actor = try AdminNavigation.actor(request)
        guard AccessPolicy.canManageSettings(actor) else { throw TandemError.forbidden("only administrators change the priority matrix") }
        return actor
    }

    private static func cellName(_ urgency: Urgency, _ importance: Importance) -> String {
        "cell_\(urgency.rawValue)_\(importance.rawValue)"
    }

    private func context(_ request: Request, _ actor: Person, cells: [[Priority]], general: String?) -> MatrixContext {
        let rows = Urgency.allCases.enumerated().map { u, urgency in
            Row(
                urgency: request.t("urgency.\(urgency.rawValue)"),
                cells: Importance.allCases.enumerated().map { i, importance in
                    Cell(
                        name: Self.cellName(urgency, importance),
                        label: request.t(
                            "admin.matrix_cell", request.t("urgency.\(urgency.rawValue)"), request.t("importance.\(importance.rawValue)")),
                        choices: Priority.allCases.map {
                            Choice(value: $0.rawValue, label: request.t("priority.\($0.rawValue)"), selected: $0 == cells[u][i])
                        })
                })
        }
        return MatrixContext(
            layout: LayoutContext(request, title: request.t("admin.priority_matrix"), section: "admin"),
            admin: AdminNavigation(request, actor, current: "priority_matrix"),
            importances: Importance.allCases.map { request.t("importance.\($0.rawValue)") }, rows: rows, general: general)
    }
}
