import Foundation
import TandemCore
import Vapor

/// A type-ahead choice of people among those `filter` keeps (`TypeAheadPicker`).
struct PeoplePicker: TypeAheadPicker {
    var field: String
    var filter: PeopleFilter

    init(_ field: String, among filter: PeopleFilter = PeopleFilter()) {
        self.field = field
        self.filter = filter
    }

    func find(_ text: String, limit: Int, _ request: Request) async throws -> [(id: Person.ID, handle: String)] {
        try await request.tandem.organisation.findPeople(text, among: filter, limit: limit, for: request.actor()).map { ($0.id, $0.login) }
    }

    func nothingFound(_ text: String) -> TandemError { .invalid(field, "no one matches '\(text)'") }

    func severalFound(_ text: String) -> TandemError {
        .invalid(field, "more than one person matches '\(text)': choose one from the list")
    }

    /// The chosen people to show again (a refused form, a saved record): each id with its name.
    static func choices(_ ids: [String], _ request: Request) async throws -> [Choice] {
        let valid = ids.compactMap(Person.ID.init)
        let people = Dictionary(
            try await request.tandem.organisation.people(valid, for: request.actor()).map { ($0.id, $0) }
        ) { first, _ in first }
        return valid.compactMap { id in people[id].map { Choice(value: id.description, label: $0.displayName, selected: true) } }
    }
}
