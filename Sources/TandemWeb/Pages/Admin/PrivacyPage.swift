import Foundation
import TandemCore
import Vapor

/// The company's privacy setting: the minimum group (`MinimumGroup`) below which anonymous
/// survey results, a pair of departments' figures and evaluation answers are not shown.
/// Administrators change it; docs/PRIVACY.md says what it guards.
struct PrivacyPage: RouteCollection {
    struct PrivacyContext: Encodable {
        var layout: LayoutContext
        var admin: AdminNavigation
        var minimumGroup: String
        var floor: Int
        var errors: [String: String]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("admin", "privacy", use: show)
        routes.post("admin", "privacy", use: save)
    }

    func show(_ request: Request) async throws -> Response {
        let actor = try Self.administrator(request)
        let group = try await request.tandem.settings.minimumGroup(for: actor)
        return try await request.page("admin-privacy", context(request, actor, typed: String(group.size), errors: FieldErrors()))
    }

    func save(_ request: Request) async throws -> Response {
        let actor = try Self.administrator(request)
        let form = try PageForm.read(request)
        do {
            guard let size = try form.integer("minimum_group") else {
                throw TandemError.invalid("minimum_group", "minimum_group is required", .required)
            }
            _ = try await request.tandem.settings.setMinimumGroup(try MinimumGroup(size), by: actor)
            return request.seeOther(Site.adminPrivacy + "?done=saved")
        } catch let error as TandemError where error.isAboutInput {
            return try await request.page(
                "admin-privacy", context(request, actor, typed: form.string("minimum_group") ?? "", errors: FieldErrors(error, request)),
                status: .unprocessableEntity)
        }
    }

    private static func administrator(_ request: Request) throws -> Person {
        let actor = try AdminNavigation.actor(request)
        guard AccessPolicy.canManageSettings(actor) else { throw TandemError.forbidden("only administrators change the minimum group") }
        return actor
    }

    private func context(_ request: Request, _ actor: Person, typed: String, errors: FieldErrors) -> PrivacyContext {
        PrivacyContext(
            layout: LayoutContext(request, title: request.t("admin.privacy"), section: "admin"),
            admin: AdminNavigation(request, actor, current: "privacy"), minimumGroup: typed, floor: MinimumGroup.floor,
            errors: errors.messages(for: ["minimum_group"]))
    }
}
