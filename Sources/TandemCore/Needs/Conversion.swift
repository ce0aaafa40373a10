import Foundation

/// What the provider chooses when turning a survey's draft or a suggestion into a need: its
/// title, its kind, and — for an anonymous one, whose writer's department is not known — the
/// department it comes from.
public struct Conversion: Sendable, Hashable {
    public var title: String?
    public var kind: NeedKind?
    public var requestingDepartmentID: Department.ID?

    public init(title: String? = nil, kind: NeedKind? = nil, requestingDepartmentID: Department.ID? = nil) {
        self.title = title
        self.kind = kind
        self.requestingDepartmentID = requestingDepartmentID
    }
}
