import Foundation

/// What a CSV import brings in.
public enum ImportKind: String, Sendable, Codable, CaseIterable {
    case departments, people, needs
}

/// One bad value of an imported file: the line it is on (the header is line 1), the column, and
/// what is wrong, with the reason and the message as written, for the pages to translate.
public struct ImportProblem: Sendable, Equatable, Codable {
    public var line: Int
    public var field: String
    public var words: TandemError.Words
    public var reason: TandemError.Reason?
    public var reasonArguments: [String]

    public var message: String { words.description }

    public init(line: Int, error: TandemError) {
        self.line = line
        self.field = error.field ?? "file"
        self.words = error.words
        self.reason = error.reason
        self.reasonArguments = error.reasonArguments
    }

    /// The problem as a core error again, for readers that show errors in their own words.
    public var error: TandemError {
        TandemError(.invalidInput, words, field: field, reason: reason, reasonArguments: reasonArguments)
    }

    enum CodingKeys: String, CodingKey {
        case line, field, message, reason, template
        case reasonArguments = "reason_arguments"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        line = try container.decode(Int.self, forKey: .line)
        field = try container.decode(String.self, forKey: .field)
        let message = try container.decode(String.self, forKey: .message)
        // Problems stored before templates were kept have only their English message.
        words = try container.decodeIfPresent(TandemError.Words.self, forKey: .template) ?? .init(stringLiteral: message)
        reason = try container.decodeIfPresent(String.self, forKey: .reason).flatMap(TandemError.Reason.init(rawValue:))
        reasonArguments = try container.decodeIfPresent([String].self, forKey: .reasonArguments) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(line, forKey: .line)
        try container.encode(field, forKey: .field)
        try container.encode(message, forKey: .message)
        try container.encode(words, forKey: .template)
        try container.encodeIfPresent(reason?.rawValue, forKey: .reason)
        try container.encode(reasonArguments, forKey: .reasonArguments)
    }
}

/// One import, checked or run: how many rows, how far it got, and every problem found.
public struct ImportRecord: Sendable, Equatable {
    public typealias ID = Identifier<ImportRecord>

    public enum State: String, Sendable, Codable, CaseIterable {
        /// Checked only (a dry run): nothing was written.
        case checked
        /// Rows found bad: nothing was written.
        case rejected
        case running
        case done
        /// Stopped by an error or a restart: nothing was written (one transaction).
        case failed
    }

    public var id: ID
    public var kind: ImportKind
    public var state: State
    public var fileName: String
    public var encoding: ImportText.Encoding
    public var rows: Int
    public var written: Int
    /// The first problems found (at most `ImportWorkflow.problemsKept`).
    public var problems: [ImportProblem]
    public var problemCount: Int
    public var error: String?
    public var createdBy: Person.ID
    public var createdAt: Date
    public var finishedAt: Date?

    public init(
        id: ID, kind: ImportKind, state: State, fileName: String, encoding: ImportText.Encoding, rows: Int, written: Int,
        problems: [ImportProblem], problemCount: Int, error: String?, createdBy: Person.ID, createdAt: Date, finishedAt: Date?
    ) {
        self.id = id
        self.kind = kind
        self.state = state
        self.fileName = fileName
        self.encoding = encoding
        self.rows = rows
        self.written = written
        self.problems = problems
        self.problemCount = problemCount
        self.error = error
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.finishedAt = finishedAt
    }
}
