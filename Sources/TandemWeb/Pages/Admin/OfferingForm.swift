import Foundation
import TandemCore
import Vapor

/// The catalog entry form as submitted and as shown again: the offering's own fields and its
/// request form, one row per form field (`field_key_3`, `field_label_3` …; a blank or removed
/// row is left out). Also maps the core's `form_fields[i]` errors back to the rows they came from.
struct OfferingForm: Encodable {
    struct FieldRow: Encodable, RepeatedFormRow {
        var index: Int
        var key: String
        var label: String
        var type: String
        var isRequired: Bool
        var options: String
        var types: [Choice]
        var errors: [String: String]
    }

    var name = ""
    var kind = NeedKind.service.rawValue
    var description = ""
    var audienceEveryone = true
    var audience: Set<String> = []
    var assignees: Set<String> = []
    /// A department typed into the audience picker but not taken from its suggestions.
    var audienceTyped = ""
    /// An agent typed into the default assignees' picker but not taken from its suggestions.
    var assigneeTyped = ""
    var confidentialByDefault = false
    var isActive = true
    var rows: [FieldRow] = []

    /// Blank rows offered after the form's own fields, for pages read without JavaScript.
    static let blankRows = 2
    /// The name the default assignees are sent under, and the field their errors name.
    static let assigneeField = "default_assignee_ids"

    /// Who may be an offering's default assignee: the provider's active agents and managers.
    static func assigneePicker(of provider: Department.ID) -> PeoplePicker {
        PeoplePicker(assigneeField, among: PeopleFilter(department: provider, servingOnly: true))
    }

    static let audiencePicker = DepartmentPicker("audience_departments")

    /// The department and the agent typed into the pickers, once resolved, join the audience and
    /// the default assignees.
    mutating func resolveTyped(provider: Department.ID, _ request: Request) async throws {
        if let id = try await Self.audiencePicker.resolve(typed: audienceTyped, request) { audience.insert(id) }
        audienceTyped = ""
        if let id = try await Self.assigneePicker(of: provider).resolve(typed: assigneeTyped, request) { assignees.insert(id) }
        assigneeTyped = ""
    }

    init() {}

    init(_ offering: ServiceOffering) {
        name = offering.name
        kind = offering.kind.rawValue
        description = offering.description
        if case .departments(let listed) = offering.audience {
            audienceEveryone = false
            audience = Set(listed.map(\.description))
        }
        assignees = Set(offering.defaultAssigneeIDs.map(\.description))
        confidentialByDefault = offering.confidentialByDefault
        isActive = offering.isActive
        rows = offering.formFields.enumerated().map { index, field in
            FieldRow(
                index: index, key: field.key, label: field.label, type: field.type.rawValue, isRequired: field.isRequired,
                options: field.options.joined(separator: "\n"), types: [], errors: [:])
        }
    }

    /// Reads the submitted form; `rowOfField[i]` is the row the i-th submitted field came from.
    init(_ form: PageForm) {
        name = form.text("name")
        kind = form.text("kind")
        description = form.text("description")
        audienceEveryone = form.string("audience") != "departments"
        audience = Set(form.values(Self.audiencePicker.field))
        audienceTyped = form.text(Self.audiencePicker.lookupField)
        assignees = Set(form.values(Self.assigneeField))
        assigneeTyped = form.text(PeoplePicker(Self.assigneeField).lookupField)
        confidentialByDefault = form.flag("confidential_by_default")
        isActive = form.flag("is_active")
        let count = min(Int(form.string("field_count") ?? "") ?? 0, 60)
        for index in 0..<count where !form.flag("field_remove_\(index)") {
            let row = FieldRow(
                index: index, key: form.string("field_key_\(index)") ?? "", label: form.string("field_label_\(index)") ?? "",
                type: form.string("field_type_\(index)") ?? FormField.FieldType.text.rawValue,
                isRequired: form.flag("field_required_\(index)"), options: form.text("field_options_\(index)"), types: [], errors: [:])
            if !row.key.isEmpty || !row.label.isEmpty { rows.append(row) }
        }
    }

    /// What the core is asked to save. An unknown kind or field type is an error on its field.
    func input(provider: Department.ID?, creating: Bool) throws -> OfferingInput {
        guard let kind = NeedKind(rawValue: kind) else { throw TandemError.invalid("kind", "kind has an unknown value", .notAnOption) }
        var fields: [FormField] = []
        var usedKeys = Set(rows.map(\.key))
        for (position, row) in rows.enumerated() {
            guard let type = FormField.FieldType(rawValue: row.type) else {
                throw TandemError.invalid("form_fields[\(position)].type", "the field type is unknown", .notAnOption)
            }
            let options = row.options.nonBlankLines
            // A field typed without a key (a Chinese label makes none) gets the next free `field_n`.
            var key = row.key
            if key.isEmpty {
                key = (1...).lazy.map { "field_\($0)" }.first { !usedKeys.contains($0) }!
                usedKeys.insert(key)
            }
            fields.append(FormField(key: key, label: row.label, type: type, isRequired: row.isRequired, options: options))
        }
        let audience: OfferingAudience =
            audienceEveryone
            ? .everyone : .departments(Set(try audience.map { try Self.id($0, field: "audience") }))
        return OfferingInput(
            providerID: provider, name: name, kind: kind, description: description, audience: audience,
            defaultAssigneeIDs: try assignees.sorted().map { try Self.id($0, field: "default_assignee_ids") }, formFields: fields,
            confidentialByDefault: confidentialByDefault, isActive: creating ? true : isActive)
    }

    private static func id<Subject>(_ text: String, field: String) throws -> Identifier<Subject> {
        guard let id = Identifier<Subject>(text) else { throw TandemError.invalid(field, "\(field) is not a valid id", .unknownRecord) }
        return id
    }

    /// The rows as shown: the form's own, each with its errors, then blank ones to add fields.
    func shownRows(_ errors: FieldErrors, _ request: Request) -> [FieldRow] {
        let shown = rows.shown(errors, listField: "form_fields", blanks: Self.blankRows) {
            FieldRow(
                index: 0, key: "", label: "", type: FormField.FieldType.text.rawValue, isRequired: false, options: "", types: [],
                errors: [:])
        }
        return shown.map { row in
            var row = row
            row.types = FormField.FieldType.allCases.map {
                Choice(value: $0.rawValue, label: request.t("field_type.\($0.rawValue)"), selected: $0.rawValue == row.type)
            }
            return row
        }
    }
}
