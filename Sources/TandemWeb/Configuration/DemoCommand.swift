import Foundation
import TandemCore
import Vapor

/// `tandem demo`: fills the database with a realistic demo company — ten departments, about
/// fifty people, a catalog for every provider and a few hundred needs in every state — all
/// through the same use cases the API calls, so histories and numbers are real.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "needs", help: "How many needs to raise (default 300).")
        var needs: Int?
    }

    var help: String { "Fills the database with a demo company (departments, people, catalogs, needs)." }

    static let password = "tandem-demo-2026"

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let services = app.tandem
        guard let admin = try await services.organisation.store.person(login: "admin") else {
            throw TandemError(.notFound, "no administrator; start Tandem once first")
        }
        guard try await services.organisation.store.person(login: "xiaoming.wang") == nil else {
            context.console.print("The demo company is there already.")
            return
        }
        var random = SeededRandom(seed: 2026)
        let departmentSpecs: [(String, String, Bool)] = [
            ("销售部", "SALES", false), ("市场部", "MKT", true), ("人力资源部", "HR", true), ("财务部", "FIN", true),
            ("信息技术部", "IT", true), ("行政部", "ADMIN", true), ("法务部", "LEGAL", true), ("研发部", "RND", false),
            ("生产部", "PROD", false), ("采购部", "PUR", true),
        ]
        var departments: [Department] = []
        for (name, code, provider) in departmentSpecs {
            departments.append(
                try await services.organisation.createDepartment(
                    DepartmentInput(name: name, code: code, parentID: nil, isProvider: provider), by: admin))
        }
        let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"]
        let givenNames = ["小明", "丽华", "建国", "静", "伟", "芳", "磊", "婷", "强", "敏"]
        let pinyinSurnames = ["wang", "li", "zhang", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu"]
        let pinyinGiven = ["xiaoming", "lihua", "jianguo", "jing", "wei", "fang", "lei", "ting", "qiang", "min"]
        var people: [Department.ID: [Person]] = [:]
        for (index, department) in departments.enumerated() {
            for slot in 0..<5 {
                let nameIndex = (index * 5 + slot) % 10
                let surnameIndex = (index + slot * 3) % 10
                var roles: Set<Role> = [.employee]
                if slot == 0 { roles.insert(.manager) }
                if department.isProvider && slot <= 2 { roles.insert(.agent) }
                let person = try await services.organisation.createPerson(
                    PersonInput(
                        login: "\(pinyinGiven[nameIndex]).\(pinyinSurnames[surnameIndex])"
                            + (index * 5 + slot >= 10 ? "\(index * 5 + slot)" : ""),
                        displayName: surnames[surnameIndex] + givenNames[nameIndex],
                        email: "\(pinyinGiven[nameIndex])\(index * 5 + slot)@example.com",
                        departmentID: department.id, roles: roles, language: slot == 4 ? .en : .zhCN, password: Self.password), by: admin)
                people[department.id, default: []].append(person)
            }
        }
        let catalog: [String: [(String, NeedKind, [FormField])]] = [
            "MKT": [
                (
                    "市场调研数据 Market research data", .information,
                    [
                        FormField(
                            key: "region", label: "区域 Region", type: .singleChoice, isRequired: true, options: ["华东", "华南", "华北", "西部"])
                    ]
                ),
                ("宣传物料设计 Campaign material", .service, []),
            ],
            "HR": [
                ("招聘 Recruiting", .resource, [FormField(key: "headcount", label: "人数 Headcount", type: .number, isRequired: true)]),
                ("培训 Training", .service, []), ("人员借调 Staff secondment", .resource, []),
            ],
            "FIN": [
                (
                    "预算申请 Budget request", .resource,
                    [FormField(key: "amount", label: "金额(元) Amount (CNY)", type: .number, isRequired: true)]
                ),
                ("财务报表 Financial report", .information, []),
            ],
            "IT": [
                ("账号与权限 Accounts and access", .technology, []), ("设备申领 Equipment", .resource, []),
                (
                    "系统开发 System development", .technology,
                    [FormField(key: "deadline", label: "上线日期 Go-live date", type: .date, isRequired: false)]
                ),
            ],
            "ADMIN": [("会议室与差旅 Rooms and travel", .service, [])],
            "LEGAL": [("合同审核 Contract review", .service, [])],
            "PUR": [("采购申请 Purchase request", .resource, [])],
        ]
        var offerings: [ServiceOffering] = []
        for department in departments where department.isProvider {
            let manager = people[department.id]![0]
            for (name, kind, fields) in catalog[department.code] ?? [] {
                let agents = people[department.id]!.filter { $0.has(.agent) }.prefix(1).map(\.id)
                offerings.append(
                    try await services.catalog.create(
                        OfferingInput(
                            providerID: department.id, name: name, kind: kind, description: "\(name)：由\(department.name)提供。",
                            audience: .everyone, defaultAssigneeIDs: agents, formFields: fields,
                            confidentialByDefault: department.code == "LEGAL"), by: manager))
            }
        }
        // The needs are written from the topics the demo's providers serve (`NeedTopic`), with
        // their trends: some grow over the months, some come up in the last weeks.
        let providerCodes = Set(departments.filter(\.isProvider).map(\.code))
        let topics = NeedTopic.all.filter { providerCodes.contains($0.provider) }
        let count = signature.needs ?? 300
        // NB: the demo's needs are spread over the past 120 days, each step a few hours after
        // the one before, so lists, ages and trends look like a real company's.
        let clock = ManualClock(Date())
        let workflow = NeedWorkflow(
            needs: services.needs.needs, organisation: services.needs.organisation, catalog: services.needs.catalog,
            settings: services.needs.settings, goals: services.needs.goals, clock: clock, ids: services.needs.ids,
            attachmentPolicy: services.needs.attachmentPolicy, timeZone: services.needs.timeZone)
        let satisfaction = SatisfactionWorkflow(needs: workflow, store: services.satisfaction.store, digest: services.satisfaction.digest)
        let start = Date().addingTimeInterval(-120 * 86_400)
        var raised: [Need.ID] = []
        for index in 0..<count {
            let topic = NeedTopic.draw(at: Double(index) / Double(count), among: topics, &random)
            let provider = departments.first { $0.code == topic.provider }!
            let served = offerings.filter { $0.providerID == provider.id }
            let offering = served[random.next(served.count)]
            let requesting = departments.filter { $0.id != provider.id }
            let requestingDepartment = requesting[random.next(requesting.count)]
            let requester = people[requestingDepartment.id]![random.next(5)]
            let (title, description) = topic.written(&random)
            var answers: [String: FormAnswer] = [:]
            for field in offering.formFields where field.isRequired {
                switch field.type {
                case .number: answers[field.key] = .number(Decimal(1 + random.next(50)))
                case .singleChoice: answers[field.key] = .choice(field.options[random.next(field.options.count)])
                default: answers[field.key] = .text("2026-12-31")
                }
            }
            clock.set(start.addingTimeInterval(Double(index) / Double(count) * 115 * 86_400))
            let need = try await workflow.raise(
                RaiseNeedInput(
                    title: title, description: description,
                    offeringID: offering.id, urgency: Urgency.allCases[random.next(4)], importance: Importance.allCases[random.next(4)],
                    effortHours: Decimal(1 + random.next(40)), formAnswers: answers), by: requester)
            let agent = people[offering.providerID]!.first { $0.has(.agent) }!
            try await walk(need, to: index % 7, agent: agent, requester: requester, workflow: workflow, clock: clock)
            if index % 7 == 4 || index % 7 == 5 {
                // Most resolved needs get a rating, so that the scorecards have something to show.
                try await satisfaction.rate(need.id, score: [5, 4, 4, 3, 5, 2, 4][random.next(7)], comment: nil, by: requester)
            }
            raised.append(need.id)
        }
        // NB: the demo's months of history went by in a moment: the warnings and breaches already
        // due are its past, recorded without telling anyone (later ones are announced as usual),
        // instead of arriving all at once when the server first starts.
        for id in raised { try await services.serviceLevels.refresh(id, quiet: true) }
        context.console.print(
            "Demo company ready: \(departments.count) departments, \(people.values.map(\.count).reduce(0, +)) people, \(offerings.count) offerings, \(raised.count) needs."
        )
        context.console.print("Every demo person signs in with the password \(Self.password) (e.g. login xiaoming.wang).")
    }

    /// Moves a need into one of seven lifecycle situations.
    private func walk(
        _ need: Need, to stage: Int, agent: Person, requester: Person, workflow: NeedWorkflow,
        clock: ManualClock
    ) async throws {
        clock.advance(by: 3 * 3600)
        switch stage {
        case 0: return
        case 1: _ = try await workflow.transition(need.id, .accept, by: agent)
        case 2:
            _ = try await workflow.transition(need.id, .start, by: agent)
            _ = try await workflow.comment(on: need.id, body: "已开始处理。We are on it.", visibility: .public, by: agent)
        case 3:
            _ = try await workflow.transition(need.id, .start, by: agent)
            _ = try await workflow.transition(need.id, .askRequester, reply: "请补充具体需求。Please add details.", by: agent)
        case 4:
            _ = try await workflow.transition(need.id, .start, by: agent)
            _ = try await workflow.comment(on: need.id, body: "内部备注：需要财务确认。", visibility: .internal, by: agent)
            _ = try await workflow.transition(need.id, .resolve, reply: "已完成。Done.", by: agent)
        case 5:
            _ = try await workflow.transition(need.id, .start, by: agent)
            _ = try await workflow.transition(need.id, .resolve, by: agent)
            _ = try await workflow.transition(need.id, .close, by: requester)
        default:
            _ = try await workflow.transition(need.id, .reject, reply: "不在服务范围内。Out of scope.", by: agent)
        }
    }
}

/// A small deterministic generator, so the demo company is the same every time.
struct SeededRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed &* 6364136223846793005 &+ 1442695040888963407 }
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
}
