import Foundation

/// Password hashing, implemented outside the core (bcrypt).
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) throws -> String
    func verify(_ password: String, hash: String) throws -> Bool
}
