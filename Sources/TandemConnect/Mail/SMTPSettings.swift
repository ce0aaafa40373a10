import Foundation

/// Where e-mail goes: `TANDEM_SMTP_URL` — `smtp://user:password@host:587` (STARTTLS when the
/// server offers it; `?starttls=required` refuses to go on without, `?starttls=never` never
/// asks) or `smtps://…:465` (TLS from the first byte) — with `TANDEM_SMTP_FROM`
/// (`Tandem <tandem@example.com>`) and, for a private CA, `TANDEM_SMTP_CA_FILE` (PEM).
public struct SMTPSettings: Sendable, Equatable {
    public enum StartTLS: String, Sendable { case never, ifOffered = "if_offered", required }

    public var host: String
    public var port: Int
    public var implicitTLS: Bool
    public var startTLS: StartTLS
    public var username: String?
    public var password: String?
    public var fromAddress: String
    public var fromName: String
    public var caFile: String?

    /// Reads the settings; `nil` when no SMTP server is configured. Problems are appended.
    public static func parse(url text: String?, from: String?, caFile: String?, _ problems: inout [String]) -> SMTPSettings? {
        guard let text, !text.isEmpty else {
            if let from, !from.isEmpty { problems.append("TANDEM_SMTP_FROM is set but TANDEM_SMTP_URL is not") }
            return nil
        }
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), ["smtp", "smtps"].contains(scheme),
            let host = url.host, !host.isEmpty
        else {
            problems.append("TANDEM_SMTP_URL must look like smtp://user:password@mail.example.com:587 or smtps://…:465")
            return nil
        }
        let startTLSText = url.queryItems?.first { $0.name == "starttls" }?.value ?? "if_offered"
        guard let startTLS = StartTLS(rawValue: startTLSText) else {
            problems.append("TANDEM_SMTP_URL: starttls must be never, if_offered or required")
            return nil
        }
        guard let (address, name) = parseMailbox(from ?? "") else {
            problems.append("TANDEM_SMTP_FROM must be an address such as Tandem <tandem@example.com>")
            return nil
        }
        if let caFile, !caFile.isEmpty, !FileManager.default.fileExists(atPath: caFile) {
            problems.append("TANDEM_SMTP_CA_FILE '\(caFile)' does not exist")
        }
        return SMTPSettings(
            host: host, port: url.port ?? (scheme == "smtps" ? 465 : 587), implicitTLS: scheme == "smtps",
            startTLS: scheme == "smtps" ? .never : startTLS, username: url.percentEncodedUser?.removingPercentEncoding,
            password: url.percentEncodedPassword?.removingPercentEncoding, fromAddress: address, fromName: name,
            caFile: caFile.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// `Name <address>` or a bare `address`.
    static func parseMailbox(_ text: String) -> (address: String, name: String)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let name = trimmed[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
            return isAddress(address) ? (address, name) : nil
        }
        return isAddress(trimmed) ? (trimmed, "") : nil
    }

    static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
    }
}
