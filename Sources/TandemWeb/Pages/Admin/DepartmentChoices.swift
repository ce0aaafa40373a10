import Foundation
import TandemCore

extension Choice {
    /// The departments as options in tree order, each indented by its depth (a full-width
    /// space a level).
    static func departments(_ departments: [Department], selected: (Department.ID) -> Bool) -> [Choice] {
        DepartmentTree.ordered(departments).map { entry in
            Choice(
                value: entry.department.id.description,
                label: String(repeating: "　", count: entry.depth) + entry.department.name,
                selected: selected(entry.department.id))
        }
    }
}
