import Foundation
import TandemCore
import Vapor

/// Everything the need's page shows.
struct NeedPageContext: Encodable {
    struct Field: Encodable {
        var label: String
        var value: String
    }

    struct Action: Encodable {
        var action: String
        var label: String
        var confirm: String?
    }

    /// A need this one may duplicate, with the form that merges this one into it.
    struct Duplicate: Encodable {
        var number: String
        var title: String
        var link: String
        var statusLabel: String
        var similarity: String
    }

    struct AttachmentItem: Encodable {
        var name: String
        var link: String
        var size: String
    }

    /// One service-level target as people read it.
    struct Clock: Encodable {
        var name: String
        var state: String
        var stateLabel: String
        var target: String
        var due: String?
        var used: String
        var left: String
    }

    struct TimelineEntry: Encodable {
        var at: String
        var atMachine: String
        var actor: String
        var kind: String
        var kindLabel: String
        var isInternal: Bool
        var changes: [Field]?
        var comment: String?
        var attachment: AttachmentItem?
    }

    var layout: LayoutContext
    var number: String
    var path: String
    var title: String
    var description: String
    var status: String
    var statusLabel: String
    var priority: String
    var priorityLabel: String
    var facts: [Field]
    var clocks: [Clock]?
    var answers: [Field]?
    var actions: [Action]?
    /// Who works the need, for those who may assign it.
    var assigneePicker: PickerContext?
    /// How the provider judges it (urgency, importance, effort, goal), for those who may.
    var triage: TriageForm?
    var canWriteNote: Bool
    var canComment: Bool
    var attachments: [AttachmentItem]?
    /// The satisfaction rating, once the need was resolved.
    var rating: RatingForm?
    /// Where the need came from (a meeting, a survey, the suggestion box), with a link when there is a page.
    var originLabel: String?
    var originLink: String?
    var timeline: [TimelineEntry]
    /// The need this one was merged into: its number, and a link when the reader may read it.
    var mergedInto: String?
    var mergedIntoLink: String?
    /// Open needs to the same provider that look like this one (for those who may merge it).
    var duplicates: [Duplicate]?
    var canMerge: Bool
    var commentText: String
    var commentError: String?
    var general: String?
}

extension NeedPageContext {
    /// Builds the page from what the core lets this person read.
    /// - Parameter rated: the score and comment a rating form sent, shown again with its errors.
    static func load(
        _ need: Need, _ request: Request, commentText: String = "", rated: (score: Int?, comment: String)? = nil,
        errors: FieldErrors = FieldErrors()
    ) async throws -> NeedPageContext {
        let actor = try request.actor()
        let services = request.tandem
        let record = try await services.needs.record(of: need, for: actor)
        let events = record.events
        let comments = Dictionary(uniqueKeysWithValues: record.comments.map { ($0.id, $0) })
        let attachments = record.attachments
        let canAssign = AccessPolicy.canAssign(need, actor)
        let named =
            events.map(\.actorID) + need.assigneeIDs + [need.requesterID] + need.followerIDs + events.flatMap(Self.assigneeIDs)
        let directory = try await PageDirectory.load(request, people: named)
        var triage: TriageForm?
        if AccessPolicy.canTriage(need, actor) {
            let today = CalendarDate(services.needs.clock.now(), in: services.configuration.timeZone)
            let goals = try await services.goals.store.goals().filter { $0.isOpen(on: today) || $0.id == need.strategicGoalID }
            triage = TriageForm(need, goals: goals, errors: errors, request)
        }
        var offering: ServiceOffering?
        if let offeringID = need.offeringID { offering = try? await services.catalog.offering(offeringID, for: actor) }
        let format = PageFormat(request)
        let serviceLevel = try await services.serviceLevels.clock(of: need, events: events, for: actor)
        let clocks = [
            (request.t("sla_target.first_response"), serviceLevel.firstResponse),
            (request.t("sla_target.resolution"), serviceLevel.resolution),
        ]
        .compactMap { name, measure in measure.map { Self.clock(name, $0, format, request) } }
        var rating: RatingForm?
        if need.resolvedAt != nil {
            let state = try await services.satisfaction.state(of: need, for: actor)
            if state.canRate || state.rating != nil {
                rating = RatingForm(
                    state, action: Site.rating(of: need.number), chosen: rated?.score, typed: rated?.comment,
                    errors: errors, request)
            }
        }
        var originLabel: String?, originLink: String?
        switch try await services.needs.needs.origin(of: need.id) {
        case .meeting(let id):
            if let meeting = try? await services.meetings.meeting(id, for: actor) {
                originLabel = request.t("need.origin_meeting", meeting.title)
                originLink = Site.meeting(id)
            }
        case .draft(let id):
            var title = "—"
            if let draft = try await services.surveys.store.draft(id), let survey = try await services.surveys.store.survey(draft.surveyID)
            {
                title = survey.title
            }
            originLabel = request.t("need.origin_draft", title)
        case .suggestion:
            originLabel = request.t("need.origin_suggestion")
            originLink = Site.suggestions(to: need.providingDepartmentID)
        case nil:
            break
        }
        let attachmentItems = Dictionary(uniqueKeysWithValues: attachments.map { ($0.id, Self.item($0, format)) })

        var facts: [Field] = [
            Field(label: request.t("need.kind"), value: request.t("kind.\(need.kind.rawValue)")),
            Field(
                label: request.t("need.requester"),
                value: "\(directory.personName(need.requesterID)) · \(directory.departmentName(need.requestingDepartmentID))"),
            Field(label: request.t("need.provider"), value: directory.departmentName(need.providingDepartmentID)),
            Field(label: request.t("need.urgency"), value: request.t("urgency.\(need.urgency.rawValue)")),
            Field(label: request.t("need.importance"), value: request.t("importance.\(need.importance.rawValue)")),
            Field(
                label: request.t("need.assignees"),
                value: need.assigneeIDs.isEmpty
                    ? request.t("need.nobody") : need.assigneeIDs.map(directory.personName).joined(separator: ", ")),
            Field(label: request.t("need.created"), value: format.dateTime(need.createdAt)),
        ]
        if let offering { facts.insert(Field(label: request.t("need.offering"), value: offering.name), at: 1) }
        if let desired = need.desiredDate { facts.append(Field(label: request.t("need.desired_date"), value: format.date(desired))) }
        if need.isConfidential { facts.append(Field(label: request.t("need.confidential"), value: request.t("need.confidential_yes"))) }
        if !need.followerIDs.isEmpty {
            facts.append(
                Field(label: request.t("need.followers"), value: need.followerIDs.map(directory.personName).joined(separator: ", ")))
        }
        let merging = try await Self.merging(need, actor, request)

        let labels = Dictionary(uniqueKeysWithValues: (offering?.formFields ?? []).map { ($0.key, $0.label) })
        let answers = need.formAnswers.keys.sorted().map { key in
            Field(label: labels[key] ?? key, value: need.formAnswers[key].map(Self.text) ?? "")
        }
        let destructive: Set<NeedAction> = [.reject, .withdraw, .close]
        let actions = AccessPolicy.availableActions(on: need, actor).map { action in
            Action(
                action: action.rawValue, label: request.t("action.\(action.rawValue)"),
                confirm: destructive.contains(action)
                    ? request.t("need.confirm_action", request.t("action.\(action.rawValue)"), need.number.description) : nil)
        }
        let namesGoals = events.contains { $0.changes.contains { $0.field == "strategic_goal_id" } }
        let goalNames =
            namesGoals
            ? Dictionary(try await services.goals.store.goals().map { ($0.id.description, $0.title) }) { first, _ in first } : [:]
        let timeline = events.map { event in
            TimelineEntry(
                at: format.dateTime(event.at), atMachine: format.machine(event.at), actor: directory.personName(event.actorID),
                kind: event.kind.rawValue, kindLabel: Self.sentence(event, request), isInternal: event.visibility == .internal,
                changes: event.changes.filter { !["attachment", "action", "target"].contains($0.field) }.map { change in
                    Field(
                        label: request.t("change.\(change.field)"),
                        value:
                            "\(Self.value(change.field, change.old, directory, goalNames, request)) → \(Self.value(change.field, change.new, directory, goalNames, request))"
                    )
                }.nonEmpty,
                comment: event.commentID.flatMap { comments[$0]?.body },
                attachment: event.attachmentID.flatMap { attachmentItems[$0] })
        }
        return NeedPageContext(
            layout: LayoutContext(request, title: "\(need.number) \(need.title)", section: "needs"),
            number: need.number.description, path: Site.need(need.number), title: need.title, description: need.description,
            status: need.status.rawValue, statusLabel: request.t("status.\(need.status.rawValue)"),
            priority: need.priority.rawValue, priorityLabel: request.t("priority.\(need.priority.rawValue)"),
            facts: facts, clocks: clocks.nonEmpty, answers: answers.nonEmpty, actions: actions.nonEmpty,
            assigneePicker: canAssign
                ? .people(
                    id: "assignees", Self.assigneePicker(need), multiple: true,
                    chosen: need.assigneeIDs.map { Choice(value: $0.description, label: directory.personName($0), selected: true) },
                    error: errors["assignee_ids"], request) : nil,
            triage: triage,
            canWriteNote: AccessPolicy.canComment(.internal, on: need, actor),
            canComment: AccessPolicy.canComment(.public, on: need, actor),
            attachments: attachments.map { Self.item($0, format) }.nonEmpty, rating: rating, originLabel: originLabel,
            originLink: originLink,
            timeline: timeline, mergedInto: merging.into, mergedIntoLink: merging.link, duplicates: merging.duplicates?.nonEmpty,
            canMerge: merging.duplicates != nil, commentText: commentText,
            commentError: errors["body"],
            general: errors.general(besides: ["body", "assignee_ids"] + RatingForm.fields + TriageForm.fields))
    }

    /// Who a need may be assigned to: the active agents and managers of its provider.
    static func assigneePicker(_ need: Need) -> PeoplePicker {
        PeoplePicker("assignee_ids", among: PeopleFilter(department: need.providingDepartmentID, servingOnly: true))
    }

    /// Where a merged need went; for those who may merge an open need, its likely duplicates.
    static func merging(_ need: Need, _ actor: Person, _ request: Request) async throws -> (
        into: String?, link: String?, duplicates: [Duplicate]?
    ) {
        let services = request.tandem
        if let target = need.mergedIntoID, let into = try await services.needs.needs.need(target) {
            return (into.number.description, AccessPolicy.canRead(into, actor) ? Site.need(into.number) : nil, nil)
        }
        guard need.status.isOpen, AccessPolicy.may(.provider, on: need, actor) else { return (nil, nil, nil) }
        let hints = try await services.search.likelyDuplicates(of: need.id, for: actor)
        return (
            nil, nil,
            hints.map {
                Duplicate(
                    number: $0.need.number.description, title: $0.need.title, link: Site.need($0.need.number),
                    statusLabel: request.t("status.\($0.need.status.rawValue)"), similarity: "\(Int(($0.similarity * 100).rounded()))%")
            }
        )
    }

    /// What an event says after its actor's name, as a sentence: 受理了需求, 首次响应即将超出服务时限 …
    /// (the step or the target it names is then not repeated as a field).
    static func sentence(_ event: NeedEvent, _ request: Request) -> String {
        let named = { (field: String) in event.changes.first { $0.field == field }?.new }
        switch event.kind {
        case .transitioned:
            guard let action = named("action").flatMap(NeedAction.init(rawValue:)) else { break }
            return request.t("history.\(action.rawValue)")
        case .serviceLevelWarning, .serviceLevelBreach:
            guard let target = named("target") else { break }
            return request.t("history.\(event.kind.rawValue)", request.t("sla_target.\(target)"))
        default: break
        }
        return request.t("event.\(event.kind.rawValue)")
    }

    static func clock(_ name: String, _ measure: ServiceLevelMeasure, _ format: PageFormat, _ request: Request) -> Clock {
        Clock(
            name: name, state: measure.state.rawValue, stateLabel: request.t("sla_state.\(measure.state.rawValue)"),
            target: format.duration(minutes: measure.targetMinutes),
            due: measure.achievedAt == nil ? measure.dueAt.map(format.dateTime) : nil,
            used: format.duration(minutes: Int(measure.usedSeconds / 60)),
            left: format.duration(minutes: Int((measure.leftSeconds / 60).rounded(.up))))
    }

    static func item(_ attachment: Attachment, _ format: PageFormat) -> AttachmentItem {
        AttachmentItem(
            name: attachment.fileName, link: Site.attachment(attachment.id, of: attachment.needID),
            size: format.fileSize(bytes: attachment.byteCount))
    }

    static func text(_ answer: FormAnswer) -> String {
        switch answer {
        case .text(let value), .date(let value), .choice(let value): return value
        case .number(let value): return value.plainText
        case .choices(let values): return values.joined(separator: ", ")
        }
    }

    static func assigneeIDs(_ event: NeedEvent) -> [Person.ID] {
        event.changes.filter { $0.field == "assignees" }.flatMap { [$0.old, $0.new] }.compactMap { $0 }
            .flatMap { $0.split(separator: ",").compactMap { Person.ID(String($0)) } }
    }

    /// A changed value as people read it: statuses and levels translated, people and strategic
    /// goals by name (`goals`: title by id).
    static func value(_ field: String, _ raw: String?, _ directory: PageDirectory, _ goals: [String: String], _ request: Request) -> String
    {
        guard let raw, !raw.isEmpty else { return "—" }
        switch field {
        case "status", "priority", "urgency", "importance", "action": return request.t("\(field).\(raw)")
        case "assignees":
            return raw.split(separator: ",").compactMap { Person.ID(String($0)) }.map(directory.personName).joined(separator: ", ")
        case "confidential": return request.t(raw == "true" ? "need.confidential_yes" : "need.confidential_no")
        case "target": return request.t("sla_target.\(raw)")
        case "low_rating": return request.t("low_rating_action.\(raw)")
        case "strategic_goal_id": return goals[raw] ?? raw
        case "merged_into", "merged_from":
            guard let number = NeedNumber(raw) else { return raw }
            return number.description
        default: return raw
        }
    }
}
