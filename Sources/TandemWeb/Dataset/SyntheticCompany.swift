import Foundation
import TandemCore

/// A deterministic company for benchmarks: departments (half of them providers), people in
/// every role, and needs in realistic Chinese and English, spread over the past year, each with
/// its history, replies, notes, rating and service-level outcome. The same seed gives the same
/// company, row for row.
struct SyntheticCompany {
    let departments: [Department]
    let people: [Person]
    let peopleByDepartment: [Department.ID: [Person]]
    let agentsByDepartment: [Department.ID: [Person]]
    let providers: [Department]
    let start: Date
    let end: Date

    static let departmentNames = [
        ("销售部", "SALES"), ("市场部", "MKT"), ("人力资源部", "HR"), ("财务部", "FIN"), ("信息技术部", "IT"), ("行政部", "ADMIN"),
        ("法务部", "LEGAL"), ("研发部", "RND"), ("生产部", "PROD"), ("采购部", "PUR"), ("客服中心", "CS"), ("质量部", "QA"),
        ("物流部", "LOG"), ("战略部", "STRAT"), ("审计部", "AUDIT"), ("华东销售", "SALES-E"), ("华南销售", "SALES-S"),
        ("华北销售", "SALES-N"), ("西部销售", "SALES-W"), ("产品部", "PM"), ("设计部", "DESIGN"), ("数据部", "DATA"),
        ("安全部", "SEC"), ("公关部", "PR"), ("培训中心", "TRAIN"), ("工程部", "ENG"), ("运维部", "OPS"), ("供应链", "SCM"),
        ("海外业务", "INTL"), ("总经办", "CEO"),
    ]

    /// The departments that provide some `NeedTopic`.
    static let topicProviders = Set(NeedTopic.all.map(\.provider))

    /// `departmentCount` departments (every other one a provider, and those that provide a topic) and `peopleCount` people spread
    /// over them: each department's first person a manager, a fifth of a provider's people agents.
    init(departmentCount: Int, peopleCount: Int, now: Date) {
        let created = now.addingTimeInterval(-400 * 86_400)
        departments = (0..<departmentCount).map { index in
            let (name, code) = Self.departmentNames[index % Self.departmentNames.count]
            let suffix = index < Self.departmentNames.count ? "" : "\(index)"
            return Department(
                id: .init(UUID(number: 0x0D00_0000 + index)), name: name + suffix, code: code + suffix, parentID: nil,
                isProvider: index % 2 == 1 || Self.topicProviders.contains(code), createdAt: created)
        }
        var byDepartment: [Department.ID: [Person]] = [:]
        var everyone: [Person] = []
        for index in 0..<peopleCount {
            let department = departments[index % departmentCount]
            let slot = index / departmentCount
            var roles: Set<Role> = [.employee]
            if slot == 0 { roles.insert(.manager) }
            if department.isProvider && slot % 5 == 1 { roles.insert(.agent) }
            let person = Person(
                id: .init(UUID(number: 0x0E00_0000 + index)), login: String(format: "u%05d", index + 1),
                displayName: Self.surnames[index % Self.surnames.count]
                    + Self.givenNames[(index / Self.surnames.count) % Self.givenNames.count],
                email: nil, departmentID: department.id, roles: roles, language: index % 4 == 3 ? .en : .zhCN, createdAt: created)
            everyone.append(person)
            byDepartment[department.id, default: []].append(person)
        }
        people = everyone
        peopleByDepartment = byDepartment
        agentsByDepartment = byDepartment.mapValues { $0.filter { $0.has(.agent) || $0.has(.manager) } }
        providers = departments.filter(\.isProvider)
        start = now.addingTimeInterval(-365 * 86_400)
        end = now.addingTimeInterval(-3600)
    }

    static let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"]
    static let givenNames = ["小明", "丽华", "建国", "静", "伟", "芳", "磊", "婷", "强", "敏", "洋", "艳", "勇", "军", "杰", "娟", "涛", "超", "明", "霞"]
}
