import Foundation
import TandemCore
import Vapor

/// The choices a conversion form sends (a draft's or a suggestion's row): `title`, `kind` and,
/// for an anonymous one, `requesting_department_id`; and the options the row offers.
enum ConversionForm {
    static func conversion(_ form: PageForm) throws -> Conversion {
        Conversion(
            title: form.string("title"), kind: try form.enumValue("kind", NeedKind.self),
            requestingDepartmentID: try form.id("requesting_department_id"))
    }

    static func kinds(_ request: Request) -> [Choice] {
        NeedKind.allCases.map { Choice(value: $0.rawValue, label: request.t("kind.\($0.rawValue)"), selected: $0 == .service) }
    }

    /// The departments an anonymous one may come from, with `preselected` chosen (none: the
    /// converter must choose).
    static func departments(_ departments: [Department], preselected: Department.ID?) -> [Choice] {
        Choice.departments(departments) { $0 == preselected }
    }
}
