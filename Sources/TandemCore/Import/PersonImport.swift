import Foundation

/// People from a CSV file: logins new to the company and unique in the file, in stored
/// departments, with roles, language and (optionally) a first password.
enum PersonImport {
    struct Planned: Sendable {
        var person: Person
        var password: String?
    }

    static let roleLabels: [String: Role] = ["员工": .employee, "服务人员": .agent, "处理人": .agent, "经办人": .agent, "经理": .manager, "管理员": .admin]
    static let languageLabels: [String: Language] = ["中文": .zhCN, "简体中文": .zhCN, "zh": .zhCN, "英文": .en, "english": .en]

    static func plan(_ rows: [ImportRow], departments: [Department], storedLogins: Set<String>, ids: any IDGenerator, now: Date)
        -> (people: [Planned], problems: [ImportProblem])
    {
        var problems: [ImportProblem] = []
        let departmentsByCode = Dictionary(departments.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var firstLine: [String: Int] = [:]
        var people: [Planned] = []
        for var row in rows {
            defer { problems += row.problems }
            let login = row.check("login") { try Validate.login($0) }
            let name = row.check("display_name") { try Validate.requiredText($0, field: "display_name", max: 100) }
            let email = row.check("email") { try Validate.email($0.isEmpty ? nil : $0) }
            let code = row.text("department_code").uppercased()
            let department = departmentsByCode[code]
            if code.isEmpty {
                row.note(.invalid("department_code", "department_code is required", .required))
            } else if department == nil {
                row.note(.invalid("department_code", "no department has code \(code)", .unknownRecord))
            }
            let roles = self.roles(&row)
            let language = row.choice("language", labels: languageLabels, default: Language.zhCN)
            let passwordText = row.text("password")
            let password = passwordText.isEmpty ? nil : row.check("password") { try Validate.password($0) }
            if let login {
                if storedLogins.contains(login) {
                    row.note(.invalid("login", "someone signs in as \(login) already", .alreadyStored, login))
                } else if let first = firstLine[login] {
                    row.note(.invalid("login", "login \(login) is on line \(first) already", .duplicateInFile, String(first)))
                } else {
                    firstLine[login] = row.line
                }
            }
            guard row.problems.isEmpty, let login, let name, let email, let department, let roles, let language else { continue }
            let person = Person(
                id: ids.next(), login: login, displayName: name, email: email, departmentID: department.id, roles: roles,
                language: language, isActive: true, emailNotifications: true, createdAt: now)
            people.append(Planned(person: person, password: password))
        }
        return (people, problems)
    }

    /// The roles named (separated by `;`, `,`, `|`, `、` or spaces); every person is an employee.
    private static func roles(_ row: inout ImportRow) -> Set<Role>? {
        let names = row.text("roles").split(whereSeparator: { ";,|、 ，；".contains($0) }).map(String.init)
        var roles: Set<Role> = [.employee]
        var unknown: [String] = []
        for name in names {
            if let role = Role(rawValue: name.lowercased()) ?? roleLabels[name] { roles.insert(role) } else { unknown.append(name) }
        }
        guard unknown.isEmpty else {
            let options = Role.allCases.map(\.rawValue).joined(separator: ", ")
            row.note(.invalid("roles", "'\(unknown.joined(separator: ", "))' is not a role (\(options))", .notAnOption, options))
            return nil
        }
        return roles
    }
}
