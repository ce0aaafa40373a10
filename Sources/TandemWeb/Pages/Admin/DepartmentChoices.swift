import Foundation
import TandemCore

extension Choice {
    /// The departments as options in tree order, each indented by its depth (a full-width
    /// space a level); `excluding` leaves one out (its sub-departments keep their place).
    static func departments(
        _ departments: [Department], excluding: Department.ID? = nil, selected: (Department.ID) -> Bool
    ) -> [Choice] {
        DepartmentTree.ordered(departments).filter { $0.department.id != excluding }.map { entry in
            Choice(
                value: entry.department.id.description,
                label: String(repeating: "　", count: entry.depth) + entry.department.name,
                selected: selected(entry.department.id))
        }
    }
}
