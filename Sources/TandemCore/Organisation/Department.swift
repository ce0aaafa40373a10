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
    public var createdAt: Date

    public init(id: ID, name: String, code: String, parentID: ID?, isProvider: Bool, createdAt: Date) {
        self.id = id
        self.name = name
        self.code = code
        self.parentID = parentID
        self.isProvider = isProvider
        self.createdAt = createdAt
    }

    /// The JSON spelling (snake_case), written out so that no key conversion runs per value.
    enum CodingKeys: String, CodingKey {
        case id, name, code, parentID = "parent_id", isProvider = "is_provider", createdAt = "created_at"
    }
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

    /// The ids of `root` and every department below it.
    public static func subtree(of root: Department.ID, parents: [Department.ID: Department.ID?]) -> Set<Department.ID> {
        var children: [Department.ID: [Department.ID]] = [:]
        for (child, parent) in parents { if let parent { children[parent, default: []].append(child) } }
        var result: Set<Department.ID> = [root]
        var stack = [root]
        while let next = stack.popLast() {
            for child in children[next] ?? [] where result.insert(child).inserted { stack.append(child) }
        }
        return result
    }
}
