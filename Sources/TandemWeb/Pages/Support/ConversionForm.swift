import Foundation
import TandemCore
import Vapor

/// The choices a conversion form sends (a draft's or a suggestion's row): `title`, `kind` and,
/// for an anonymous one, `requesting_department_id`; and the options the row offers.
enum ConversionForm {
    static let originField = DepartmentPicker("requesting_department_id")

    static func conversion(_ form: PageForm, _ request: Request) async throws -> Conversion {
        Conversion(
            title: form.string("title"), kind: try form.enumValue("kind", NeedKind.self),
            requestingDepartmentID: try await originField.one(form, request))
    }

    static func kinds(_ request: Request) -> [Choice] {
        NeedKind.allCases.map { Choice(value: $0.rawValue, label: request.t("kind.\($0.rawValue)"), selected: $0 == .service) }
    }

    /// The department an anonymous one comes from, `preselected` chosen (none: the converter
    /// must choose); `id` names the row's field.
    static func origin(id: String, preselected: Department?, _ request: Request) -> PickerContext {
        .departments(
            id: id, originField, multiple: false,
            chosen: preselected.map { [Choice(value: $0.id.description, label: $0.name, selected: true)] } ?? [], request)
    }
}
