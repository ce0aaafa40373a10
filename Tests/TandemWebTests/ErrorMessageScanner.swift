import Foundation

/// Finds the messages the code writes into core errors, as templates: `TandemError(.x, "…")`,
/// `.invalid(field, "…")` and `.forbidden("…")`, with each `\(…)` replaced by `{0}`, `{1}` …,
/// and the records named by `.notFound("…")` and `request.id(name, "…")`. Messages given with
/// a reason are left out: pages show the translated reason.
struct ErrorMessageScanner {
    private(set) var templates: [String: String] = [:]
    private(set) var records: Set<String> = []

    /// The argument position of the message in each call that takes one.
    private static let messageArgument = ["TandemError": 1, "invalid": 1, "forbidden": 0]

    mutating func scan(_ text: String, file: String) {
        let characters = Array(text.unicodeScalars)
        var index = 0
        var calls: [(callee: String, argument: Int)] = []
        var lastWord = ""
        var lastToken = ""
        while index < characters.count {
            let character = characters[index]
            if starts(characters, index, "//") {
                while index < characters.count, characters[index] != "\n" { index += 1 }
                continue
            }
            if starts(characters, index, "/*") {
                while index + 1 < characters.count, !starts(characters, index, "*/") { index += 1 }
                index += 2
                continue
            }
            if character == "\"" {
                let (template, end) = Self.literal(characters, index)
                if let template, let call = calls.last, lastToken == "(" || lastToken == "," {
                    var next = end
                    while next < characters.count, characters[next].properties.isWhitespace { next += 1 }
                    if next < characters.count, characters[next] == "," || characters[next] == ")" {
                        note(
                            template, call: call,
                            after: String(String.UnicodeScalarView(characters[next..<min(next + 200, characters.count)])), file: file)
                    }
                }
                lastToken = "\""
                index = end
                continue
            }
            if character.properties.isAlphabetic || character == "_" || ("0"..."9").contains(character) {
                var word = ""
                while index < characters.count,
                    characters[index].properties.isAlphabetic || characters[index] == "_" || ("0"..."9").contains(characters[index])
                {
                    word.unicodeScalars.append(characters[index])
                    index += 1
                }
                lastWord = word
                lastToken = word
                continue
            }
            switch character {
            case "(", "[":
                calls.append((character == "(" && lastToken == lastWord ? lastWord : "", 0))
            case ")", "]":
                if !calls.isEmpty { calls.removeLast() }
            case ",":
                if !calls.isEmpty { calls[calls.count - 1].argument += 1 }
            default: break
            }
            if !character.properties.isWhitespace { lastToken = String(character) }
            index += 1
        }
    }

    private mutating func note(_ template: String, call: (callee: String, argument: Int), after: String, file: String) {
        if call.callee == "notFound" && call.argument == 0 || call.callee == "id" && call.argument == 1 {
            records.insert(template)
        }
        guard Self.messageArgument[call.callee] == call.argument else { return }
        let givesReason = after.hasPrefix(",") && (call.callee == "invalid" || after.firstMatch(of: /^,\s*field:[^)]*reason:/) != nil)
        if !givesReason, templates[template] == nil { templates[template] = file }
    }

    private func starts(_ characters: [Unicode.Scalar], _ index: Int, _ prefix: String) -> Bool {
        let scalars = Array(prefix.unicodeScalars)
        return index + scalars.count <= characters.count && Array(characters[index..<index + scalars.count]) == scalars
    }

    /// The template of the string literal starting at `start` (nil for a multi-line literal) and
    /// the index after it.
    static func literal(_ characters: [Unicode.Scalar], _ start: Int) -> (String?, Int) {
        if start + 2 < characters.count, characters[start + 1] == "\"", characters[start + 2] == "\"" {
            var index = start + 3
            while index + 2 < characters.count,
                !(characters[index] == "\"" && characters[index + 1] == "\"" && characters[index + 2] == "\"")
            {
                index += 1
            }
            return (nil, index + 3)
        }
        var index = start + 1
        var template = ""
        var placeholders = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count {
                if characters[index + 1] == "(" {
                    var depth = 1
                    index += 2
                    while index < characters.count, depth > 0 {
                        if characters[index] == "\"" {
                            index = literal(characters, index).1
                            continue
                        }
                        if characters[index] == "(" { depth += 1 }
                        if characters[index] == ")" { depth -= 1 }
                        index += 1
                    }
                    template += "{\(placeholders)}"
                    placeholders += 1
                    continue
                }
                template.unicodeScalars.append(contentsOf: [character, characters[index + 1]])
                index += 2
                continue
            }
            if character == "\"" { return (template, index + 1) }
            template.unicodeScalars.append(character)
            index += 1
        }
        return (template, index)
    }
}
