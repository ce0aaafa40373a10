import Foundation

/// The text of an uploaded CSV file: UTF-8 with or without a byte-order mark, or GB18030 (of
/// which GBK and GB2312 are parts), as Chinese Excel saves "CSV (逗号分隔)".
public enum ImportText {
    public enum Encoding: String, Sendable, Codable {
        case utf8 = "utf-8"
        case gb18030 = "gb18030"
    }

    /// GB18030-2000 in Foundation's numbering (kCFStringEncodingGB_18030_2000).
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// The text and the encoding it was in: UTF-8 when the bytes are valid UTF-8, else GB18030.
    public static func decode(_ bytes: [UInt8]) throws -> (text: String, encoding: Encoding) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let text = String(validating: body, as: UTF8.self) { return (text, .utf8) }
        if let text = String(data: Data(body), encoding: gb18030) { return (text, .gb18030) }
        throw TandemError.invalid("file", "the file is neither UTF-8 nor GB18030 (GBK) text", .notAnOption)
    }
}
