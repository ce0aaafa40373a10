import Foundation

/// The limits on attachments: size and the types accepted.
public struct AttachmentPolicy: Sendable {
    public var maxBytes: Int
    /// Accepted content types; a trailing `/*` accepts a whole family.
    public var allowedTypes: [String]

    public init(maxBytes: Int = 20 * 1024 * 1024, allowedTypes: [String] = AttachmentPolicy.defaultTypes) {
        self.maxBytes = maxBytes
        self.allowedTypes = allowedTypes
    }

    public static let defaultTypes = [
        "image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain", "text/csv",
        "application/zip", "application/json",
        "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ]

    public func accepts(contentType: String) -> Bool {
        let type = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return allowedTypes.contains { allowed in
            allowed.hasSuffix("/*") ? type.hasPrefix(String(allowed.dropLast())) : type == allowed
        }
    }

    /// Whether the file's first bytes fit its declared type: a PDF starts with `%PDF`, a PNG with
    /// its signature, an Office document with a ZIP or OLE header, text has no NUL byte … so a
    /// program renamed to `report.pdf` is refused. `head` is the first 16 bytes (or fewer).
    public static func content(_ head: [UInt8], fits contentType: String) -> Bool {
        let type = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        func starts(_ signature: [UInt8]) -> Bool { head.starts(with: signature) }
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        switch type {
        case "application/pdf": return starts(Array("%PDF-".utf8))
        case "image/png": return starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        case "image/jpeg": return starts([0xFF, 0xD8, 0xFF])
        case "image/gif": return starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8))
        case "image/webp": return starts(Array("RIFF".utf8)) && head.count >= 12 && Array(head[8..<12]) == Array("WEBP".utf8)
        case "application/zip": return starts(zip)
        case "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint": return starts(ole)
        case _ where type.hasPrefix("application/vnd.openxmlformats-officedocument."): return starts(zip)
        case "text/plain", "text/csv", "application/json": return !head.contains(0)
        default: return true
        }
    }

    /// Refuses a file that is too big, empty, of a type not accepted, or whose content does not
    /// fit its declared type.
    public func check(contentType: String, byteCount: Int, head: [UInt8], field: String = "file") throws {
        guard accepts(contentType: contentType) else {
            throw TandemError.invalid(field, "files of type \(contentType) are not accepted")
        }
        guard byteCount <= maxBytes else { throw TandemError.invalid(field, "the file is larger than \(maxBytes) bytes") }
        guard byteCount > 0 else { throw TandemError.invalid(field, "the file is empty") }
        guard Self.content(head, fits: contentType) else {
            throw TandemError.invalid(field == "file" ? "content_type" : field, "the file's content is not \(contentType)")
        }
    }

    /// A file name safe to store and to send back: no path, no control characters, ≤ 200 characters.
    public static func cleanFileName(_ name: String) throws -> String {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(base.unicodeScalars.filter { $0.value >= 32 && $0.value != 127 && $0 != "\"" })
            .trimmingCharacters(in: .whitespaces)
        guard !cleaned.isEmpty, cleaned != ".", cleaned != ".." else {
            throw TandemError.invalid("file_name", "the file needs a name")
        }
        guard cleaned.count <= 200 else { throw TandemError.invalid("file_name", "file_name must be at most 200 characters") }
        return cleaned
    }
}

/// A file the web layer has already stored in the blob store, to be recorded on a need.
public struct StoredUpload: Sendable {
    public var fileName: String
    public var contentType: String
    public var byteCount: Int
    public var sha256: String
    public var storageKey: String
    /// The first bytes of the file, to check them against the declared type.
    public var head: [UInt8]

    public init(fileName: String, contentType: String, byteCount: Int, sha256: String, storageKey: String, head: [UInt8]) {
        self.fileName = fileName
        self.contentType = contentType
        self.byteCount = byteCount
        self.sha256 = sha256
        self.storageKey = storageKey
        self.head = head
    }
}

extension NeedWorkflow {
    /// Checks, before any byte is stored, that the actor may attach a file of this name and type
    /// to the need; returns the cleaned file name.
    public func authorizeUpload(to id: Need.ID, fileName: String, contentType: String, by actor: Person) async throws -> String {
        let need = try await need(id, for: actor)
        guard AccessPolicy.canComment(.public, on: need, actor) else {
            throw TandemError.forbidden("you may not attach files to this need")
        }
        guard attachmentPolicy.accepts(contentType: contentType) else {
            throw TandemError.invalid("content_type", "files of type \(contentType) are not accepted")
        }
        return try AttachmentPolicy.cleanFileName(fileName)
    }

    /// Records a stored file on the need, with its event.
    public func attach(_ upload: StoredUpload, to id: Need.ID, by actor: Person) async throws -> Attachment {
        let fileName = try await authorizeUpload(to: id, fileName: upload.fileName, contentType: upload.contentType, by: actor)
        try attachmentPolicy.check(contentType: upload.contentType, byteCount: upload.byteCount, head: upload.head)
        var added: Attachment?
        _ = try await mutate(id, by: actor) { current in
            let now = clock.now()
            var need = current
            need.updatedAt = now
            let attachment = Attachment(
                id: ids.next(), needID: id, uploaderID: actor.id, fileName: fileName, contentType: upload.contentType,
                byteCount: upload.byteCount, sha256: upload.sha256, storageKey: upload.storageKey, createdAt: now)
            added = attachment
            return NeedWrite(
                need: need,
                events: [
                    event(
                        .attached, on: need, by: actor, at: now,
                        changes: [
                            .init(field: "attachment", old: nil, new: fileName)
                        ], attachmentID: attachment.id)
                ],
                attachments: [attachment])
        }
        return added!
    }

    /// The attachment, if the actor may read its need.
    public func attachment(_ id: Attachment.ID, of needID: Need.ID, for actor: Person) async throws -> Attachment {
        _ = try await need(needID, for: actor)
        guard let attachment = try await needs.attachment(id), attachment.needID == needID else {
            throw TandemError.notFound("attachment")
        }
        return attachment
    }

    public func attachments(of id: Need.ID, for actor: Person) async throws -> [Attachment] {
        _ = try await need(id, for: actor)
        return try await needs.attachments(of: id)
    }
}
