import Foundation

/// The stored departments and people in the columns of their import files, so that a company's
/// organisation goes out to a spreadsheet and back in the same shape.
public enum ImportExport {
    /// Every department, parents before children: `code, name, parent_code, is_provider`.
    public static func rows(departments: [Department]) -> [[String]] {
        let codes = Dictionary(departments.map { ($0.id, $0.code) }, uniquingKeysWith: { first, _ in first })
        return DepartmentTree.ordered(departments).map { entry in
            let department = entry.department
            return [
                department.code, department.name, department.parentID.flatMap { codes[$0] } ?? "", department.isProvider ? "true" : "false",
            ]
        }
    }

    /// Every person: `login, display_name, department_code, email, roles, language, password`
    /// (the password column stays empty: passwords never leave).
    public static func rows(people: [Person], departments: [Department]) -> [[String]] {
        let codes = Dictionary(departments.map { ($0.id, $0.code) }, uniquingKeysWith: { first, _ in first })
        return people.sorted { $0.login < $1.login }.map { person in
            [
                person.login, person.displayName, codes[person.departmentID] ?? "", person.email ?? "",
                person.roles.sorted().map(\.rawValue).joined(separator: ";"), person.language.rawValue, "",
            ]
        }
    }
}
