import Foundation
import TandemCore
import Vapor

/// Key needs and themes of a period.
struct ThemeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("themes", use: themes)
    }

    struct ThemesResponse: Encodable {
        var period: String
        var providerID: Department.ID?
        var result: ThemeAnalysis.Result
        enum CodingKeys: String, CodingKey { case period, providerID = "providing_department_id" }
        func encode(to encoder: any Encoder) throws {
            try result.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(period, forKey: .period)
            try container.encodeIfPresent(providerID, forKey: .providerID)
        }
    }

    func themes(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["period", "providing_department_id"])
        let workflow = request.tandem.themes
        let period = try query.string("period").map { try ReportingPeriod.parse($0) } ?? workflow.currentPeriod
        let provider: Department.ID? = try query.id("providing_department_id")
        let result = try await workflow.themes(period: period, provider: provider, for: try request.actor())
        return try json(ThemesResponse(period: period.description, providerID: provider, result: result))
    }
}
