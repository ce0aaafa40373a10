import Foundation

/// Small input checks shared by the use cases, each naming the field it checks.
public enum Validate {
    /// Trims the text and checks that it is non-empty and at most `max` characters.
    public static func requiredText(_ value: String, field: String, max: Int) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw TandemError.invalid(field, "\(field) must not be empty", .required) }
        return try optionalText(trimmed, field: field, max: max) ?? trimmed
    }

    /// Trims the text; empty becomes `nil`; longer than `max` characters is an error.
    public static func optionalText(_ value: String?, field: String, max: Int) throws -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return nil }
        guard trimmed.count <= max else {
            throw TandemError.invalid(field, "\(field) must be at most \(max) characters", .tooLong, String(max))
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.value == 0 }) else {
            throw TandemError.invalid(field, "\(field) must not contain NUL characters", .controlCharacters)
        }
        return trimmed
    }

    /// A login: 2–64 characters of lower-case letters, digits, `.`, `_` and `-`.
    public static func login(_ value: String, field: String = "login") throws -> String {
        let login = value.trimmingCharacters(in: .whitespaces).lowercased()
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard (2...64).contains(login.count), login.allSatisfy(allowed.contains) else {
            throw TandemError.invalid(
                field, "\(field) must be 2–64 characters: lower-case letters, digits, '.', '_' or '-'", .loginFormat)
        }
        return login
    }

    /// A plausible e-mail address (one `@`, a dot in the domain, no spaces).
    public static func email(_ value: String?, field: String = "email") throws -> String? {
        guard let email = try optionalText(value, field: field, max: 254) else { return nil }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !email.contains(where: \.isWhitespace)
        else { throw TandemError.invalid(field, "\(field) is not a valid e-mail address", .emailFormat) }
        return email
    }

    /// A password of 10–200 characters.
    public static func password(_ value: String, field: String = "password") throws -> String {
        guard (10...200).contains(value.count) else {
            throw TandemError.invalid(field, "\(field) must be 10–200 characters", .length, "10", "200")
        }
        return value
    }
}
