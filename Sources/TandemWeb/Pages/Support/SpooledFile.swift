import Foundation
import NIOCore

/// A file part of a submitted form, kept in a temporary file while it arrives, so that a large
/// upload never sits in memory. The file is removed when the last reference goes (the request
/// is done with it).
final class SpooledFile: @unchecked Sendable {
    // NB: @unchecked: written only while the form is read (one task), then only read.
    let url: URL
    private var handle: FileHandle?
    private(set) var byteCount = 0
    /// The first bytes, to recognise the file's type.
    private(set) var head: [UInt8] = []

    static let headLength = 16
    static let chunkSize = 64 * 1024

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-upload-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
    }

    func write(_ buffer: ByteBuffer) throws {
        let bytes = buffer.readableBytesView
        if head.count < Self.headLength { head += bytes.prefix(Self.headLength - head.count) }
        try handle?.write(contentsOf: bytes)
        byteCount += bytes.count
    }

    /// Done writing.
    func close() throws {
        try handle?.close()
        handle = nil
    }

    /// The whole file (for small files the page reads at once: a calendar, a CSV).
    func contents() throws -> ByteBuffer {
        ByteBuffer(data: try Data(contentsOf: url))
    }

    /// The file in chunks, each read from disk when it is asked for (one chunk in memory at a time).
    func chunks() throws -> AsyncThrowingStream<ByteBuffer, any Error> {
        let reader = ChunkReader(try FileHandle(forReadingFrom: url), keeping: self)
        return AsyncThrowingStream(unfolding: { try reader.next() })
    }

    /// Reads the file chunk by chunk; keeps the spooled file (and so the file on disk) alive while it reads.
    private final class ChunkReader: @unchecked Sendable {
        // NB: @unchecked: the stream asks for one chunk at a time.
        private let handle: FileHandle
        private let file: SpooledFile

        init(_ handle: FileHandle, keeping file: SpooledFile) {
            self.handle = handle
            self.file = file
        }

        func next() throws -> ByteBuffer? {
            guard let data = try handle.read(upToCount: SpooledFile.chunkSize), !data.isEmpty else { return nil }
            return ByteBuffer(data: data)
        }

        deinit { try? handle.close() }
    }

    deinit {
        try? handle?.close()
        try? FileManager.default.removeItem(at: url)
    }
}
