import Foundation
import TandemCore
import TandemWeb

/// A small company to test against: Sales (a requesting department), IT and HR (providers),
/// people in every role, an IT catalog with a form and a confidential offering, and an API
/// token for everyone.
public struct TestCompany: Sendable {
    public let headOffice: Department
    public let sales: Department
    public let it: Department
    public let hr: Department

    public let admin: Person
    /// Sales employees: the usual requesters.
    public let salesEmployee: Person
    public let salesColleague: Person
    public let salesManager: Person
    /// IT agents and manager: the usual providers.
    public let itAgent: Person
    public let itAgent2: Person
    public let itManager: Person
    /// An IT employee without the agent role.
    public let itEmployee: Person
    /// An agent of another provider.
    public let hrAgent: Person

    public let accountOffering: ServiceOffering
    public let confidentialOffering: ServiceOffering

    public let tokens: [Person.ID: String]

    public static let password = "correct horse battery"

    public func token(_ person: Person) -> String { tokens[person.id]! }

    public var everyone: [Person] {
        [admin, salesEmployee, salesColleague, salesManager, itAgent, itAgent2, itManager, itEmployee, hrAgent]
    }

    public static func make(in app: TestApp) async throws -> TestCompany {
        let services = app.services
        let store = services.organisation.store
        let now = Date()
        let headOffice = Department(id: .init(UUID()), name: "总经理办公室", code: "HQ", parentID: nil, isProvider: false, createdAt: now)
        try await store.insert(headOffice)
        let admin = Person(
            id: .init(UUID()), login: "admin", displayName: "管理员", email: nil, departmentID: headOffice.id,
            roles: [.admin], language: .zhCN, createdAt: now)
        try await store.insert(admin, passwordHash: services.organisation.hasher.hash(password))

        let organisation = services.organisation
        func department(_ name: String, _ code: String, provider: Bool) async throws -> Department {
            try await organisation.createDepartment(
                DepartmentInput(name: name, code: code, parentID: .some(headOffice.id), isProvider: provider), by: admin)
        }
        let sales = try await department("销售部", "SALES", provider: false)
        let it = try await department("信息技术部", "IT", provider: true)
        let hr = try await department("人力资源部", "HR", provider: true)
        func person(_ login: String, _ name: String, _ department: Department, _ roles: Set<Role>) async throws -> Person {
            try await organisation.createPerson(
                PersonInput(
                    login: login, displayName: name, email: "\(login)@example.com",
                    departmentID: department.id, roles: roles, password: password), by: admin)
        }
        let salesEmployee = try await person("xiaoming", "王小明", sales, [.employee])
        let salesColleague = try await person("lihua", "李华", sales, [.employee])
        let salesManager = try await person("sales.boss", "张经理", sales, [.manager])
        let itAgent = try await person("it.agent", "陈工", it, [.agent])
        let itAgent2 = try await person("it.agent2", "刘工", it, [.agent])
        let itManager = try await person("it.boss", "赵经理", it, [.manager, .agent])
        let itEmployee = try await person("it.staff", "周员", it, [.employee])
        let hrAgent = try await person("hr.agent", "吴专员", hr, [.agent])

        let accountOffering = try await services.catalog.create(
            OfferingInput(
                providerID: it.id, name: "账号开通 Account", kind: .technology, description: "开通系统账号",
                audience: .everyone, defaultAssigneeIDs: [itAgent.id],
                formFields: [
                    FormField(key: "system", label: "系统", type: .singleChoice, isRequired: true, options: ["CRM", "ERP"]),
                    FormField(key: "seats", label: "数量", type: .number, isRequired: false),
                ], confidentialByDefault: false), by: itManager)
        let confidentialOffering = try await services.catalog.create(
            OfferingInput(
                providerID: it.id, name: "安全事件 Security incident", kind: .service, audience: .everyone,
                confidentialByDefault: true), by: itManager)

        var tokens: [Person.ID: String] = [:]
        for person in [admin, salesEmployee, salesColleague, salesManager, itAgent, itAgent2, itManager, itEmployee, hrAgent] {
            tokens[person.id] = try await services.accounts.createToken(name: "test", expiresInDays: nil, by: person).1
        }
        return TestCompany(
            headOffice: headOffice, sales: sales, it: it, hr: hr, admin: admin, salesEmployee: salesEmployee,
            salesColleague: salesColleague, salesManager: salesManager, itAgent: itAgent, itAgent2: itAgent2,
            itManager: itManager, itEmployee: itEmployee, hrAgent: hrAgent, accountOffering: accountOffering,
            confidentialOffering: confidentialOffering, tokens: tokens)
    }

    /// Raises a need for the account offering as `person`, through the core.
    public func raise(
        _ title: String, by person: Person, in app: TestApp, confidential: Bool? = nil,
        urgency: Urgency = .medium, importance: Importance = .medium
    ) async throws -> Need {
        try await app.services.needs.raise(
            RaiseNeedInput(
                title: title, offeringID: accountOffering.id, urgency: urgency, importance: importance,
                isConfidential: confidential, formAnswers: ["system": .choice("CRM")]), by: person)
    }
}
