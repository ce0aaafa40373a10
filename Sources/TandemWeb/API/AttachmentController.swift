import Foundation
import TandemCore
import Vapor

/// Files on needs: uploaded as the raw request body (streamed to disk, never held in memory
/// whole), downloaded only by who may read the need.
struct AttachmentController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let attachments = routes.grouped("needs", ":needID", "attachments")
        attachments.get(use: list)
        attachments.on(.POST, body: .stream, use: upload)
        attachments.get(":attachmentID", use: download)
    }

    func list(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let id = try await NeedController.needID(request, actor: actor)
        return try json(ItemList(items: try await request.tandem.needs.attachments(of: id, for: actor)))
    }

    /// `POST …/attachments?file_name=报告.pdf` with the file as the body and its type as `Content-Type`.
    func upload(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let services = request.tandem
        let id = try await NeedController.needID(request, actor: actor, beforeBody: true)
        let parameters = try QueryParameters(request, allowed: ["file_name"])
        guard let fileName = parameters.string("file_name") else { throw TandemError.invalid("file_name", "file_name is required") }
        guard let contentType = request.headers.first(name: .contentType) else {
            throw TandemError.invalid("content_type", "send the file's type as Content-Type")
        }
        let limit = services.needs.attachmentPolicy.maxBytes
        if let declared = request.headers.first(name: .contentLength).flatMap(Int.init), declared > limit {
            throw Abort(.payloadTooLarge, reason: "the file is larger than \(limit) bytes")
        }
        let attachment = try await AttachmentIntake.receive(
            request.body, fileName: fileName, contentType: contentType, to: id, by: actor, request)
        return try json(attachment, status: .created)
    }

    func download(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let needID = try await NeedController.needID(request, actor: actor)
        let attachment = try await request.tandem.needs.attachment(request.id("attachmentID", "attachment"), of: needID, for: actor)
        let path = request.tandem.blobs.url(for: attachment.storageKey).path
        let response = try await request.fileio.asyncStreamFile(at: path)
        response.headers.replaceOrAdd(name: .contentType, value: attachment.contentType)
        let encoded = attachment.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename*=UTF-8''\(encoded)")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }
}
