/// Which people a search for colleagues looks among.
public struct PeopleFilter: Hashable, Sendable {
    /// Only the people of this department.
    public var department: Department.ID?
    /// Only people whose account is active.
    public var activeOnly: Bool
    /// Only the people who serve needs (agents and managers, `AccessPolicy.servesNeeds`): those
    /// a need may be assigned to.
    public var servingOnly: Bool

    public init(department: Department.ID? = nil, activeOnly: Bool = true, servingOnly: Bool = false) {
        self.department = department
        self.activeOnly = activeOnly
        self.servingOnly = servingOnly
    }

    /// Whether `person` is among those the filter keeps.
    public func keeps(_ person: Person) -> Bool {
        (department == nil || person.departmentID == department) && (!activeOnly || person.isActive)
            && (!servingOnly || AccessPolicy.servesNeeds(person))
    }
}
