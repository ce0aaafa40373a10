import Foundation
import TandemCore
import Vapor

/// The directory sync, for administrators: run it (or only preview it) and read past runs.
struct DirectoryController: RouteCollection {
    struct SyncBody: StrictBody {
        var dryRun: Bool?
        enum CodingKeys: String, CodingKey, CaseIterable { case dryRun = "dry_run" }
    }

    func boot(routes: any RoutesBuilder) throws {
        let directory = routes.grouped("directory")
        directory.post("sync", use: sync)
        directory.get("runs", use: runs)
    }

    func sync(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let body = try request.decodeBody(SyncBody.self)
        return try json(try await request.tandem.directorySync.sync(dryRun: body.dryRun ?? false, by: actor))
    }

    func runs(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let query = try QueryParameters(request, allowed: ["limit"])
        let limit = try query.int("limit") ?? 20
        guard (1...100).contains(limit) else {
            throw TandemError.invalid("limit", "limit must be between 1 and 100", .outOfRange, "1", "100")
        }
        return try json(ItemList(items: try await request.tandem.directorySync.runs(limit: limit, for: actor)))
    }
}
