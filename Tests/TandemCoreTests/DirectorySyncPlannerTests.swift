import Foundation
import Testing

@testable import TandemCore

@Suite("Directory sync plans: create, link, move, deactivate, flag — and nothing the second time")
struct DirectorySyncPlannerTests {
    /// Tandem's organisation as a sync leaves it.
    struct Organisation {
        var departments: [Department] = []
        var people: [Person] = []
        var links = DirectoryLinks()
        var openNeeds: [Department.ID: Int] = [:]

        func plan(_ snapshot: DirectorySnapshot) -> DirectorySyncPlan {
            DirectorySyncPlanner.plan(
                snapshot, departments: departments, people: people, links: links, openNeeds: openNeeds, ids: TimeOrderedIDGenerator(),
                now: Fixtures.epoch)
        }

        /// Applies a plan as the store does: every change written, created and linked records linked.
        mutating func apply(_ plan: DirectorySyncPlan) {
            for change in plan.departments {
                departments.removeAll { $0.id == change.department.id }
                departments.append(change.department)
                if change.actions.contains(.create) || change.actions.contains(.link) {
                    links.departments[change.subject] = change.department.id
                }
            }
            for change in plan.people {
                people.removeAll { $0.id == change.person.id }
                people.append(change.person)
                if change.actions.contains(.create) || change.actions.contains(.link) { links.people[change.subject] = change.person.id }
            }
        }

        func department(_ name: String) -> Department? { departments.first { $0.name == name } }
        func person(_ login: String) -> Person? { people.first { $0.login == login } }
    }

    static func unit(_ subject: String, _ name: String, code: String? = nil, parent: String? = nil) -> DirectoryUnit {
        DirectoryUnit(subject: subject, name: name, code: code, parentSubject: parent)
    }

    static func person(
        _ subject: String, _ login: String, _ name: String, unit: String?, manager: String? = nil, disabled: Bool = false
    ) -> DirectoryPerson {
        DirectoryPerson(
            subject: subject, login: login, displayName: name, email: "\(login)@example.com", unitSubject: unit, managerSubject: manager,
            isDisabled: disabled)
    }

    static let company = DirectorySnapshot(
        units: [
            unit("u-net", "网络组", parent: "u-it"), unit("u-it", "信息技术部", code: "IT"), unit("u-sales", "销售部", code: "SALES"),
        ],
        people: [
            person("p-zs", "ZhangSan", "张三", unit: "u-it"), person("p-ls", "lisi", "李四", unit: "u-it", manager: "p-zs"),
            person("p-ww", "wangwu", "王五", unit: "u-net", manager: "p-zs"), person("p-zl", "zhaoliu", "赵六", unit: "u-sales"),
            person("p-zb", "zhouba", "周八", unit: "u-sales", disabled: true),
        ])

    @Test("a first sync: departments parents first with codes, people in their units, who manages someone of their unit a manager")
    func firstSync() throws {
        var tandem = Organisation()
        let plan = tandem.plan(Self.company)
        #expect(plan.departmentCounts == [.create: 3] && plan.personCounts == [.create: 4], "the disabled account is not created")
        tandem.apply(plan)
        let it = try #require(tandem.department("信息技术部"))
        let network = try #require(tandem.department("网络组"))
        #expect(it.code == "IT" && network.code == "WLZ" && network.parentID == it.id && !network.isProvider)
        let zhang = try #require(tandem.person("zhangsan"))
        #expect(zhang.departmentID == it.id && zhang.roles == [.employee, .manager], "张三 manages 李四 of his own unit")
        #expect(tandem.person("wangwu")?.departmentID == network.id && tandem.person("wangwu")?.roles == [.employee])
        #expect(tandem.person("zhouba") == nil)
        #expect(tandem.plan(Self.company).isEmpty, "the second run changes nothing")
    }

    @Test("a Tandem department with the unit's code and a person with the login are linked, not made twice")
    func linking() throws {
        let it = Department(id: .init(UUID()), name: "IT 部", code: "it", parentID: nil, isProvider: true, createdAt: Fixtures.epoch)
        var zhaoliu = Fixtures.person(1, it.id, [.agent])
        zhaoliu.login = "zhaoliu"
        var tandem = Organisation(departments: [it], people: [zhaoliu])
        let plan = tandem.plan(Self.company)
        let linked = try #require(plan.departments.first { $0.department.id == it.id })
        #expect(linked.actions == [.link, .rename] && linked.department.isProvider, "a provider stays a provider")
        let person = try #require(plan.people.first { $0.person.id == zhaoliu.id })
        #expect(person.actions.contains(.link) && person.actions.contains(.move) && person.person.roles.contains(.agent))
        tandem.apply(plan)
        #expect(tandem.departments.count == 3 && tandem.people.count == 4)
        #expect(tandem.plan(Self.company).isEmpty)
    }

    @Test("moves, renames, disabled and removed accounts, and units removed upstream")
    func changes() throws {
        var tandem = Organisation()
        tandem.apply(tandem.plan(Self.company))
        let network = try #require(tandem.department("网络组"))
        tandem.openNeeds[network.id] = 0
        var changed = Self.company
        changed.units = [Self.unit("u-it", "信息技术中心", code: "IT"), Self.unit("u-sales", "销售部", code: "SALES")]
        changed.people = [
            Self.person("p-zs", "ZhangSan", "张三", unit: "u-it"), Self.person("p-ls", "lisi", "李四", unit: "u-sales"),
            Self.person("p-ww", "wangwu", "王五", unit: "u-it", disabled: true), Self.person("p-zl", "zhaoliu", "赵六", unit: "u-sales"),
            Self.person("p-zb", "zhouba", "周八", unit: "u-sales"),
        ]
        let plan = tandem.plan(changed)
        #expect(plan.departments.first { $0.department.id == network.id }?.actions == [.deactivate], "emptied by this very run")
        #expect(plan.departments.first { $0.subject == "u-it" }?.actions == [.rename])
        #expect(plan.people.first { $0.subject == "p-ls" }?.actions == [.move])
        #expect(plan.people.first { $0.subject == "p-ww" }?.actions == [.move, .deactivate])
        #expect(plan.people.first { $0.subject == "p-zb" }?.actions == [.create], "enabled upstream: now created")
        #expect(plan.flags.isEmpty)
        let zhangsan = try #require(tandem.person("zhangsan"))
        #expect(plan.people.first { $0.subject == "p-zs" } == nil, "roles are never taken away: 张三 stays a manager")
        #expect(zhangsan.roles.contains(.manager))
        tandem.apply(plan)
        #expect(tandem.plan(changed).isEmpty)

        // Sales removed upstream with its people: flagged while it has open needs
        var removed = changed
        removed.units.removeAll { $0.subject == "u-sales" }
        removed.people.removeAll { ["p-ls", "p-zl", "p-zb"].contains($0.subject) }
        let sales = try #require(tandem.department("销售部"))
        tandem.openNeeds[sales.id] = 2
        let flagged = tandem.plan(removed)
        #expect(flagged.people.filter { $0.actions == [.deactivate] }.count == 3, "people removed upstream are deactivated, not deleted")
        #expect(flagged.flags.map(\.kind) == [.departmentInUse] && flagged.flags.first?.dependents?.openNeeds == 2)
        #expect(!flagged.departments.contains { $0.department.id == sales.id })
        tandem.openNeeds[sales.id] = 0
        #expect(tandem.plan(removed).departments.first { $0.department.id == sales.id }?.actions == [.deactivate])
    }

    @Test("codes made from pinyin initials stay unique; an account without a unit or with a taken login is flagged")
    func codesAndFlags() {
        var codes: Set<String> = ["HDXS"]
        #expect(DirectorySyncPlanner.uniqueCode("华东销售", &codes) == "HDXS2")
        #expect(DirectorySyncPlanner.uniqueCode("sales-e", &codes) == "SALES-E")
        #expect(DirectorySyncPlanner.uniqueCode("", &codes) == "D")
        var other = Fixtures.person(7, Fixtures.it, [])
        other.login = "lisi"
        let tandem = Organisation(people: [other], links: DirectoryLinks(people: ["p-other": other.id]))
        let plan = tandem.plan(
            DirectorySnapshot(
                units: [Self.unit("u-it", "信息技术部")],
                people: [
                    Self.person("p-ls", "lisi", "李四", unit: "u-it"), Self.person("p-x", "xiao", "小", unit: nil),
                    Self.person("p-other", "other", "别人", unit: "u-it"),
                ]))
        #expect(Set(plan.flags.map(\.kind)) == [.loginTaken, .noDepartment])
    }
}
