import Foundation
import MultipartKit
import TandemCore
import Vapor

/// A submitted HTML form, `application/x-www-form-urlencoded` or `multipart/form-data`, with its
/// CSRF token already checked. Fields keep every value in order (checkboxes repeat a name); every
/// value's line endings are LF, whatever the browser sent (browsers send a textarea's lines with
/// CRLF), so what is stored and split into lines is what the person typed.
struct PageForm {
    /// A file part, kept on disk while the request runs (`SpooledFile`).
    struct File {
        var fileName: String
        var contentType: String
        var spool: SpooledFile
        var byteCount: Int { spool.byteCount }
        /// The first bytes, to recognise the file's type.
        var head: [UInt8] { spool.head }
    }

    private(set) var fields: [String: [String]] = [:]
    private(set) var files: [File] = []

    /// The most the fields of a form (all but its files) may hold.
    static let maxFieldBytes = 2 * 1024 * 1024

    /// Reads a collected body and checks its CSRF token.
    static func read(_ request: Request) throws -> PageForm {
        var form = PageForm()
        if let buffer = request.body.data {
            if let boundary = multipartBoundary(request) {
                let receiver = MultipartReceiver(boundary: boundary)
                try receiver.feed(buffer)
                form.take(receiver)
            } else {
                form.parseURLEncoded(String(buffer: buffer))
            }
        }
        try CSRF.verify(request, submitted: form.string(CSRF.field))
        return form
    }

    /// Reads a streamed body (a route registered with `body: .stream`, behind `UploadGate`):
    /// files go to disk as they arrive, so at most one chunk of an upload is in memory; a body
    /// past `maxBytes` is refused with 413 as soon as it passes it. Then checks the CSRF token.
    static func receive(_ request: Request, upTo maxBytes: Int) async throws -> PageForm {
        var form = PageForm()
        var received = 0
        let receiver = multipartBoundary(request).map(MultipartReceiver.init(boundary:))
        var encoded = ByteBuffer()
        for try await var chunk in request.body {
            received += chunk.readableBytes
            guard received <= maxBytes else { throw Abort(.payloadTooLarge, reason: "the form is larger than \(maxBytes) bytes") }
            if let receiver {
                try receiver.feed(chunk)
            } else {
                guard received <= maxFieldBytes else {
                    throw Abort(.payloadTooLarge, reason: "the form is larger than \(maxFieldBytes) bytes")
                }
                encoded.writeBuffer(&chunk)
            }
        }
        if let receiver { form.take(receiver) } else { form.parseURLEncoded(String(buffer: encoded)) }
        try CSRF.verify(request, submitted: form.string(CSRF.field))
        return form
    }

    private static func multipartBoundary(_ request: Request) -> String? {
        guard request.headers.contentType?.subType == "form-data" else { return nil }
        return request.headers.contentType?.parameters["boundary"]
    }

    private mutating func take(_ receiver: MultipartReceiver) {
        for (name, value) in receiver.fields { fields[name, default: []].append(value.withLineFeeds) }
        files += receiver.files
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
        guard let id = Identifier<Subject>(raw) else { throw TandemError.invalid(name, "\(name) is not a valid id", .unknownRecord) }
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

    /// `form-data; name="x"; filename="y.pdf"` → ["name": "x", "filename": "y.pdf"].
    fileprivate static func dispositionParameters(_ header: String) -> [String: String] {
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

extension TandemError {
    /// Whether a form shows the error at its fields and keeps what was typed: a value the core
    /// refuses, or one another record has already (a department's code, a login).
    var isAboutInput: Bool { code == .invalidInput || code == .conflict && reason == .taken }
}

/// What a form got wrong, by field, to show next to each input.
struct FieldErrors {
    private var byField: [String: String] = [:]
    /// The message for the whole form (shown above it), when the error names no field.
    var general: String?

    init() {}

    /// Turns a core error into messages next to their fields (every invalid field the core found,
    /// and a value another record has already), or a message above the form, each in the
    /// reader's language.
    init(_ error: TandemError, _ request: Request) {
        guard error.field != nil, error.isAboutInput else {
            general = request.t("error_code.\(error.code.rawValue)") + " — " + request.message(of: error)
            return
        }
        for one in error.allFields {
            guard let field = one.field, byField[field] == nil else { continue }
            byField[field] = request.message(of: one)
        }
    }

    subscript(field: String) -> String? { byField[field] }

    /// The messages of the given fields, for a page context (`errors.title`).
    func messages(for fields: [String]) -> [String: String] {
        byField.filter { fields.contains($0.key) }
    }

    /// The messages of the fields under one name (`form_fields[2].` → `key`, `label` …).
    func messages(forPrefix prefix: String) -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: byField.filter { $0.key.hasPrefix(prefix) }.map { (String($0.key.dropFirst(prefix.count)), $0.value) })
    }

    /// The message above the form: the general one, or one about a field the form does not show.
    func general(besides fields: [String], prefixes: [String] = []) -> String? {
        general
            ?? byField.sorted { $0.key < $1.key }
            .first { field in !fields.contains(field.key) && !prefixes.contains { field.key.hasPrefix($0) } }
            .map { "\($0.key): \($0.value)" }
    }

    var isEmpty: Bool { byField.isEmpty && general == nil }
}

/// Parses a multipart form as its bytes arrive: each file part is written to a `SpooledFile`
/// while it comes, each field kept in memory (all together at most `PageForm.maxFieldBytes`).
private final class MultipartReceiver {
    private let parser: MultipartParser
    private var headers: [String: String] = [:]
    private enum Part { case undecided, field(ByteBuffer), file(name: String, type: String, SpooledFile), skipped }
    private var part = Part.undecided
    private var fieldBytes = 0
    private var failure: (any Error)?
    private(set) var fields: [(String, String)] = []
    private(set) var files: [PageForm.File] = []

    init(boundary: String) {
        parser = MultipartParser(boundary: boundary)
        parser.onHeader = { [unowned self] name, value in headers[name.lowercased()] = value }
        parser.onBody = { [unowned self] chunk in body(&chunk) }
        parser.onPartComplete = { [unowned self] in complete() }
    }

    func feed(_ buffer: ByteBuffer) throws {
        do { try parser.execute(buffer) } catch { throw TandemError.invalid("body", "the form could not be read") }
        if let failure { throw failure }
    }

    /// What the part is, from its headers (read before its first byte).
    private func decide() {
        guard case .undecided = part else { return }
        let disposition = PageForm.dispositionParameters(headers["content-disposition"] ?? "")
        guard disposition["name"] != nil else { part = .skipped; return }
        guard let fileName = disposition["filename"] else { part = .field(ByteBuffer()); return }
        guard !fileName.isEmpty, failure == nil else { part = .skipped; return }
        do {
            part = .file(name: fileName, type: headers["content-type"] ?? "application/octet-stream", try SpooledFile())
        } catch {
            failure = error
            part = .skipped
        }
    }

    private func body(_ chunk: inout ByteBuffer) {
        decide()
        switch part {
        case .field(var buffer):
            fieldBytes += chunk.readableBytes
            guard fieldBytes <= PageForm.maxFieldBytes else {
                failure = failure ?? Abort(.payloadTooLarge, reason: "the form's fields are larger than \(PageForm.maxFieldBytes) bytes")
                part = .skipped
                return
            }
            buffer.writeBuffer(&chunk)
            part = .field(buffer)
        case .file(_, _, let spool):
            do { try spool.write(chunk) } catch { failure = failure ?? error; part = .skipped }
        case .undecided, .skipped:
            break
        }
    }

    private func complete() {
        decide()
        let disposition = PageForm.dispositionParameters(headers["content-disposition"] ?? "")
        switch part {
        case .field(let buffer):
            fields.append((disposition["name"] ?? "", String(buffer: buffer)))
        case .file(let name, let type, let spool):
            do {
                try spool.close()
                if spool.byteCount > 0 { files.append(PageForm.File(fileName: name, contentType: type, spool: spool)) }
            } catch {
                failure = failure ?? error
            }
        case .undecided, .skipped:
            break
        }
        headers = [:]
        part = .undecided
    }
}
