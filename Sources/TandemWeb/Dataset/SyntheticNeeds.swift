import Foundation
import TandemCore
import TandemStore

/// The needs of a `SyntheticCompany`, made one after the other (numbers run per year, so the
/// order matters): need `index` of `total` is raised at an even share of the year, with words,
/// a lifecycle and a history drawn from the seed. The words come from `NeedTopic`: a topic drawn
/// by its trend at that time of the year, one of its titles, its details, a reason and the
/// closing words people add, in Chinese or (three in ten) English.
struct SyntheticNeeds {
    let company: SyntheticCompany
    let total: Int
    private var random: SeededRandom
    private var numbers: [Int: Int] = [:]
    private let calendar: Calendar

    init(company: SyntheticCompany, total: Int, seed: UInt64, timeZone: TimeZone) {
        self.company = company
        self.total = total
        random = SeededRandom(seed: seed)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The last number given in each year.
    var highestNumbers: [Int: Int] { numbers }
    /// The topic of the need made last (`NeedTopic.key`).
    private(set) var lastTopic = ""

    static let replies = [
        "已收到，正在处理。", "请补充具体的数量和时间要求。", "已经安排同事跟进，预计明天完成。", "Done, please check and confirm.",
        "We need approval from your manager first.", "数据已发到你的邮箱，请查收。", "设备已到货，请到前台领取。",
    ]
    static let notes = [
        "内部备注：需要财务确认预算。", "内部：供应商报价偏高，再比一家。", "Internal: waiting for the vendor's ticket.",
        "内部备注：与上次的需求重复，可合并处理。", "内部：优先级需要经理确认。",
    ]

    /// The next need (call with index 0, 1, 2 … in order).
    mutating func next(_ index: Int) -> BulkNeed {
        let createdAt = company.start.addingTimeInterval(
            company.end.timeIntervalSince(company.start) * Double(index) / Double(max(1, total))
        )
        .wholeMilliseconds
        let year = calendar.component(.year, from: createdAt)
        numbers[year, default: 0] += 1
        let requestingDepartment = company.departments[random.next(company.departments.count)]
        let requesters = company.peopleByDepartment[requestingDepartment.id] ?? []
        let requester = requesters[random.next(requesters.count)]
        let topic = NeedTopic.draw(at: Double(index) / Double(max(1, total)), among: NeedTopic.all, &random)
        lastTopic = topic.key
        let (title, description) = topic.written(&random)
        var provider = company.providers.first { $0.code == topic.provider } ?? company.providers[random.next(company.providers.count)]
        if provider.id == requestingDepartment.id {
            provider = company.providers[(random.next(company.providers.count - 1) + 1) % company.providers.count]
        }
        let agents = company.agentsByDepartment[provider.id] ?? []
        let agent = agents[random.next(agents.count)]
        let urgency = Urgency.allCases[random.next(4)], importance = Importance.allCases[random.next(4)]
        let priority = PriorityMatrix.standard.priority(urgency: urgency, importance: importance)

        // Older needs are mostly done; the last weeks' still open.
        let age = company.end.timeIntervalSince(createdAt)
        let roll = random.next(100)
        let status: NeedStatus
        if age > 30 * 86_400 {
            status = roll < 70 ? .closed : roll < 85 ? .resolved : roll < 90 ? .rejected : roll < 95 ? .inProgress : .accepted
        } else {
            status =
                roll < 25
                ? .new : roll < 45 ? .accepted : roll < 70 ? .inProgress : roll < 78 ? .waitingOnRequester : roll < 92 ? .resolved : .closed
        }
        let id = Need.ID(UUID(number: 0x1_0000_0000 + index))
        let hour: TimeInterval = 3600
        let respondedAt = createdAt.addingTimeInterval(Double(1 + random.next(12)) * hour)
        let resolvedAt = respondedAt.addingTimeInterval(Double(2 + random.next(120)) * hour)
        let closedAt = resolvedAt.addingTimeInterval(Double(1 + random.next(72)) * hour)
        var events = [
            NeedEvent(id: .init(UUID(number: 0x2_0000_0000 + index * 8)), needID: id, actorID: requester.id, at: createdAt, kind: .raised)
        ]
        func step(_ from: NeedStatus, _ to: NeedStatus, by actor: Person, at: Date) {
            events.append(
                NeedEvent(
                    id: .init(UUID(number: 0x2_0000_0000 + index * 8 + events.count)), needID: id, actorID: actor.id, at: at,
                    kind: .transitioned, changes: [.init(field: "status", old: from.rawValue, new: to.rawValue)]))
        }
        var comments: [NeedComment] = []
        func comment(_ body: String, _ visibility: NeedEvent.Visibility, at: Date) {
            let commentID = NeedComment.ID(UUID(number: 0x3_0000_0000 + index * 4 + comments.count))
            comments.append(NeedComment(id: commentID, needID: id, authorID: agent.id, body: body, visibility: visibility, createdAt: at))
            events.append(
                NeedEvent(
                    id: .init(UUID(number: 0x2_0000_0000 + index * 8 + events.count)), needID: id, actorID: agent.id, at: at,
                    kind: visibility == .public ? .replied : .noted, visibility: visibility, commentID: commentID))
        }
        let responded = status != .new
        let resolved = [.resolved, .closed].contains(status)
        if status == .rejected {
            step(.new, .rejected, by: agent, at: respondedAt)
        } else if responded {
            step(.new, status == .accepted ? .accepted : .inProgress, by: agent, at: respondedAt)
            if random.next(2) == 0 {
                comment(Self.replies[random.next(Self.replies.count)], .public, at: respondedAt.addingTimeInterval(600))
            }
            if random.next(5) == 0 {
                comment(Self.notes[random.next(Self.notes.count)], .internal, at: respondedAt.addingTimeInterval(900))
            }
            if status == .waitingOnRequester { step(.inProgress, .waitingOnRequester, by: agent, at: respondedAt.addingTimeInterval(1800)) }
            if resolved { step(.inProgress, .resolved, by: agent, at: resolvedAt) }
            if status == .closed { step(.resolved, .closed, by: requester, at: closedAt) }
        }
        let lastAt = events.map(\.at).max() ?? createdAt
        let need = Need(
            id: id, number: NeedNumber(year: year, sequence: numbers[year]!), title: title, description: description,
            kind: topic.kind, requesterID: requester.id,
            requestingDepartmentID: requestingDepartment.id, providingDepartmentID: provider.id, offeringID: nil,
            urgency: urgency, importance: importance, priority: priority, effortHours: Decimal(1 + random.next(40)),
            desiredDate: nil, strategicGoalID: nil, isConfidential: random.next(50) == 0, status: status,
            assigneeIDs: responded ? [agent.id] : [], formAnswers: [:], createdAt: createdAt, updatedAt: lastAt,
            resolvedAt: resolved ? resolvedAt : nil, closedAt: status == .closed ? closedAt : nil, version: events.count)
        let responseTarget: TimeInterval = 8 * hour,
            resolutionTarget: TimeInterval = priority == .p1 ? 24 * hour : priority == .p2 ? 72 * hour : 120 * hour
        let outcome = ServiceLevelOutcome(
            responseSeconds: responded ? respondedAt.timeIntervalSince(createdAt) : nil,
            resolutionSeconds: resolved ? resolvedAt.timeIntervalSince(createdAt) : nil,
            responseMet: responded ? respondedAt.timeIntervalSince(createdAt) <= responseTarget : nil,
            resolutionMet: resolved ? resolvedAt.timeIntervalSince(createdAt) <= resolutionTarget : nil)
        let deadlines =
            status.isOpen && !resolved
            ? ServiceLevelDeadlines(
                responseDueAt: responded ? nil : createdAt.addingTimeInterval(responseTarget),
                resolutionDueAt: createdAt.addingTimeInterval(resolutionTarget),
                resolutionWarningAt: createdAt.addingTimeInterval(resolutionTarget * 0.8))
            : nil
        let rating =
            resolved && random.next(10) < 4
            ? SatisfactionRating(
                needID: id, raterID: requester.id, requestingDepartmentID: requestingDepartment.id,
                providingDepartmentID: provider.id, score: [5, 4, 4, 3, 5, 2, 4, 5, 1, 4][random.next(10)], comment: nil,
                ratedAt: resolvedAt.addingTimeInterval(hour), updatedAt: resolvedAt.addingTimeInterval(hour))
            : nil
        return BulkNeed(
            need: need, events: events.sorted { $0.at < $1.at }, comments: comments, rating: rating, deadlines: deadlines, outcome: outcome)
    }
}

extension Date {
    /// The time cut to whole milliseconds, as the stores keep it.
    var wholeMilliseconds: Date { Date(millisecondsSince1970: millisecondsSince1970) }
}
