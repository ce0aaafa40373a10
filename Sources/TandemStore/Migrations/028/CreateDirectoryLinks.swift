import FluentKit
import SQLKit

/// The company's directory (LDAP / Active Directory) and Tandem: which directory record is which
/// person or department, by the directory's stable id (`entryUUID`, `objectGUID`). A person
/// signed in with a directory account, or synced from it, is found again by that id, whatever
/// their login or e-mail become.
struct CreateDirectoryLinks: AsyncMigration {
    var name: String { "028_create_directory_links" }

    func prepare(on database: any Database) async throws {
        try await database.schema("directory_links")
            .field("provider", .string, .required)
            .field("kind", .string, .required)
            .field("subject", .string, .required)
            .field("local_id", .uuid, .required)
            .compositeIdentifier(over: "provider", "kind", "subject")
            .unique(on: "provider", "kind", "local_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("directory_links").delete()
    }
}
