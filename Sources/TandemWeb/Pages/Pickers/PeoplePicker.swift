import Foundation
import TandemCore
import Vapor

/// A type-ahead choice of people in a page's form (`Public/js/picker.js`). The people chosen come
/// back as `field` values (ids). Text typed but not chosen comes as `field_lookup` and counts when
/// it names one person — a login, or the only match — so a form sent without the script, or with
/// Enter pressed before a suggestion was taken, still works; otherwise the field is refused.
struct PeoplePicker {
    var field: String
    var filter: PeopleFilter

    init(_ field: String, among filter: PeopleFilter = PeopleFilter()) {
        self.field = field
        self.filter = filter
    }

    var lookupField: String { field + "_lookup" }

    /// The people chosen in a sent form, in the order sent, the typed one last.
    func chosen(_ form: PageForm, _ request: Request) async throws -> [Person.ID] {
        var ids = try form.values(field).map { text -> Person.ID in
            guard let id = Person.ID(text) else { throw TandemError.invalid(field, "\(field) is not a valid id", .unknownRecord) }
            return id
        }
        let typed = form.text(lookupField).trimmingCharacters(in: .whitespacesAndNewlines)
        if !typed.isEmpty { ids.append(try await person(named: typed, request)) }
        var seen = Set<Person.ID>()
        return ids.filter { seen.insert($0).inserted }
    }

    /// The one person of a single choice: the typed one if any, else the one ticked.
    func one(_ form: PageForm, _ request: Request) async throws -> Person.ID? {
        try await chosen(form, request).last
    }

    /// The person the typed text names: the one whose login it is, or the only one found.
    func person(named text: String, _ request: Request) async throws -> Person.ID {
        let found = try await request.tandem.organisation.findPeople(text, among: filter, limit: 2, for: request.actor())
        if let login = found.first(where: { $0.login.lowercased() == text.lowercased() }) { return login.id }
        switch found.count {
        case 0: throw TandemError.invalid(field, "no one matches '\(text)'")
        case 1: return found[0].id
        default: throw TandemError.invalid(field, "more than one person matches '\(text)': choose one from the list")
        }
    }

    /// The chosen people to show again (a refused form, a saved record): each id with its name.
    static func choices(_ ids: [String], _ request: Request) async throws -> [Choice] {
        let valid = ids.compactMap(Person.ID.init)
        let people = Dictionary(
            try await request.tandem.organisation.people(valid, for: request.actor()).map { ($0.id, $0) }) { first, _ in first }
        return valid.compactMap { id in people[id].map { Choice(value: id.description, label: $0.displayName, selected: true) } }
    }
}
