import Foundation

/// A one-way digest of secrets (SHA-256), implemented outside the core.
public protocol SecretDigest: Sendable {
    func digest(_ secret: String) -> String
}
