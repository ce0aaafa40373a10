import Foundation

/// A department (部门): a node of the organisation tree. Every department can be an internal
/// customer of others and, when it publishes a service catalog, a provider to them.
public struct Department: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = Identifier<Department>

    public var id: ID
    public var name: String
    /// A short code people quote (`IT`, `HR`); unique.
    public var code: String
    public var parentID: ID?
    /// Whether the department publishes a service catalog and receives needs.
    public var isProvider: Bool
    /// A deactivated department (停用) keeps its history, needs and figures but takes no new
    /// needs and no new people; it is deactivated only when nothing open depends on it.
    public var isActive: Bool
    public var createdAt: Date

    public init(id: ID, name: String, code: String, parentID: ID?, isProvider: Bool, isActive: Bool = true, createdAt: Date) {
        self.id = id
        self.name = name
        self.code = code
        self.parentID = parentID
        self.isProvider = isProvider
        self.isActive = isActive
        self.createdAt = createdAt
    }

    /// Whether the department takes new needs as a provider.
    public var takesNeeds: Bool { isProvider && isActive }

    /// The JSON spelling (snake_case), written out so that no key conversion runs per value.
    enum CodingKeys: String, CodingKey {
        case id, name, code, parentID = "parent_id", isProvider = "is_provider", isActive = "is_active", createdAt = "created_at"
    }
}

/// What keeps a department from being deactivated.
public struct DepartmentDependents: Sendable, Equatable {
    public var openNeeds: Int
    public var activePeople: Int
    public var activeDepartments: Int

    public init(openNeeds: Int, activePeople: Int, activeDepartments: Int) {
        self.openNeeds = openNeeds
        self.activePeople = activePeople
        self.activeDepartments = activeDepartments
    }

    public var isEmpty: Bool { openNeeds == 0 && activePeople == 0 && activeDepartments == 0 }
}

/// Checks on the shape of the department tree.
public enum DepartmentTree {
    /// Throws when making `parentID` the parent of `departmentID` would create a cycle.
    /// `parents` maps every existing department to its parent.
    public static func checkNoCycle(
        department departmentID: Department.ID, newParent parentID: Department.ID?,
        parents: [Department.ID: Department.ID?]
    ) throws {
        var cursor = parentID
        var seen: Set<Department.ID> = []
        while let current = cursor {
            if current == departmentID {
                throw TandemError.invalid("parent_id", "a department cannot be placed under itself or its own sub-department")
            }
            guard seen.insert(current).inserted else { break }
            cursor = parents[current] ?? nil
        }
    }

    /// The departments in reading order: each parent before its children, siblings by name,
    /// with their depth (0 at the top). A department whose parent is missing counts as a top one.
    public static func ordered(_ departments: [Department]) -> [(department: Department, depth: Int)] {
        let known = Set(departments.map(\.id))
        var children: [Department.ID?: [Department]] = [:]
        for department in departments {
            let parent = department.parentID.flatMap { known.contains($0) ? $0 : nil }
            children[parent, default: []].append(department)
        }
        var result: [(department: Department, depth: Int)] = []
        var visited: Set<Department.ID> = []
        func visit(_ parent: Department.ID?, depth: Int) {
            let siblings = (children[parent] ?? []).sorted { ($0.name, $0.code) < ($1.name, $1.code) }
            for department in siblings where visited.insert(department.id).inserted {
                result.append((department, depth))
                visit(department.id, depth: depth + 1)
            }
        }
        visit(nil, depth: 0)
        return result
    }
}
