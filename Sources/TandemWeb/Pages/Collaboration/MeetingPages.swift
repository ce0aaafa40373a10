import Foundation
import TandemCore
import Vapor

/// Meeting records in pages: the list with the form to record one, and a meeting with its
/// minutes, its actions and the needs raised from it.
struct MeetingPages: RouteCollection {
    struct Row: Encodable {
        var id: String
        var title: String
        var heldOn: String
        var departments: String
    }

    struct ListContext: Encodable {
        var layout: LayoutContext
        var meetings: [Row]?
        var canRecord: Bool
        var departmentPicker: PickerContext
        var attendeePicker: PickerContext
        var title: String
        var heldOn: String
        var minutes: String
        var errors: [String: String]
        var general: String?
    }

    struct NeedRow: Encodable {
        var number: String
        var title: String
        var link: String
    }

    struct MeetingContext: Encodable {
        var layout: LayoutContext
        var id: String
        var title: String
        var heldOn: String
        var departments: String
        var attendees: String
        var minutes: String
        var runs: Bool
        var actions: [ActionRow]?
        var ownerPicker: PickerContext?
        var actionPath: String
        var needs: [NeedRow]?
        var providers: [Choice]
        var kinds: [Choice]
        var general: String?
    }

    static let fields = ["title", "held_on", "department_ids", "attendee_ids", "minutes"]
    static let attendees = PeoplePicker("attendee_ids")
    static let departmentsMet = DepartmentPicker("department_ids")

    func boot(routes: any RoutesBuilder) throws {
        let meetings = routes.grouped("meetings")
        meetings.get(use: list)
        meetings.post(use: record)
        meetings.get(":meetingID", use: show)
        meetings.post(":meetingID", "actions", use: addAction)
        meetings.post(":meetingID", "needs", use: raiseNeed)
    }

    func list(_ request: Request) async throws -> Response {
        try await request.page("meetings", listContext(request, sent: nil, errors: FieldErrors()))
    }

    func record(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let form = try PageForm.read(request)
        do {
            let meeting = try await request.tandem.meetings.record(
                .init(
                    title: form.text("title"), heldOn: form.text("held_on"),
                    departmentIDs: try await Self.departmentsMet.chosen(form, request),
                    attendeeIDs: try await Self.attendees.chosen(form, request), minutes: form.text("minutes")), by: actor)
            return request.seeOther(Site.meeting(meeting.id))
        } catch let error as TandemError where error.isAboutInput {
            return try await request.page(
                "meetings", listContext(request, sent: form, errors: FieldErrors(error, request)), status: .unprocessableEntity)
        }
    }

    private func listContext(_ request: Request, sent: PageForm?, errors: FieldErrors) async throws -> ListContext {
        let actor = try request.actor()
        let departments = try await request.tandem.organisation.departments(for: actor)
        let names = Dictionary(uniqueKeysWithValues: departments.map { ($0.id, $0.name) })
        let format = PageFormat(request)
        let rows = try await request.tandem.meetings.meetings(for: actor).map { meeting in
            Row(
                id: meeting.id.description, title: meeting.title, heldOn: format.date(meeting.heldOn),
                departments: request.listed(meeting.departmentIDs.compactMap { names[$0] }))
        }
        let messages = errors.messages(for: Self.fields)
        return ListContext(
            layout: LayoutContext(request, title: request.t("meeting.title"), section: "meetings"), meetings: rows.nonEmpty,
            canRecord: CollaborationAccess.canRecordMeetings(actor),
            departmentPicker: .departments(
                id: "meeting-departments", Self.departmentsMet, multiple: true,
                chosen: DepartmentPicker.choices(sent?.values("department_ids") ?? [], in: departments),
                typed: sent?.text(Self.departmentsMet.lookupField) ?? "", error: messages["department_ids"], request),
            attendeePicker: .people(
                id: "meeting-attendees", Self.attendees, multiple: true,
                chosen: try await PeoplePicker.choices(sent?.values("attendee_ids") ?? [], request),
                typed: sent?.text(Self.attendees.lookupField) ?? "",
                error: messages["attendee_ids"], request),
            title: sent?.text("title") ?? "",
            heldOn: sent?.text("held_on")
                ?? CalendarDate(
                    request.tandem.needs.clock.now(),
                    in: request.tandem.configuration.timeZone
                ).description,
            minutes: sent?.text("minutes") ?? "", errors: messages, general: errors.general(besides: Self.fields))
    }

    func show(_ request: Request) async throws -> Response {
        try await request.page("meeting", meetingContext(request, errors: FieldErrors()))
    }

    private func meetingContext(_ request: Request, errors: FieldErrors) async throws -> MeetingContext {
        let actor = try request.actor()
        let services = request.tandem
        let meeting = try await services.meetings.meeting(request.id("meetingID", "meeting"), for: actor)
        let departments = try await services.organisation.departments(for: actor)
        let names = Dictionary(uniqueKeysWithValues: departments.map { ($0.id, $0.name) })
        let attendees = try await services.organisation.store.people(meeting.attendeeIDs).map(\.displayName)
        let runs = CollaborationAccess.runs(meeting, actor)
        let needs = try await services.meetings.needs(of: meeting.id, for: actor).map {
            NeedRow(number: $0.number.description, title: $0.title, link: Site.need($0.number))
        }
        return MeetingContext(
            layout: LayoutContext(request, title: meeting.title, section: "meetings"), id: meeting.id.description, title: meeting.title,
            heldOn: PageFormat(request).date(meeting.heldOn), departments: request.listed(meeting.departmentIDs.compactMap { names[$0] }),
            attendees: request.listed(attendees), minutes: meeting.minutes, runs: runs,
            actions: try await ActionRow.rows(services.actions.items(of: .meeting(meeting.id), for: actor), runs: runs, request).nonEmpty,
            ownerPicker: runs ? ActionRow.ownerField(request) : nil, actionPath: Site.meetingActions(meeting.id), needs: needs.nonEmpty,
            providers: Choice.departments(departments.filter(\.isProvider)) { _ in false },
            kinds: NeedKind.allCases.map { Choice(value: $0.rawValue, label: request.t("kind.\($0.rawValue)"), selected: false) },
            // NB: the page has two forms (an action, a need): a refused one is explained above both, naming its field.
            general: errors.general(besides: []))
    }

    func addAction(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let form = try PageForm.read(request)
        let id: Meeting.ID = try request.id("meetingID", "meeting")
        do {
            _ = try await request.tandem.actions.add(
                to: .meeting(id), title: form.text("title"), ownerID: try await ActionRow.ownerPicker.one(form, request),
                dueOn: form.string("due_on"), by: actor)
            return request.seeOther(Site.done(Site.meeting(id)))
        } catch let error as TandemError where error.isAboutInput {
            return try await request.page(
                "meeting", meetingContext(request, errors: FieldErrors(error, request)), status: .unprocessableEntity)
        }
    }

    func raiseNeed(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let form = try PageForm.read(request)
        let id: Meeting.ID = try request.id("meetingID", "meeting")
        do {
            let need = try await request.tandem.meetings.raiseNeed(
                from: id,
                RaiseNeedInput(
                    title: form.text("need_title"), description: form.text("need_description"),
                    kind: try form.enumValue("kind", NeedKind.self),
                    providingDepartmentID: try form.id("providing_department_id")), by: actor)
            return request.seeOther(Site.need(need.number))
        } catch let error as TandemError where error.isAboutInput {
            return try await request.page(
                "meeting", meetingContext(request, errors: FieldErrors(error, request)), status: .unprocessableEntity)
        }
    }
}
