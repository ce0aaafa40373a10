import Foundation
import Leaf
import TandemCore

/// `#t("key")` or `#t("key", argument …)`: a text of the translation tables in the page's
/// language. Escaped like every other output.
struct TranslateTag: LeafTag {
    func render(_ context: LeafContext) throws -> LeafData {
        guard let request = context.request, let key = context.parameters.first?.string else {
            throw TagError(message: "#t needs a key")
        }
        let arguments = context.parameters.dropFirst().map { $0.string ?? "" }
        return .string(request.tandem.translator.text(key, request.pageLanguage, Array(arguments)))
    }
}

struct TagError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
