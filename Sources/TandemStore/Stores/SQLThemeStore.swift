import Foundation
import SQLKit
import TandemCore

/// The words of the needs a theme analysis reads, through the same permission filter as lists.
public struct SQLThemeStore: ThemeStore {
    let database: StoreDatabase

    public init(_ database: StoreDatabase) { self.database = database }

    public func documents(
        provider: Department.ID?, raisedIn interval: DateInterval, visibility: NeedVisibility,
        limit: Int
    ) async throws -> [ThemeAnalysis.Document] {
        var query = NeedQuery()
        query.providingDepartmentID = provider
        query.createdFrom = interval.start
        query.createdBefore = interval.end
        let listing = NeedListing(query: query, visibility: visibility, dialect: database.dialect)
        struct Row: Decodable {
            var id: UUID; var number: String; var title: String; var description: String; var providing_department_id: UUID
        }
        return try await database.read { sql in
            try await listing.filter(sql.select().columns("id", "number", "title", "description", "providing_department_id").from("needs"))
                .orderBy(SQLOrderBy(expression: SQLColumn("created_at"), direction: SQLDirection.descending)).limit(limit)
                .all(decoding: Row.self).compactMap { row in
                    guard let number = NeedNumber(row.number) else { return nil }
                    return ThemeAnalysis.Document(
                        needID: .init(row.id), number: number, title: row.title, description: row.description,
                        providingDepartmentID: .init(row.providing_department_id))
                }
        }
    }
}
