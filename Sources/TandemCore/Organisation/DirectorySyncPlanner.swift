import Foundation

/// Which directory records are linked to which Tandem records (`DirectoryLinkStore`), by subject.
public struct DirectoryLinks: Sendable, Equatable {
    public var people: [String: Person.ID]
    public var departments: [String: Department.ID]

    public init(people: [String: Person.ID] = [:], departments: [String: Department.ID] = [:]) {
        self.people = people
        self.departments = departments
    }
}

/// Works out a directory sync (`DirectorySyncPlan`) from what the directory holds and what Tandem
/// holds. Departments: units new upstream are created, renamed or moved ones follow, a unit gone
/// upstream deactivates its department only when nothing open depends on it (else it is flagged);
/// a top unit's department stays under the Tandem department it was put under.
/// People: accounts new upstream are created in their unit's department, changes of name, e-mail
/// and unit follow (a person who moves keeps their history and needs), disabled or removed
/// accounts are deactivated, enabled ones reactivated, and who manages someone of their own unit
/// becomes a manager. Nothing is deleted; roles are only ever added. Running it on its own result
/// changes nothing.
public enum DirectorySyncPlanner {
    public static func plan(
        _ snapshot: DirectorySnapshot, departments: [Department], people: [Person], links: DirectoryLinks,
        openNeeds: [Department.ID: Int], ids: any IDGenerator, now: Date
    ) -> DirectorySyncPlan {
        var plan = DirectorySyncPlan()
        var departmentsByID = Dictionary(departments.map { ($0.id, $0) }) { first, _ in first }
        let unitDepartments = planDepartments(snapshot, departments, links, ids, now, &departmentsByID, &plan)
        var peopleByID = Dictionary(people.map { ($0.id, $0) }) { first, _ in first }
        planPeople(snapshot, unitDepartments, links, ids, now, &peopleByID, &plan)
        planRemovedUnits(snapshot, links, openNeeds, peopleByID, &departmentsByID, &plan)
        return plan
    }

    // MARK: departments

    private static func planDepartments(
        _ snapshot: DirectorySnapshot, _ departments: [Department], _ links: DirectoryLinks, _ ids: any IDGenerator, _ now: Date,
        _ byID: inout [Department.ID: Department], _ plan: inout DirectorySyncPlan
    ) -> [String: Department.ID] {
        var codes = Set(departments.map { $0.code.uppercased() })
        var linked = Set(links.departments.values)
        var unitDepartments: [String: Department.ID] = [:]
        for unit in parentsFirst(snapshot.units) {
            let parentID = unit.parentSubject.flatMap { unitDepartments[$0] }
            var actions: [DirectorySyncPlan.DepartmentAction] = []
            var current = links.departments[unit.subject].flatMap { byID[$0] }
            if current == nil, let code = unit.code?.uppercased(),
                let found = departments.first(where: { $0.code.uppercased() == code && !linked.contains($0.id) })
            {
                current = found
                linked.insert(found.id)
                actions.append(.link)
            }
            guard var department = current else {
                let department = Department(
                    id: ids.next(), name: unit.name, code: uniqueCode(unit.code ?? unit.name, &codes), parentID: parentID,
                    isProvider: false, createdAt: now)
                unitDepartments[unit.subject] = department.id
                byID[department.id] = department
                plan.departments.append(.init(actions: [.create], subject: unit.subject, department: department, before: nil))
                continue
            }
            let before = department
            if department.name != unit.name {
                department.name = unit.name
                actions.append(.rename)
            }
            // NB: a top unit keeps the place an administrator gave its department in Tandem.
            if unit.parentSubject != nil, department.parentID != parentID {
                department.parentID = parentID
                actions.append(.move)
            }
            if !department.isActive {
                department.isActive = true
                actions.append(.reactivate)
            }
            unitDepartments[unit.subject] = department.id
            byID[department.id] = department
            if !actions.isEmpty {
                plan.departments.append(.init(actions: actions, subject: unit.subject, department: department, before: before))
            }
        }
        return unitDepartments
    }

    /// Units ordered so that each comes after the unit above it.
    static func parentsFirst(_ units: [DirectoryUnit]) -> [DirectoryUnit] {
        let subjects = Set(units.map(\.subject))
        let children = Dictionary(grouping: units) { unit in unit.parentSubject.flatMap { subjects.contains($0) ? $0 : nil } ?? "" }
        var ordered: [DirectoryUnit] = []
        var level = (children[""] ?? []).sorted { $0.subject < $1.subject }
        while !level.isEmpty {
            ordered += level
            level = level.flatMap { (children[$0.subject] ?? []).sorted { $0.subject < $1.subject } }
        }
        return ordered
    }

    /// A department code from the directory's code or, failing that, the name's pinyin initials
    /// (信息技术部 → XXJSB), made unique with a number.
    static func uniqueCode(_ source: String, _ codes: inout Set<String>) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
        let direct = source.uppercased().filter(allowed.contains)
        let base = String(
            (direct.count == source.count ? direct : Pinyin.readings(of: source).initials.uppercased().filter(allowed.contains))
                .prefix(16))
        let stem = base.isEmpty ? "D" : base
        var code = stem
        var number = 2
        while codes.contains(code) {
            code = "\(stem)\(number)"
            number += 1
        }
        codes.insert(code)
        return code
    }

    // MARK: people

    private static func planPeople(
        _ snapshot: DirectorySnapshot, _ unitDepartments: [String: Department.ID], _ links: DirectoryLinks, _ ids: any IDGenerator,
        _ now: Date, _ byID: inout [Person.ID: Person], _ plan: inout DirectorySyncPlan
    ) {
        var logins = Dictionary(byID.values.map { ($0.login, $0.id) }) { first, _ in first }
        var linked = Set(links.people.values)
        let unitOf = Dictionary(snapshot.people.map { ($0.subject, $0.unitSubject) }) { first, _ in first }
        let managers = Set(
            snapshot.people.compactMap { person in
                person.managerSubject.flatMap { unitOf[$0] == person.unitSubject && person.unitSubject != nil ? $0 : nil }
            })
        var seen = Set<String>()
        for entry in snapshot.people.sorted(by: { $0.login < $1.login }) where seen.insert(entry.subject).inserted {
            let departmentID = entry.unitSubject.flatMap { unitDepartments[$0] }
            let login = entry.login.lowercased()
            let email = entry.email.flatMap { $0.isEmpty ? nil : $0 }
            var actions: [DirectorySyncPlan.PersonAction] = []
            var current = links.people[entry.subject].flatMap { byID[$0] }
            // NB: never an administrator: an upstream login must not take over their account.
            if current == nil, let id = logins[login], !linked.contains(id), let found = byID[id], !found.has(.admin) {
                current = found
                linked.insert(id)
                actions.append(.link)
            }
            guard var person = current else {
                guard !entry.isDisabled else { continue }
                guard let departmentID else {
                    plan.flags.append(.init(kind: .noDepartment, name: entry.displayName, dependents: nil))
                    continue
                }
                guard logins[login] == nil else {
                    plan.flags.append(.init(kind: .loginTaken, name: "\(entry.displayName) (\(login))", dependents: nil))
                    continue
                }
                let person = Person(
                    id: ids.next(), login: login, displayName: entry.displayName, email: email, departmentID: departmentID,
                    roles: managers.contains(entry.subject) ? [.employee, .manager] : [.employee], language: .zhCN, createdAt: now)
                logins[login] = person.id
                byID[person.id] = person
                plan.people.append(.init(actions: [.create], subject: entry.subject, person: person, before: nil))
                continue
            }
            let before = person
            if person.displayName != entry.displayName || person.email != email {
                person.displayName = entry.displayName
                person.email = email
                actions.append(.update)
            }
            if let departmentID, person.departmentID != departmentID {
                person.departmentID = departmentID
                actions.append(.move)
            }
            if entry.isDisabled == person.isActive {
                person.isActive = !entry.isDisabled
                actions.append(entry.isDisabled ? .deactivate : .reactivate)
            }
            if managers.contains(entry.subject) && !person.has(.manager) {
                person.roles.insert(.manager)
                actions.append(.promote)
            }
            byID[person.id] = person
            if !actions.isEmpty { plan.people.append(.init(actions: actions, subject: entry.subject, person: person, before: before)) }
        }
        for (subject, id) in links.people.sorted(by: { $0.key < $1.key }) where !seen.contains(subject) {
            guard var person = byID[id], person.isActive else { continue }
            let before = person
            person.isActive = false
            byID[id] = person
            plan.people.append(.init(actions: [.deactivate], subject: subject, person: person, before: before))
        }
    }

    // MARK: units gone upstream

    private static func planRemovedUnits(
        _ snapshot: DirectorySnapshot, _ links: DirectoryLinks, _ openNeeds: [Department.ID: Int], _ people: [Person.ID: Person],
        _ byID: inout [Department.ID: Department], _ plan: inout DirectorySyncPlan
    ) {
        let present = Set(snapshot.units.map(\.subject))
        let gone = links.departments.filter { !present.contains($0.key) }.compactMap { subject, id in
            byID[id].flatMap { $0.isActive ? (subject, $0) : nil }
        }
        func depth(_ department: Department) -> Int {
            var depth = 0
            var parent = department.parentID
            while let id = parent, depth < 100 {
                depth += 1
                parent = byID[id]?.parentID
            }
            return depth
        }
        // The deepest first, so that a unit removed with the units under it can go too.
        for (subject, department) in gone.sorted(by: { (depth($0.1), $0.0) > (depth($1.1), $1.0) }) {
            let dependents = DepartmentDependents(
                openNeeds: openNeeds[department.id] ?? 0,
                activePeople: people.values.filter { $0.departmentID == department.id && $0.isActive }.count,
                activeDepartments: byID.values.filter { $0.parentID == department.id && $0.isActive }.count)
            guard dependents.isEmpty else {
                plan.flags.append(.init(kind: .departmentInUse, name: department.name, dependents: dependents))
                continue
            }
            var deactivated = department
            deactivated.isActive = false
            byID[department.id] = deactivated
            plan.departments.append(.init(actions: [.deactivate], subject: subject, department: deactivated, before: department))
        }
    }
}
