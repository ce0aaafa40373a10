import Foundation

/// The one error type the core throws. It knows nothing about HTTP: the web layer maps each
/// code to a status in one place.
public struct TandemError: Error, Equatable, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, Codable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Bad input: a field is missing, of the wrong shape or out of range.
        public static let invalidInput = Code(rawValue: "invalid_input")
        /// The record does not exist, or the actor may not see it (the two are told apart nowhere).
        public static let notFound = Code(rawValue: "not_found")
        /// The actor may see the record but not do this to it.
        public static let forbidden = Code(rawValue: "forbidden")
        /// No valid session or token.
        public static let unauthenticated = Code(rawValue: "unauthenticated")
        /// The record changed since it was read, or a unique value is taken.
        public static let conflict = Code(rawValue: "conflict")
        /// The lifecycle does not allow this transition from the current status.
        public static let invalidTransition = Code(rawValue: "invalid_transition")
        /// Too many attempts; try again later.
        public static let tooManyRequests = Code(rawValue: "too_many_requests")
        /// A dependency (the database) is not reachable.
        public static let unavailable = Code(rawValue: "unavailable")
    }

    /// Why an input field was refused, for readers who show their own words (the pages translate
    /// `reason.<raw value>`, filling in `reasonArguments`).
    public enum Reason: String, CaseIterable, Sendable {
        case required
        /// Arguments: the maximum number of characters.
        case tooLong = "too_long"
        /// Arguments: the least and the most characters.
        case length
        case notANumber = "not_a_number"
        case notADate = "not_a_date"
        case notAnOption = "not_an_option"
        case loginFormat = "login_format"
        case codeFormat = "code_format"
        case emailFormat = "email_format"
        case urlFormat = "url_format"
        case timeSpanFormat = "time_span_format"
        /// Arguments: the least and the most allowed value.
        case outOfRange = "out_of_range"
        /// An evaluation cycle for a period in which no department received service.
        case nothingToEvaluate = "nothing_to_evaluate"
        /// A reporting period that is not a year, a quarter or a month.
        case periodFormat = "period_format"
        /// Arguments: the line number.
        case lineFormat = "line_format"
        case controlCharacters = "control_characters"
        case fieldKeyFormat = "field_key_format"
        case duplicateKey = "duplicate_key"
        /// A choice field without options, or with blank or repeated ones.
        case choiceOptions = "choice_options"
        /// Options on a field that is not a choice.
        case noOptions = "no_options"
        /// The value names a record that does not exist (or is not active).
        case unknownRecord = "unknown_record"
        /// An imported value that an earlier row of the same file has already.
        case duplicateInFile = "duplicate_in_file"
        /// An imported value that a stored record has already.
        case alreadyStored = "already_stored"
        /// A search text without a word or character to look for.
        case nothingToSearch = "nothing_to_search"
        /// A make-up workday that would take the hours of a weekday without any. Arguments: the date.
        case makeUpDayWithoutHours = "make_up_day_without_hours"
        /// An address on this server's own network (loopback, private, link-local, metadata).
        case internalAddress = "internal_address"
        /// A value (a login, a department's code …) another record has already.
        case taken
        /// A need merged into itself.
        case mergeIntoItself = "merge_into_itself"
        /// A need merged into one that was merged or rejected. Arguments: its number.
        case mergeTargetClosed = "merge_target_closed"
        /// A merge that would let confidential words reach other readers.
        case mergeConfidential = "merge_confidential"
        /// A host name that the server's resolver does not know.
        case hostNotFound = "host_not_found"
        /// A service-level target that is not whole minutes from one minute to a million.
        case targetRange = "target_range"
        /// A department that is deactivated: it takes no new needs or people.
        case inactiveDepartment = "inactive_department"
        /// A department that cannot be deactivated while open needs, active people or active
        /// departments under it depend on it. Arguments: the three counts.
        case stillInUse = "still_in_use"
        /// Fewer people than the minimum group for anything anonymous. Arguments: the minimum.
        case tooFewForAnonymity = "too_few_for_anonymity"
    }

    public var code: Code
    /// The message as written, for pages to translate; `message` is its English text.
    public var words: Words
    public var message: String { words.description }
    /// The input field the error is about, in the API's spelling (`title`, `form.budget`).
    public var field: String?
    public var reason: Reason?
    public var reasonArguments: [String]
    /// Further invalid fields found by the same check: an input is checked whole, so a person
    /// sees every field to correct at once.
    public var otherFields: [TandemError]

    public init(_ code: Code, _ message: Words, field: String? = nil, reason: Reason? = nil, reasonArguments: [String] = []) {
        self.code = code
        self.words = message
        self.field = field
        self.reason = reason
        self.reasonArguments = reasonArguments
        self.otherFields = []
    }

    /// This error and the further fields it carries, each on its own.
    public var allFields: [TandemError] {
        var first = self
        first.otherFields = []
        return [first] + otherFields.flatMap(\.allFields)
    }

    public var description: String {
        field.map { "\(code.rawValue) (\($0)): \(message)" } ?? "\(code.rawValue): \(message)"
    }

    public static func invalid(_ field: String, _ message: Words, _ reason: Reason? = nil, _ arguments: String...) -> TandemError {
        TandemError(.invalidInput, message, field: field, reason: reason, reasonArguments: arguments)
    }

    /// `what` is a record's name in the `record` translation family (`need`, `department` …).
    public static func notFound(_ what: String) -> TandemError {
        TandemError(.notFound, "\(word: what, family: "record") not found")
    }

    public static func forbidden(_ message: Words) -> TandemError {
        TandemError(.forbidden, message)
    }
}
