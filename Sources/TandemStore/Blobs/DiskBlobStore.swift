import Crypto
import Foundation
import TandemCore

/// Attachment bytes in a directory on disk, one file per blob, written through a temporary
/// file and renamed into place, so a blob is either whole or absent.
public struct DiskBlobStore: Sendable {
    public let directory: URL

    public init(directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Starts writing a new blob.
    public func makeWriter() throws -> BlobWriter {
        let key = UUID().uuidString.lowercased()
        let temporary = directory.appendingPathComponent(".incoming-\(key)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw TandemError(.unavailable, "cannot write to the attachment directory")
        }
        return BlobWriter(key: key, temporary: temporary, final: url(for: key), handle: try FileHandle(forWritingTo: temporary))
    }

    /// Where a stored blob's bytes are.
    public func url(for key: String) -> URL {
        directory.appendingPathComponent(String(key.prefix(2))).appendingPathComponent(key)
    }
}

/// Streams one blob to disk, counting and hashing as it goes.
public final class BlobWriter: @unchecked Sendable {
    // NB: used by one request at a time; @unchecked because FileHandle and the hasher are not Sendable.
    public let key: String
    private let temporary: URL
    private let final: URL
    private let handle: FileHandle
    private var hasher = SHA256()
    public private(set) var byteCount = 0
    /// The first 16 bytes written, to check a file against its declared type.
    public private(set) var head: [UInt8] = []

    init(key: String, temporary: URL, final: URL, handle: FileHandle) {
        self.key = key
        self.temporary = temporary
        self.final = final
        self.handle = handle
    }

    public func write(_ bytes: some Collection<UInt8>) throws {
        let data = Data(bytes)
        if head.count < 16 { head += data.prefix(16 - head.count) }
        hasher.update(data: data)
        try handle.write(contentsOf: data)
        byteCount += data.count
    }

    /// Flushes to disk and moves the blob into place; returns its SHA-256 in hex.
    public func finish() throws -> String {
        try handle.synchronize()
        try handle.close()
        try FileManager.default.createDirectory(at: final.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: temporary, to: final)
        return hasher.finalize().hexadecimal
    }

    /// Throws the partial blob away.
    public func abandon() {
        try? handle.close()
        try? FileManager.default.removeItem(at: temporary)
        try? FileManager.default.removeItem(at: final)
    }
}
