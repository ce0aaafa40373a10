import Foundation

extension TandemError {
    /// An error's message as it was written: the English template (`"line {0}: '{1}' is not a
    /// date"`) and the values put into it. The API answers with the English text; a page looks the
    /// template up in its language's table (`Resources/Translations/messages/`) and fills in the
    /// same values. Write a message as a string literal; interpolate an enumeration's value with
    /// `\(word:family:)` so that a page shows its translation (`action.accept` → 受理), not its
    /// raw value.
    public struct Words: Sendable, Equatable, Codable, ExpressibleByStringInterpolation, CustomStringConvertible {
        public struct Value: Sendable, Equatable, Codable {
            public var text: String
            /// The translation family of an enumeration value (`action`), or nil for data.
            public var family: String?
        }

        public let template: String
        public let values: [Value]

        enum CodingKeys: String, CodingKey { case template, values }

        public init(stringLiteral value: String) {
            template = value
            values = []
        }

        /// A message a page has already put in its reader's words; nothing to look up.
        public init(translated text: String) {
            template = text
            values = []
        }

        public init(stringInterpolation: Interpolation) {
            template = stringInterpolation.template
            values = stringInterpolation.values
        }

        /// The English text.
        public var description: String { Self.fill(template, values.map(\.text)) }

        /// Two messages are the same when they say the same: `"\(field) is required"` equals
        /// `"title is required"` written out.
        public static func == (lhs: Self, rhs: Self) -> Bool { lhs.description == rhs.description }

        /// A template with its placeholders (`{0}`, `{1}` …) replaced by the given texts, in one
        /// pass: a text that itself holds `{1}` is left as it is.
        public static func fill(_ template: String, _ texts: [String]) -> String {
            guard !texts.isEmpty else { return template }
            var text = ""
            var rest = template[...]
            while let open = rest.firstIndex(of: "{") {
                text += rest[..<open]
                let after = rest[rest.index(after: open)...]
                if let close = after.firstIndex(of: "}"), let index = Int(after[..<close]), texts.indices.contains(index) {
                    text += texts[index]
                    rest = after[after.index(after: close)...]
                } else {
                    text += "{"
                    rest = after
                }
            }
            return text + rest
        }

        public struct Interpolation: StringInterpolationProtocol {
            var template = ""
            var values: [Value] = []

            public init(literalCapacity: Int, interpolationCount: Int) {
                template.reserveCapacity(literalCapacity + 3 * interpolationCount)
            }

            public mutating func appendLiteral(_ literal: String) { template += literal }

            public mutating func appendInterpolation<T>(_ value: T) {
                append(Value(text: String(describing: value), family: nil))
            }

            /// An enumeration's value that pages translate through `<family>.<value>`.
            public mutating func appendInterpolation(word value: String, family: String) {
                append(Value(text: value, family: family))
            }

            private mutating func append(_ value: Value) {
                template += "{\(values.count)}"
                values.append(value)
            }
        }
    }
}
