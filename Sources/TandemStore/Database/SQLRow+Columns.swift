import Foundation
import SQLKit
import TandemCore

/// Column readers for rows read by hand (the hot rows: needs). Ids are read as text and parsed
/// without Foundation's `sscanf`-based parser; both drivers hand a UUID column over as text.
extension SQLRow {
    func uuid(_ column: String) throws -> UUID {
        let text = try decode(column: column, as: String.self)
        guard let uuid = UUID(text: text) else { throw CorruptColumn(column: column, value: text) }
        return uuid
    }

    func optionalUUID(_ column: String) throws -> UUID? {
        guard let text = try decode(column: column, as: String?.self) else { return nil }
        guard let uuid = UUID(text: text) else { throw CorruptColumn(column: column, value: text) }
        return uuid
    }

    func value<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try decode(column: column, as: T.self)
    }
}

/// A stored value the store cannot read back: a bug or a hand edit, never user input.
struct CorruptColumn: Error, CustomStringConvertible {
    var column: String
    var value: String
    var description: String { "column \(column) holds '\(value)'" }
}
