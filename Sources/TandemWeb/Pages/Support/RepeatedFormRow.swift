/// A row of a form that repeats (an offering's fields, a survey's questions, an evaluation's
/// dimensions): numbered by its position, with the errors the core named for it.
protocol RepeatedFormRow {
    var index: Int { get set }
    var errors: [String: String] { get set }
}

extension Array where Element: RepeatedFormRow {
    /// The rows as the page shows them: renumbered, each with the errors named under
    /// `listField[position].`, then `blanks` empty rows to add more.
    func shown(_ errors: FieldErrors, listField: String, blanks: Int, blank: () -> Element) -> [Element] {
        var shown = enumerated().map { position, row in
            var row = row
            row.index = position
            row.errors = errors.messages(forPrefix: "\(listField)[\(position)].")
            return row
        }
        for _ in 0..<blanks {
            var row = blank()
            row.index = shown.count
            shown.append(row)
        }
        return shown
    }
}
