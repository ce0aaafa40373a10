import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Where a directory listens and how to reach it safely: `ldaps://` (TLS from the first byte),
/// or `ldap://` upgraded with StartTLS; plain `ldap://` only when asked for (tests, loopback).
public struct LDAPEndpoint: Sendable {
    public enum Security: Sendable, Equatable {
        case ldaps
        case startTLS
        case none
    }

    public var host: String
    public var port: Int
    public var security: Security
    /// PEM file of the certificate authority the server's certificate is checked against (nil:
    /// the system's roots).
    public var caFile: String?
    /// How long one conversation (connect, bind, search…) may take before it is given up.
    public var timeout: TimeAmount

    public init(host: String, port: Int, security: Security, caFile: String? = nil, timeout: TimeAmount = .seconds(10)) {
        self.host = host
        self.port = port
        self.security = security
        self.caFile = caFile
        self.timeout = timeout
    }

    /// Reads `ldap://host:port` or `ldaps://host:port`; `startTLS` asks an `ldap://` URL to upgrade.
    public init(url: String, startTLS: Bool, caFile: String? = nil) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            ["ldap", "ldaps"].contains(scheme), let host = components.host, !host.isEmpty
        else { throw LDAPError.unavailable("'\(url)' is not an ldap:// or ldaps:// URL") }
        let secure = scheme == "ldaps"
        self.init(
            host: host, port: components.port ?? (secure ? 636 : 389), security: secure ? .ldaps : startTLS ? .startTLS : .none,
            caFile: caFile)
    }
}

/// A client for LDAP directories (OpenLDAP, Active Directory): a conversation opens a
/// connection, runs its operations one after another and closes it.
public enum LDAPClient {
    static let startTLSOID = "1.3.6.1.4.1.1466.20037"

    /// Opens a connection (TLS as the endpoint says), runs `body` with it and closes it.
    public static func withConnection<Result: Sendable>(
        to endpoint: LDAPEndpoint, _ body: (LDAPConnection) async throws -> Result
    ) async throws -> Result {
        let tls = try endpoint.security == .none ? nil : Self.tlsContext(endpoint)
        let channel: NIOAsyncChannel<BERElement, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(endpoint.timeout)
                .connect(host: endpoint.host, port: endpoint.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if endpoint.security == .ldaps, let tls {
                            try channel.pipeline.syncOperations.addHandler(
                                try NIOSSLClientHandler(context: tls, serverHostname: Self.serverName(endpoint.host)))
                        }
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LDAPFrameDecoder()))
                        return try NIOAsyncChannel<BERElement, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw LDAPError.unavailable("cannot connect to \(endpoint.host):\(endpoint.port): \(error)")
        }
        // The whole conversation has a deadline: past it the connection closes and the read in
        // progress ends.
        let deadline = channel.channel.eventLoop.scheduleTask(in: endpoint.timeout) { channel.channel.close(promise: nil) }
        defer { deadline.cancel() }
        return try await channel.executeThenClose { inbound, outbound in
            let connection = LDAPConnection(inbound: inbound.makeAsyncIterator(), outbound: outbound)
            if endpoint.security == .startTLS, let tls {
                try await connection.extended(Self.startTLSOID)
                let pipeline = channel.channel.pipeline
                try await channel.channel.eventLoop.submit {
                    try pipeline.syncOperations.addHandler(
                        try NIOSSLClientHandler(context: tls, serverHostname: Self.serverName(endpoint.host)), position: .first)
                }.get()
            }
            let result = try await body(connection)
            try? await connection.unbind()
            return result
        }
    }

    static func tlsContext(_ endpoint: LDAPEndpoint) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile = endpoint.caFile {
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
        }
        return try NIOSSLContext(configuration: configuration)
    }

    /// The name sent for SNI and checked against the certificate: none for an IP address.
    static func serverName(_ host: String) -> String? {
        host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? nil : host
    }
}

/// One open connection: operations run one at a time, in order.
public final class LDAPConnection {
    private var inbound: NIOAsyncChannelInboundStream<BERElement>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var nextID = 1

    init(inbound: NIOAsyncChannelInboundStream<BERElement>.AsyncIterator, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.inbound = inbound
        self.outbound = outbound
    }

    /// A simple bind: throws `LDAPError.result` with code 49 for wrong credentials.
    public func bind(dn: String, password: String) async throws {
        // An empty password would be an unauthenticated bind (RFC 4513 §5.1.2), which servers
        // accept: it must never pass for a password check.
        guard !password.isEmpty else { throw LDAPError.result(code: LDAPError.invalidCredentials, message: "empty password") }
        try expectSuccess(try await send(.bind(dn: dn, password: password)))
    }

    /// Every entry the search finds; with `pageSize`, asked a page at a time (RFC 2696), so that
    /// a server's size limit does not cut a large directory short.
    public func search(_ search: LDAPSearch, pageSize: Int? = nil) async throws -> [LDAPEntry] {
        var entries: [LDAPEntry] = []
        var cookie: [UInt8] = []
        repeat {
            let id = try await write(.search(search, pageSize: pageSize, cookie: cookie))
            cookie = []
            reading: while true {
                switch try await read(id) {
                case .entry(let entry): entries.append(entry)
                case .reference: continue
                case .result(_, let code, let message, let paging):
                    guard code == 0 else { throw LDAPError.result(code: code, message: message) }
                    cookie = pageSize == nil ? [] : paging ?? []
                    break reading
                }
            }
        } while !cookie.isEmpty
        return entries
    }

    func extended(_ name: String) async throws {
        try expectSuccess(try await send(.extended(name: name)))
    }

    func unbind() async throws {
        _ = try await write(.unbind)
    }

    private func send(_ request: LDAPRequest) async throws -> LDAPResponse {
        try await read(try await write(request))
    }

    private func write(_ request: LDAPRequest) async throws -> Int {
        let id = nextID
        nextID += 1
        var buffer = ByteBuffer()
        buffer.writeBytes(request.message(id: id).encoded)
        do { try await outbound.write(buffer) } catch { throw LDAPError.unavailable("the connection closed: \(error)") }
        return id
    }

    /// The next response to message `id` (unsolicited notices, id 0, end the conversation).
    private func read(_ id: Int) async throws -> LDAPResponse {
        while true {
            let next: BERElement?
            do { next = try await inbound.next() } catch let error as LDAPError { throw error } catch {
                throw LDAPError.unavailable("\(error)")  // TLS refused, connection reset
            }
            guard let element = next else { throw LDAPError.unavailable("the connection closed or timed out") }
            let (answered, response) = try LDAPResponse.read(element)
            if answered == id { return response }
            if answered == 0 { throw LDAPError.unavailable("the server ended the connection") }
        }
    }

    private func expectSuccess(_ response: LDAPResponse) throws {
        guard case .result(_, let code, let message, _) = response else { throw LDAPError.malformed("an entry where a result was due") }
        guard code == 0 else { throw LDAPError.result(code: code, message: message) }
    }
}

/// Cuts the byte stream into BER elements, one LDAP message each.
struct LDAPFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = BERElement
    /// A message larger than this is refused (no directory entry comes near it).
    static let maxMessageBytes = 16 * 1024 * 1024

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let bytes = buffer.getBytes(at: buffer.readerIndex, length: min(buffer.readableBytes, 6)) else { return .needMoreData }
        if bytes.count >= 2, bytes[1] & 0x80 != 0 {
            let octets = Int(bytes[1] & 0x7F)
            if octets > 4 { throw LDAPError.malformed("a length of \(octets) octets") }
            if bytes.count >= 2 + octets {
                let length = bytes[2..<(2 + octets)].reduce(0) { $0 << 8 | Int($1) }
                if length > Self.maxMessageBytes { throw LDAPError.malformed("a message of \(length) bytes") }
            }
        }
        guard let all = buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes),
            let (element, size) = try BERElement.decode(all[...])
        else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: size)
        context.fireChannelRead(wrapInboundOut(element))
        return .continue
    }
}
