import Foundation

/// Needs from a CSV file, as history brought over from another system or a spreadsheet: each
/// raised by the requester named (active, in the company), for a providing department, when
/// the file says (never in the future) or now. Recorded by the importing administrator; no one
/// is notified, and the service-level clocks start from the moment raised (the warnings and
/// breaches already past are recorded quietly; later ones are announced).
enum NeedImport {
    struct Planned: Sendable {
        var title: String
        var description: String
        var kind: NeedKind
        var requester: Person
        var providerID: Department.ID
        var urgency: Urgency
        var importance: Importance
        var desiredDate: CalendarDate?
        var isConfidential: Bool
        var raisedAt: Date
    }

    static let kindLabels: [String: NeedKind] = ["信息": .information, "资源": .resource, "技术": .technology, "服务": .service]
    static let urgencyLabels: [String: Urgency] = ["低": .low, "中": .medium, "高": .high, "紧急": .critical]
    static let importanceLabels: [String: Importance] = ["低": .low, "中": .medium, "高": .high, "关键": .critical]

    static func plan(_ rows: [ImportRow], departments: [Department], people: [String: Person], now: Date, timeZone: TimeZone)
        -> (needs: [Planned], problems: [ImportProblem])
    {
        var problems: [ImportProblem] = []
        let departmentsByCode = Dictionary(departments.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var needs: [Planned] = []
        needs.reserveCapacity(rows.count)
        for var row in rows {
            defer { problems += row.problems }
            let title = row.check("title") { try NeedRules.title($0) }
            let description = row.check("description") { try NeedRules.description($0) }
            let kind = row.text("kind").isEmpty ? nil : row.choice("kind", labels: kindLabels, default: nil)
            if row.text("kind").isEmpty { row.note(.invalid("kind", "kind is required", .required)) }
            let code = row.text("providing_department_code").uppercased()
            let provider = departmentsByCode[code]
            if code.isEmpty {
                row.note(.invalid("providing_department_code", "providing_department_code is required", .required))
            } else if provider == nil || provider?.isProvider == false {
                row.note(.invalid("providing_department_code", "no providing department has code \(code)", .unknownRecord))
            }
            let login = row.text("requester_login").lowercased()
            let requester = people[login]
            if login.isEmpty {
                row.note(.invalid("requester_login", "requester_login is required", .required))
            } else if requester == nil || requester?.isActive == false {
                row.note(.invalid("requester_login", "no active person signs in as \(login)", .unknownRecord))
            }
            let urgency = row.choice("urgency", labels: urgencyLabels, default: Urgency.medium)
            let importance = row.choice("importance", labels: importanceLabels, default: Importance.medium)
            let desiredDate = row.date("desired_date")
            let isConfidential = row.flag("confidential", default: false)
            let raisedAt = row.moment("raised_at", in: timeZone)
            if let raisedAt, raisedAt > now {
                row.note(.invalid("raised_at", "raised_at is in the future", .outOfRange))
            }
            guard row.problems.isEmpty, let title, let description, let kind, let requester, let provider,
                let urgency, let importance
            else { continue }
            needs.append(
                Planned(
                    title: title, description: description, kind: kind, requester: requester, providerID: provider.id,
                    urgency: urgency, importance: importance, desiredDate: desiredDate, isConfidential: isConfidential,
                    raisedAt: raisedAt ?? now))
        }
        return (needs, problems)
    }

    /// The need, its raised event and its service-level refresh, numbered `number`.
    static func write(
        _ planned: Planned, number: NeedNumber, matrix: PriorityMatrix, recordedBy importer: Person.ID,
        ids: any IDGenerator
    ) throws -> NeedWrite {
        let raisedAt = planned.raisedAt
        let need = Need(
            id: ids.next(), number: number, title: planned.title, description: planned.description, kind: planned.kind,
            requesterID: planned.requester.id, requestingDepartmentID: planned.requester.departmentID,
            providingDepartmentID: planned.providerID,
            offeringID: nil, urgency: planned.urgency, importance: planned.importance,
            priority: matrix.priority(urgency: planned.urgency, importance: planned.importance),
            effortHours: nil, desiredDate: planned.desiredDate, strategicGoalID: nil, isConfidential: planned.isConfidential,
            status: .new, assigneeIDs: [], formAnswers: [:], createdAt: raisedAt, updatedAt: raisedAt, resolvedAt: nil, closedAt: nil,
            version: 1)
        var write = NeedWrite(need: need, events: [NeedWorkflow.raisedEvent(id: ids.next(), of: need, recordedBy: importer)])
        write.jobs = [try ServiceLevelWorkflow.refreshJob(for: need.id, id: ids.next(), at: raisedAt, quiet: true)]
        return write
    }
}
