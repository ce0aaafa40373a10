import Foundation
import TandemCore
import Vapor

/// What happens the first time Tandem starts on an empty database: an administrator `admin`
/// in a first department, with the password from `TANDEM_ADMIN_PASSWORD` or a one-time
/// password printed once.
public enum FirstStart {
    /// Creates the administrator if there is none; returns the generated password, if one was made.
    @discardableResult
    public static func ensureAdministrator(_ app: Application) async throws -> String? {
        let services = app.tandem
        let store = services.organisation.store
        guard try await store.countAdministrators() == 0, try await store.person(login: "admin") == nil else { return nil }
        let now = SystemClock().now()
        let departmentID: Department.ID
        if let first = try await store.departments().first {
            departmentID = first.id
        } else {
            let headOffice = Department(id: .init(UUID()), name: "总经理办公室", code: "HQ", parentID: nil, isProvider: false, createdAt: now)
            try await store.insert(headOffice)
            departmentID = headOffice.id
        }
        let generated = services.configuration.adminPassword == nil ? oneTimePassword() : nil
        let password = services.configuration.adminPassword ?? generated!
        let admin = Person(
            id: .init(UUID()), login: "admin", displayName: "管理员 Administrator", email: nil,
            departmentID: departmentID, roles: [.employee, .admin], language: .zhCN, createdAt: now)
        try await store.insert(admin, passwordHash: services.organisation.hasher.hash(password))
        if generated != nil { try await services.setup.markPending() }
        return generated
    }

    /// 16 characters from an alphabet without look-alikes.
    static func oneTimePassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
