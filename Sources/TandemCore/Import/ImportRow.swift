import Foundation

/// One record of an imported file, read by column: each reader notes what is wrong with its
/// value, so that a row reports every bad field at once.
struct ImportRow {
    let line: Int
    private let values: [String: String]
    private(set) var problems: [ImportProblem] = []

    init(_ record: CSVTable.Record, columns: [Int: String]) {
        line = record.line
        var values: [String: String] = [:]
        for (index, column) in columns where index < record.fields.count {
            values[column] = record.fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        self.values = values
    }

    /// The value as written (trimmed), empty when the column is absent or blank.
    func text(_ column: String) -> String { values[column] ?? "" }

    mutating func note(_ error: TandemError) {
        for one in error.allFields { problems.append(ImportProblem(line: line, error: one)) }
    }

    /// Runs one of the core's validations on a column's value: its result, or `nil` after
    /// noting the problem.
    mutating func check<Value>(_ column: String, _ validate: (String) throws -> Value) -> Value? {
        do { return try validate(text(column)) } catch let error as TandemError { note(error); return nil } catch {
            note(.invalid(column, "\(error)"))
            return nil
        }
    }

    /// Yes or no: `true`/`false`, `yes`/`no`, `y`/`n`, `1`/`0`, `是`/`否`; blank gives `fallback`.
    mutating func flag(_ column: String, default fallback: Bool) -> Bool {
        let value = text(column).lowercased()
        if value.isEmpty { return fallback }
        if ["true", "yes", "y", "1", "是", "对"].contains(value) { return true }
        if ["false", "no", "n", "0", "否", "不"].contains(value) { return false }
        note(.invalid(column, "'\(value)' is not yes or no", .notAnOption, "true, false"))
        return fallback
    }

    /// One of `T`'s values by its name (any case) or a Chinese label; blank gives `fallback`.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ column: String, labels: [String: T] = [:], default fallback: T?) -> T?
    where T.RawValue == String {
        let value = text(column)
        if value.isEmpty { return fallback }
        if let found = T.allCases.first(where: { $0.rawValue.lowercased() == value.lowercased() }) ?? labels[value] { return found }
        let options = T.allCases.map(\.rawValue).joined(separator: ", ")
        note(.invalid(column, "'\(value)' is not one of \(options)", .notAnOption, options))
        return nil
    }

    /// A date as `2026-03-01` or as Excel writes it, `2026/3/1`; blank is `nil`.
    mutating func date(_ column: String) -> CalendarDate? {
        let value = text(column)
        if value.isEmpty { return nil }
        guard let date = Self.date(value) else {
            note(.invalid(column, "'\(value)' is not a date (YYYY-MM-DD)", .notADate))
            return nil
        }
        return date
    }

    /// A moment as `2026-03-01 09:30[:00]` (or `2026/3/1 9:30`, or a date alone: midnight) in
    /// the company's time zone; blank is `nil`.
    mutating func moment(_ column: String, in timeZone: TimeZone) -> Date? {
        let value = text(column)
        if value.isEmpty { return nil }
        let parts = value.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard (1...2).contains(parts.count), let date = Self.date(String(parts[0])) else {
            note(.invalid(column, "'\(value)' is not a date and time (YYYY-MM-DD HH:MM)", .notADate))
            return nil
        }
        var hour = 0, minute = 0, second = 0
        if parts.count == 2 {
            let clock = parts[1].split(separator: ":").map { Int($0) }
            guard (2...3).contains(clock.count), clock.allSatisfy({ $0 != nil }), (0...23).contains(clock[0]!),
                (0...59).contains(clock[1]!),
                clock.count == 2 || (0...59).contains(clock[2]!)
            else {
                note(.invalid(column, "'\(value)' is not a date and time (YYYY-MM-DD HH:MM)", .notADate))
                return nil
            }
            hour = clock[0]!
            minute = clock[1]!
            second = clock.count == 3 ? clock[2]! : 0
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(
            from: DateComponents(year: date.year, month: date.month, day: date.day, hour: hour, minute: minute, second: second))
    }

    private static func date(_ text: String) -> CalendarDate? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }).map(String.init)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count) else { return nil }
        return CalendarDate(parts[0] + "-" + parts[1].leftPadded(to: 2) + "-" + parts[2].leftPadded(to: 2))
    }
}
