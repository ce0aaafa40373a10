import Foundation
import SQLKit
import TandemCore

/// Service catalogs in SQL.
public struct SQLCatalogStore: CatalogStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    public func offering(_ id: ServiceOffering.ID) async throws -> ServiceOffering? {
        let key = id.description
        let (cached, generation) = database.catalog.entry(for: key)
        if case .offering(let offering) = cached { return offering }
        let offering = try await database.read { sql in
            try await sql.raw("SELECT * FROM offerings WHERE id = \(bind: id.rawValue)").firstRow(OfferingRow.self)?.offering()
        }
        if let offering { database.catalog.remember(.offering(offering), for: key, generation: generation) }
        return offering
    }

    public func offerings(provider: Department.ID?) async throws -> [ServiceOffering] {
        try await database.read { sql in
            var query = sql.select().column("*").from("offerings")
            if let provider { query = query.where("provider_id", .equal, provider.rawValue) }
            return try await query.orderBy("name").allRows(OfferingRow.self).map { try $0.offering() }
        }
    }

    public func insert(_ offering: ServiceOffering) async throws {
        defer { database.catalog.forgetAll() }
        let row = try OfferingRow(offering)
        try await database.write { sql in try await sql.insertRow(row, into: "offerings") }
    }

    public func update(_ offering: ServiceOffering) async throws {
        defer { database.catalog.forgetAll() }
        let row = try OfferingRow(offering)
        let changed = try await database.write { sql in try await sql.updateRow(row, in: "offerings", id: row.id) }
        if changed == 0 { throw TandemError.notFound("offering") }
    }
}
