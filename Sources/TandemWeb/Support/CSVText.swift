import Foundation
import Vapor

/// CSV as Excel opens it correctly: UTF-8 with a byte-order mark (else Chinese Excel reads it as
/// GBK), CRLF line ends, fields quoted when they hold a comma, quote or line break, and a field
/// that starts like a formula prefixed with `'` so a spreadsheet never runs it.
enum CSVText {
    static let byteOrderMark = "\u{FEFF}"

    static func make(header: [String], rows: [[String]]) -> String {
        byteOrderMark + ([header] + rows).map(line).joined()
    }

    /// One record and its line end.
    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ value: String) -> String {
        var value = value
        if looksLikeFormula(value) { value = "'" + value }
        guard value.contains(where: { ",\"\r\n".contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whether a spreadsheet could read the field as a formula: its first visible character is
    /// `=`, `+`, `-` or `@` (or their full-width forms) — whatever invisible characters come first
    /// (a zero-width joiner, a combining mark, a byte-order mark, spaces) — and it is not a plain
    /// number; or it starts with a tab or a carriage return, which Excel skips.
    static func looksLikeFormula(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first else { return false }
        if first == "\t" || first == "\r" { return true }
        guard let visible = value.unicodeScalars.first(where: { !isInvisible($0) }), "=+-@＝＋－＠".unicodeScalars.contains(visible) else {
            return false
        }
        return Double(value) == nil
    }

    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .nonspacingMark, .enclosingMark, .spacingMark:
            return true
        default:
            return scalar.properties.isWhitespace || scalar.properties.isDefaultIgnorableCodePoint
        }
    }

    /// A download response named `fileName`.
    static func response(_ text: String, fileName: String) -> Response {
        let response = Response(status: .ok, body: .init(string: text))
        describe(response, fileName: fileName)
        return response
    }

    /// Marks a response as a CSV download named `fileName`.
    static func describe(_ response: Response, fileName: String) {
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        let ascii = fileName.unicodeScalars.allSatisfy { $0.isASCII } ? fileName : "export.csv"
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: ".-_"))) ?? ascii
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")
    }
}
