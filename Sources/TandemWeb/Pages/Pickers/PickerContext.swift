import Foundation
import TandemCore
import Vapor

/// What `picker.leaf` draws, inside `#with(…)`: a type-ahead field choosing people or
/// departments, the choices taken shown ticked above it (`Public/js/picker.js`).
struct PickerContext: Encodable {
    /// The text field's id, which the page's label names.
    var id: String
    /// The name the chosen values are sent under.
    var field: String
    /// The name the typed text is sent under (`PeoplePicker.lookupField`).
    var lookup: String
    /// Where suggestions come from (`PickerPages`).
    var source: String
    var multiple: Bool
    var hint: String
    /// The choices shown above the field: those taken, and fixed ones (nobody, me) of a single choice.
    var chosen: [Choice]
    /// The text typed in a refused form, kept.
    var typed: String
    var error: String?

    /// A picker of people among those `filter` keeps; `chosen` are the people (or fixed choices)
    /// to show ticked; a refused form's typed text and error are shown again.
    static func people(
        id: String, _ picker: PeoplePicker, multiple: Bool, chosen: [Choice], typed: String = "", error: String? = nil,
        _ request: Request
    ) -> PickerContext {
        var query = [String]()
        if let department = picker.filter.department { query.append("department=\(department)") }
        if picker.filter.servingOnly { query.append("serving=1") }
        return PickerContext(
            id: id, field: picker.field, lookup: picker.lookupField,
            source: Site.peoplePicker + (query.isEmpty ? "" : "?" + query.joined(separator: "&")), multiple: multiple,
            hint: request.t("picker.people_hint"), chosen: chosen, typed: typed, error: error)
    }

    /// A picker of departments (of providers only if the picker says so).
    static func departments(
        id: String, _ picker: DepartmentPicker, multiple: Bool, chosen: [Choice], typed: String = "", error: String? = nil,
        _ request: Request
    ) -> PickerContext {
        PickerContext(
            id: id, field: picker.field, lookup: picker.lookupField,
            source: Site.departmentPicker + (picker.providersOnly ? "?providers=1" : ""), multiple: multiple,
            hint: request.t("picker.departments_hint"), chosen: chosen, typed: typed, error: error)
    }
}
