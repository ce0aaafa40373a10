import Foundation
import TandemCore
import Vapor

/// A type-ahead choice of departments, of providers only if asked (`TypeAheadPicker`).
struct DepartmentPicker: TypeAheadPicker {
    var field: String
    var providersOnly: Bool

    init(_ field: String, providersOnly: Bool = false) {
        self.field = field
        self.providersOnly = providersOnly
    }

    func find(_ text: String, limit: Int, _ request: Request) async throws -> [(id: Department.ID, handle: String)] {
        try await request.tandem.organisation.findDepartments(text, providersOnly: providersOnly, limit: limit, for: request.actor())
            .map { ($0.id, $0.code) }
    }

    func nothingFound(_ text: String) -> TandemError { .invalid(field, "no department matches '\(text)'") }

    func severalFound(_ text: String) -> TandemError {
        .invalid(field, "more than one department matches '\(text)': choose one from the list")
    }

    /// The chosen departments to show again: each id with its name.
    static func choices(_ ids: [String], in departments: [Department]) -> [Choice] {
        let names = Dictionary(departments.map { ($0.id.description, $0.name) }) { first, _ in first }
        return ids.compactMap { id in names[id].map { Choice(value: id, label: $0, selected: true) } }
    }
}
