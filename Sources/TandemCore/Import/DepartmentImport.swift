import Foundation

/// Departments from a CSV file: codes new to the company and unique in the file, parents among
/// the stored departments or the file's own (in any order, never in a loop). Planned parents first.
enum DepartmentImport {
    static func plan(_ rows: [ImportRow], stored: [Department], ids: any IDGenerator, now: Date) -> (
        departments: [Department], problems: [ImportProblem]
    ) {
        var problems: [ImportProblem] = []
        let storedByCode = Dictionary(stored.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var planned: [(line: Int, department: Department, parentCode: String?)] = []
        var firstLine: [String: Int] = [:]
        for var row in rows {
            defer { problems += row.problems }
            let code = row.check("code") { try OrganisationWorkflow.departmentCode($0) }
            let name = row.check("name") { try Validate.requiredText($0, field: "name", max: 100) }
            let isProvider = row.flag("is_provider", default: false)
            let parentCode = row.text("parent_code").uppercased()
            if let code {
                if storedByCode[code] != nil {
                    row.note(.invalid("code", "a department with code \(code) exists already", .alreadyStored, code))
                } else if let first = firstLine[code] {
                    row.note(.invalid("code", "code \(code) is on line \(first) already", .duplicateInFile, String(first)))
                } else {
                    firstLine[code] = row.line
                }
            }
            guard let code, let name else { continue }
            planned.append(
                (
                    row.line, Department(id: ids.next(), name: name, code: code, parentID: nil, isProvider: isProvider, createdAt: now),
                    parentCode.isEmpty ? nil : parentCode
                ))
        }
        let plannedByCode = Dictionary(planned.map { ($0.department.code, $0) }, uniquingKeysWith: { first, _ in first })
        var departments: [Department] = []
        for entry in planned {
            var department = entry.department
            if let parentCode = entry.parentCode {
                if let parent = storedByCode[parentCode] ?? plannedByCode[parentCode]?.department {
                    department.parentID = parent.id
                } else {
                    problems.append(
                        ImportProblem(
                            line: entry.line, error: .invalid("parent_code", "no department has code \(parentCode)", .unknownRecord)))
                }
            }
            departments.append(department)
        }
        let (ordered, looping) = parentsFirst(departments)
        for department in looping {
            let line = plannedByCode[department.code]?.line ?? 0
            problems.append(
                ImportProblem(
                    line: line, error: .invalid("parent_code", "the parents of \(department.code) go round in a loop", .outOfRange)))
        }
        return (ordered, problems)
    }

    /// The departments with every parent before its children, and those whose parents loop.
    private static func parentsFirst(_ departments: [Department]) -> (ordered: [Department], looping: [Department]) {
        let planned = Set(departments.map(\.id))
        var placed = Set<Department.ID>()
        var ordered: [Department] = []
        var remaining = departments
        while !remaining.isEmpty {
            let ready = remaining.filter { department in department.parentID.map { !planned.contains($0) || placed.contains($0) } ?? true }
            if ready.isEmpty { return (ordered, remaining) }
            for department in ready { placed.insert(department.id) }
            ordered += ready
            remaining.removeAll { placed.contains($0.id) }
        }
        return (ordered, [])
    }
}
