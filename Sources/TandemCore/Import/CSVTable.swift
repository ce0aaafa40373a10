import Foundation

/// A CSV file read whole: its header (names trimmed and lower-cased) and its records, each with
/// the line of the file it starts on, as a person sees it in a text editor (the header is line 1).
///
/// RFC 4180 as spreadsheets write it: commas, fields in double quotes holding commas, quotes
/// (doubled) and line breaks, CRLF or LF line ends. Blank lines are skipped.
public struct CSVTable: Sendable, Equatable {
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
    }

    public var header: [String]
    public var records: [Record]

    public init(header: [String], records: [Record]) {
        self.header = header
        self.records = records
    }

    /// Reads `text`; a quote left open is reported with the line it opened on.
    public static func parse(_ text: String) throws -> CSVTable {
        var rows: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var fieldWasQuoted = false
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) { rows.append(Record(line: recordLine, fields: fields)) }
            fields = []
            field = ""
            fieldWasQuoted = false
        }

        while let scalar = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty && !fieldWasQuoted:
                quoted = true
                fieldWasQuoted = true
                quoteLine = line
            case ",":
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            case "\r":
                let next = iterator.next()
                if next != "\n" { pending = next }
                endRecord()
                line += 1
                recordLine = line
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if quoted {
            throw TandemError.invalid("file", "a quote opened on line \(quoteLine) is never closed", .lineFormat, String(quoteLine))
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        guard let first = rows.first else { throw TandemError.invalid("file", "the file is empty: a header line is required", .required) }
        let header = first.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return CSVTable(header: header, records: Array(rows.dropFirst()))
    }
}
