import Foundation

/// An extra field of an offering's request form.
public struct FormField: Hashable, Sendable, Codable {
    public enum FieldType: String, Hashable, Sendable, Codable, CaseIterable {
        case text, number, date
        case singleChoice = "single_choice"
        case multipleChoice = "multiple_choice"
    }

    /// The key answers are stored under: lower-case letters, digits and `_`.
    public var key: String
    public var label: String
    public var type: FieldType
    public var isRequired: Bool
    /// The allowed values of a choice field.
    public var options: [String]

    public init(key: String, label: String, type: FieldType, isRequired: Bool, options: [String] = []) {
        self.key = key
        self.label = label
        self.type = type
        self.isRequired = isRequired
        self.options = options
    }

    enum CodingKeys: String, CodingKey {
        case key, label, type, isRequired = "required", options
    }
}

/// The value given for a form field. Numbers are decimals, dates are `YYYY-MM-DD`.
public enum FormAnswer: Hashable, Sendable, Codable {
    case text(String)
    case number(Decimal)
    case date(String)
    case choice(String)
    case choices([String])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let list = try? container.decode([String].self) { self = .choices(list); return }
        if let number = try? container.decode(Decimal.self) { self = .number(number); return }
        self = .text(try container.decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let value), .date(let value), .choice(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .choices(let values): try container.encode(values)
        }
    }
}

extension FormAnswer {
    /// Reads answers from JSON text as `JSONSerialization` sees it (strings, numbers, lists of
    /// strings); `nil` for anything else. Faster than the `Decodable` path, whose failed tries
    /// cost an error each, and used for every need read back from the database.
    public static func answers(fromJSON text: String) -> [String: FormAnswer]? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return nil }
        var answers: [String: FormAnswer] = [:]
        for (key, value) in object {
            switch value {
            case let text as String: answers[key] = .text(text)
            case let list as [String]: answers[key] = .choices(list)
            case let number as NSNumber: answers[key] = .number(number.decimalValue)
            default: return nil
            }
        }
        return answers
    }
}

extension FormField {
    /// Checks a form definition: keys well-formed and unique, labels present, choice fields
    /// with at least one option and no duplicate options. Every problem of every field is
    /// reported at once.
    public static func validateDefinition(_ fields: [FormField]) throws {
        var keys: Set<String> = []
        var problems = InputProblems()
        let keyCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789_")
        for (index, field) in fields.enumerated() {
            let name = "form_fields[\(index)]"
            if !(1...40).contains(field.key.count) || !field.key.allSatisfy(keyCharacters.contains) {
                problems.add(.invalid("\(name).key", "a field key must be 1–40 lower-case letters, digits or '_'", .fieldKeyFormat))
            } else if !keys.insert(field.key).inserted {
                problems.add(.invalid("\(name).key", "the field key '\(field.key)' is used twice", .duplicateKey))
            }
            _ = try problems.check { try Validate.requiredText(field.label, field: "\(name).label", max: 200) }
            switch field.type {
            case .singleChoice, .multipleChoice:
                if field.options.isEmpty || Set(field.options).count != field.options.count
                    || !field.options.allSatisfy({ !$0.isEmpty && $0.count <= 200 })
                {
                    problems.add(.invalid("\(name).options", "a choice field needs distinct, non-empty options", .choiceOptions))
                }
            default:
                if !field.options.isEmpty {
                    problems.add(.invalid("\(name).options", "only choice fields take options", .noOptions))
                }
            }
        }
        try problems.throwIfAny()
    }

    /// Validates submitted answers against the form: every required field answered, every answer
    /// of the field's type, no answer for an unknown field; every wrong answer is reported at once.
    /// Returns the answers in canonical form.
    public static func validateAnswers(_ answers: [String: FormAnswer], against fields: [FormField]) throws
        -> [String: FormAnswer]
    {
        let known = Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0) })
        var problems = InputProblems()
        for key in answers.keys.sorted() where known[key] == nil {
            problems.add(TandemError.invalid("form.\(key)", "the form has no field '\(key)'"))
        }
        var result: [String: FormAnswer] = [:]
        for field in fields {
            let fieldName = "form.\(field.key)"
            guard let answer = answers[field.key], !answer.isBlank else {
                if field.isRequired { problems.add(TandemError.invalid(fieldName, "\(field.label) is required", .required)) }
                continue
            }
            result[field.key] = try problems.check { try field.canonical(answer, fieldName: fieldName) }
        }
        try problems.throwIfAny()
        return result
    }

    private func canonical(_ answer: FormAnswer, fieldName: String) throws -> FormAnswer {
        switch (type, answer) {
        case (.text, .text(let value)):
            return .text(try Validate.requiredText(value, field: fieldName, max: 4000))
        case (.number, .number(let value)):
            return .number(value)
        case (.number, .text(let value)):
            guard let number = Decimal(string: value.trimmingCharacters(in: .whitespaces), locale: Locale(identifier: "en_US_POSIX")),
                !number.isNaN
            else { throw TandemError.invalid(fieldName, "\(label) must be a number", .notANumber) }
            return .number(number)
        case (.date, .text(let value)), (.date, .date(let value)):
            guard let date = CalendarDate(value.trimmingCharacters(in: .whitespaces)) else {
                throw TandemError.invalid(fieldName, "\(label) must be a date YYYY-MM-DD", .notADate)
            }
            return .date(date.description)
        case (.singleChoice, .text(let value)), (.singleChoice, .choice(let value)):
            guard options.contains(value) else {
                throw TandemError.invalid(fieldName, "\(label) must be one of: \(options.joined(separator: ", "))", .notAnOption)
            }
            return .choice(value)
        case (.multipleChoice, .choices(let values)):
            guard let bad = values.first(where: { !options.contains($0) }) else {
                return .choices(options.filter(values.contains))
            }
            throw TandemError.invalid(fieldName, "'\(bad)' is not an option of \(label)", .notAnOption)
        case (.multipleChoice, .text(let value)), (.multipleChoice, .choice(let value)):
            return try canonical(.choices([value]), fieldName: fieldName)
        default:
            throw TandemError.invalid(fieldName, "\(label) expects a \(word: type.rawValue, family: "field_type") value")
        }
    }
}

extension FormAnswer {
    var isBlank: Bool {
        switch self {
        case .text(let value), .date(let value), .choice(let value):
            return value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        case .choices(let values): return values.isEmpty
        case .number: return false
        }
    }
}
