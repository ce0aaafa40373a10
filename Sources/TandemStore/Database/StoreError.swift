import Foundation
import TandemCore

/// Maps driver errors to the core's errors: a unique violation becomes `.conflict`, a lost
/// connection `.unavailable`; anything else passes through unchanged.
enum StoreError {
    static func map(_ error: any Error) -> any Error {
        if error is TandemError { return error }
        let text = String(reflecting: error)
        if text.contains("UNIQUE constraint failed") || text.contains("23505") || text.contains("unique_violation")
            || text.contains("duplicate key value")
        {
            return TandemError(.conflict, "a record with this value exists already", field: uniqueField(in: text))
        }
        let lowered = text.lowercased()
        let aboutConnection = lowered.contains("connection") || lowered.contains("connect(") || lowered.contains("pool")
        if aboutConnection && ["refused", "closed", "reset", "timeout", "timed out", "unreachable", "broken pipe"].contains(where: lowered.contains)
            || lowered.contains("econnrefused") || lowered.contains("shutting down")
            || lowered.contains("sqlstate: 57p0") || lowered.contains("sqlstate: 08")  // shutdown, starting up; connection exceptions
            || lowered.contains("sqlstate: 53300")  // too many connections
        {
            return TandemError(.unavailable, "the database is not reachable; try again shortly")
        }
        return error
    }

    /// The column named in the driver's message, where it names one we know.
    private static func uniqueField(in text: String) -> String? {
        for (marker, field) in [("login", "login"), ("code", "code"), ("number", "number"), ("digest", "token")]
        where text.contains(marker) {
            return field
        }
        return nil
    }
}
