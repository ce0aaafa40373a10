import Foundation
import TandemCore
import Vapor

/// Stores an uploaded file on disk chunk by chunk and records it on the need; a refused or
/// failed upload leaves no file behind. Used by the API (streamed body) and the pages (form).
enum AttachmentIntake {
    static func receive<Chunks: AsyncSequence>(
        _ chunks: Chunks, fileName: String, contentType: String, to id: Need.ID, by actor: Person, _ request: Request
    ) async throws -> Attachment where Chunks.Element == ByteBuffer {
        let services = request.tandem
        let cleanName = try await services.needs.authorizeUpload(to: id, fileName: fileName, contentType: contentType, by: actor)
        let limit = services.needs.attachmentPolicy.maxBytes
        let writer = try services.blobs.makeWriter()
        do {
            for try await chunk in chunks {
                try writer.write(chunk.readableBytesView)
                if writer.byteCount > limit { throw Abort(.payloadTooLarge, reason: "the file is larger than \(limit) bytes") }
            }
            let sha256 = try writer.finish()
            let upload = StoredUpload(
                fileName: cleanName, contentType: contentType, byteCount: writer.byteCount,
                sha256: sha256, storageKey: writer.key, head: writer.head)
            return try await services.needs.attach(upload, to: id, by: actor)
        } catch {
            writer.abandon()
            throw error
        }
    }
}
