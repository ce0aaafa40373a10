import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Sends one e-mail per connection to an SMTP server: plain, STARTTLS or TLS from the start,
/// with AUTH PLAIN (or LOGIN) when the settings carry a user. Every reply is checked; an
/// unexpected one fails the delivery with the server's words.
public struct SMTPClient: Sendable {
    public let settings: SMTPSettings
    let group: any EventLoopGroup

    public init(settings: SMTPSettings, group: any EventLoopGroup) {
        self.settings = settings
        self.group = group
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One SMTP reply: its code and its lines' text.
    struct Reply: Sendable {
        var code: Int
        var lines: [String]
        var text: String { lines.joined(separator: " / ") }
    }

    public func send(_ message: MailMessage) async throws {
        let (replies, continuation) = AsyncThrowingStream.makeStream(of: Reply.self)
        let tlsContext = try makeTLSContext()
        let settings = self.settings
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if settings.implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: tlsContext, serverHostname: Self.sniName(settings.host)))
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineDecoder()))
                    try channel.pipeline.syncOperations.addHandler(ReplyHandler(continuation: continuation))
                }
            }
            .connect(host: settings.host, port: settings.port).get()
        do {
            var conversation = Conversation(channel: channel, replies: replies.makeAsyncIterator())
            try await conversation.expect(220, "greeting")
            var extensions = try await conversation.command("EHLO tandem", expect: 250).lines
            if settings.startTLS != .never, !settings.implicitTLS {
                let offered = extensions.contains { $0.uppercased().hasPrefix("STARTTLS") }
                if offered {
                    _ = try await conversation.command("STARTTLS", expect: 220)
                    try await channel.eventLoop.submit {
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: tlsContext, serverHostname: Self.sniName(settings.host)), position: .first)
                    }.get()
                    extensions = try await conversation.command("EHLO tandem", expect: 250).lines
                } else if settings.startTLS == .required {
                    throw Failure(description: "the server does not offer STARTTLS, which the settings require")
                }
            }
            if let user = settings.username {
                let password = settings.password ?? ""
                let auth = extensions.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased() ?? ""
                if auth.contains("PLAIN") || !auth.contains("LOGIN") {
                    let token = Data("\0\(user)\0\(password)".utf8).base64EncodedString()
                    _ = try await conversation.command("AUTH PLAIN \(token)", expect: 235, hide: true)
                } else {
                    _ = try await conversation.command("AUTH LOGIN", expect: 334)
                    _ = try await conversation.command(Data(user.utf8).base64EncodedString(), expect: 334, hide: true)
                    _ = try await conversation.command(Data(password.utf8).base64EncodedString(), expect: 235, hide: true)
                }
            }
            _ = try await conversation.command("MAIL FROM:<\(message.fromAddress)>", expect: 250)
            _ = try await conversation.command("RCPT TO:<\(message.toAddress)>", expect: 250, or: 251)
            _ = try await conversation.command("DATA", expect: 354)
            let body = message.rendered().split(separator: "\r\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
            _ = try await conversation.command(body + ".", expect: 250)
            _ = try? await conversation.command("QUIT", expect: 221)
            try? await channel.close()
        } catch {
            try? await channel.close()
            throw error
        }
    }

    /// Server names go in SNI; an IP address may not.
    static func sniName(_ host: String) -> String? {
        host.contains(":") || host.allSatisfy({ $0.isNumber || $0 == "." }) ? nil : host
    }

    private func makeTLSContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile = settings.caFile {
            configuration.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMFile(caFile))]
        }
        return try NIOSSLContext(configuration: configuration)
    }

    /// The commands and replies of one connection, in order.
    struct Conversation {
        let channel: any Channel
        var replies: AsyncThrowingStream<Reply, any Error>.AsyncIterator

        mutating func expect(_ code: Int, _ what: String, or other: Int? = nil) async throws {
            guard let reply = try await replies.next() else { throw Failure(description: "the server closed the connection (\(what))") }
            guard reply.code == code || reply.code == other else {
                throw Failure(description: "the server answered \(reply.code) \(reply.text) (\(what))")
            }
        }

        mutating func command(_ line: String, expect code: Int, or other: Int? = nil, hide: Bool = false) async throws -> Reply {
            try await channel.writeAndFlush(ByteBuffer(string: line + "\r\n")).get()
            guard let reply = try await replies.next() else {
                throw Failure(description: "the server closed the connection after \(hide ? "a credential" : String(line.prefix(20)))")
            }
            guard reply.code == code || reply.code == other else {
                let said = hide ? "AUTH" : String(line.prefix(40))
                throw Failure(description: "the server answered \(reply.code) \(reply.text) to \(said)")
            }
            return reply
        }
    }

    /// Splits the stream into lines ending in LF (the CR is dropped later).
    struct LineDecoder: ByteToMessageDecoder {
        typealias InboundOut = ByteBuffer

        mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
            guard let end = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
                if buffer.readableBytes > 8192 { throw Failure(description: "the server sent a line longer than 8 KiB") }
                return .needMoreData
            }
            let length = end - buffer.readerIndex
            let line = buffer.readSlice(length: length)!
            buffer.moveReaderIndex(forwardBy: 1)
            context.fireChannelRead(wrapInboundOut(line))
            return .continue
        }
    }

    /// Gathers reply lines (`250-…` continues, `250 …` ends) into replies.
    final class ReplyHandler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let continuation: AsyncThrowingStream<Reply, any Error>.Continuation
        private var lines: [String] = []

        init(continuation: AsyncThrowingStream<Reply, any Error>.Continuation) { self.continuation = continuation }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            let line = (buffer.readString(length: buffer.readableBytes) ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                continuation.finish(throwing: Failure(description: "the server sent something that is not SMTP: \(line.prefix(60))"))
                return
            }
            lines.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " {
                continuation.yield(Reply(code: code, lines: lines))
                lines = []
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            continuation.finish()
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            continuation.finish(throwing: error)
            context.close(promise: nil)
        }
    }
}
