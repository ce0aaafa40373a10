import Foundation
import MultipartKit
import TandemCore
import Vapor

/// A submitted HTML form, `application/x-www-form-urlencoded` or `multipart/form-data`, with its
/// CSRF token already checked. Fields keep every value in order (checkboxes repeat a name); every
/// value's line endings are LF, whatever the browser sent (browsers send a textarea's lines with
/// CRLF), so what is stored and split into lines is what the person typed.
struct PageForm {
    struct File {
        var fileName: String
        var contentType: String
        var data: ByteBuffer
    }

    private(set) var fields: [String: [String]] = [:]
    private(set) var files: [File] = []

    /// Reads the body and checks its CSRF token.
    static func read(_ request: Request) throws -> PageForm {
        var form = PageForm()
        if let buffer = request.body.data {
            if let boundary = request.headers.contentType?.parameters["boundary"], request.headers.contentType?.subType == "form-data" {
                try form.parseMultipart(buffer, boundary: boundary)
            } else {
                form.parseURLEncoded(String(buffer: buffer))
            }
        }
        try CSRF.verify(request, submitted: form.string(CSRF.field))
        return form
    }

    /// The field's first value, trimmed; `nil` when absent or blank.
    func string(_ name: String) -> String? {
        guard let value = fields[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// Every field with its values (for forms whose field names carry a key: `score_quality`).
    var allFields: [String: [String]] { fields }

    /// The field's first value as typed (multi-line text keeps its spacing); "" when absent.
    func text(_ name: String) -> String { fields[name]?.first ?? "" }

    /// Every non-empty value of a repeated field.
    func values(_ name: String) -> [String] { (fields[name] ?? []).filter { !$0.isEmpty } }

    func enumValue<Value: RawRepresentable>(_ name: String, _ type: Value.Type) throws -> Value? where Value.RawValue == String {
        guard let raw = string(name) else { return nil }
        guard let value = Value(rawValue: raw) else { throw TandemError.invalid(name, "\(name) has an unknown value") }
        return value
    }

    func id<Subject>(_ name: String) throws -> Identifier<Subject>? {
        guard let raw = string(name) else { return nil }
        guard let id = Identifier<Subject>(raw) else { throw TandemError.invalid(name, "\(name) is not a valid id") }
        return id
    }

    /// The field as a whole number; nil when blank; an error naming the field when it is not one.
    func integer(_ name: String) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text) else { throw TandemError.invalid(name, "\(name) must be a whole number", .notANumber) }
        return value
    }

    func flag(_ name: String) -> Bool { ["on", "true", "1", "yes"].contains(string(name) ?? "") }

    private mutating func parseURLEncoded(_ body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decodeComponent(parts[0])
            let value = parts.count > 1 ? Self.decodeComponent(parts[1]) : ""
            fields[name, default: []].append(value.withLineFeeds)
        }
    }

    private static func decodeComponent(_ raw: Substring) -> String {
        raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
    }

    private mutating func parseMultipart(_ buffer: ByteBuffer, boundary: String) throws {
        let parser = MultipartParser(boundary: boundary)
        var headers: [String: String] = [:]
        var body = ByteBuffer()
        var parts: [([String: String], ByteBuffer)] = []
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { chunk in body.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append((headers, body))
            headers = [:]
            body = ByteBuffer()
        }
        do { try parser.execute(buffer) } catch { throw TandemError.invalid("body", "the form could not be read") }
        for (headers, body) in parts {
            let disposition = Self.dispositionParameters(headers["content-disposition"] ?? "")
            guard let name = disposition["name"] else { continue }
            if let fileName = disposition["filename"] {
                guard !fileName.isEmpty, body.readableBytes > 0 else { continue }
                files.append(File(fileName: fileName, contentType: headers["content-type"] ?? "application/octet-stream", data: body))
            } else {
                fields[name, default: []].append(String(buffer: body).withLineFeeds)
            }
        }
    }

    /// `form-data; name="x"; filename="y.pdf"` → ["name": "x", "filename": "y.pdf"].
    private static func dispositionParameters(_ header: String) -> [String: String] {
        var result: [String: String] = [:]
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            result[pair[0].trimmingCharacters(in: .whitespaces).lowercased()] = value
        }
        return result
    }
}

/// What a form got wrong, by field, to show next to each input.
struct FieldErrors {
    private var byField: [String: String] = [:]
    /// The message for the whole form (shown above it), when the error names no field.
    var general: String?

    init() {}

    /// Turns a core error into messages next to their fields (every invalid field the core found),
    /// or a message above the form. A field's message is the translated reason when the core gives
    /// one, else the core's own words.
    init(_ error: TandemError, _ request: Request) {
        guard error.field != nil, error.code == .invalidInput else {
            general = request.t("error_code.\(error.code.rawValue)") + " — " + error.message
            return
        }
        for one in error.allFields {
            guard let field = one.field, byField[field] == nil else { continue }
            byField[field] = one.reason.map { request.t("reason.\($0.rawValue)", one.reasonArguments) } ?? one.message
        }
    }

    subscript(field: String) -> String? { byField[field] }

    /// The messages of the given fields, for a page context (`errors.title`).
    func messages(for fields: [String]) -> [String: String] {
        byField.filter { fields.contains($0.key) }
    }

    /// The messages of the fields under one name (`form_fields[2].` → `key`, `label` …).
    func messages(forPrefix prefix: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: byField.filter { $0.key.hasPrefix(prefix) }.map { (String($0.key.dropFirst(prefix.count)), $0.value) })
    }

    /// The message above the form: the general one, or one about a field the form does not show.
    func general(besides fields: [String], prefixes: [String] = []) -> String? {
        general ?? byField.sorted { $0.key < $1.key }
            .first { field in !fields.contains(field.key) && !prefixes.contains { field.key.hasPrefix($0) } }
            .map { "\($0.key): \($0.value)" }
    }

    var isEmpty: Bool { byField.isEmpty && general == nil }
}
