import Foundation

extension Date {
    /// Whole milliseconds since 1970, the precision Tandem keeps times at.
    public var millisecondsSince1970: Int64 {
        Int64((timeIntervalSince1970 * 1000).rounded())
    }

    public init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// The time rounded to whole milliseconds, as every store writes it, so that a value read
    /// back and turned into a cursor binds to exactly what was stored.
    var storable: Date { Date(millisecondsSince1970: millisecondsSince1970) }
}
