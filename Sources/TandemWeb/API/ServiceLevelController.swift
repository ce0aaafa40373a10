import Foundation
import TandemCore
import Vapor

/// Business calendars, service-level policies, and the clocks of a need.
struct ServiceLevelController: RouteCollection {
    /// A calendar as the API takes it; see `BusinessCalendar`'s JSON form.
    struct CalendarBody: StrictBody {
        var calendar: BusinessCalendar
        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, timeZone = "time_zone", weeklyHours = "weekly_hours", holidays, makeUpWorkdays = "make_up_workdays"
        }
        init(from decoder: any Decoder) throws { calendar = try BusinessCalendar(from: decoder) }
    }

    /// A policy as the API takes it; see `ServiceLevelPolicy`'s JSON form.
    struct PolicyBody: StrictBody {
        var policy: ServiceLevelPolicy
        enum CodingKeys: String, CodingKey, CaseIterable {
            case mode, targets, pausingStatuses = "pausing_statuses", warningPercent = "warning_percent"
            case raisePriorityOnBreach = "raise_priority_on_breach"
        }
        init(from decoder: any Decoder) throws { policy = try ServiceLevelPolicy(from: decoder) }
    }

    struct Imported: Encodable {
        var calendar: BusinessCalendar
        var importedDays: Int
        enum CodingKeys: String, CodingKey { case calendar, importedDays = "imported_days" }
    }

    /// One target's state, in minutes.
    struct Measure: Encodable {
        var targetMinutes: Int
        var dueAt: Date?
        var achievedAt: Date?
        var usedMinutes: Int
        var leftMinutes: Int
        var state: ServiceLevelMeasure.State
        enum CodingKeys: String, CodingKey {
            case targetMinutes = "target_minutes", dueAt = "due_at", achievedAt = "achieved_at", usedMinutes = "used_minutes"
            case leftMinutes = "left_minutes", state
        }

        init(_ measure: ServiceLevelMeasure) {
            targetMinutes = measure.targetMinutes
            dueAt = measure.dueAt
            achievedAt = measure.achievedAt
            usedMinutes = Int(measure.usedSeconds / 60)
            leftMinutes = Int((measure.leftSeconds / 60).rounded(.up))
            state = measure.state
        }
    }

    struct Clock: Encodable {
        var firstResponse: Measure?
        var resolution: Measure?
        enum CodingKeys: String, CodingKey { case firstResponse = "first_response", resolution }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("calendars", "default") { try json(try await $0.tandem.serviceLevels.calendar(of: nil, for: $0.actor())) }
        routes.put("calendars", "default") { try await setCalendar($0, department: nil) }
        routes.get("departments", ":departmentID", "calendar") { request in
            try json(try await request.tandem.serviceLevels.calendar(of: request.id("departmentID", "department"), for: request.actor()))
        }
        routes.put("departments", ":departmentID", "calendar") { request in
            try await setCalendar(request, department: try request.id("departmentID", "department"))
        }
        routes.post("departments", ":departmentID", "calendar", "holidays", use: importHolidays)
        routes.get("service-levels", "default") { try json(try await $0.tandem.serviceLevels.policy(of: nil, for: $0.actor())) }
        routes.put("service-levels", "default") { try await setPolicy($0, offering: nil) }
        routes.get("offerings", ":offeringID", "service-level") { request in
            try json(try await request.tandem.serviceLevels.policy(of: request.id("offeringID", "offering"), for: request.actor()))
        }
        routes.put("offerings", ":offeringID", "service-level") { request in
            try await setPolicy(request, offering: try request.id("offeringID", "offering"))
        }
        routes.get("needs", ":needID", "service-level", use: clock)
    }

    func setCalendar(_ request: Request, department: Department.ID?) async throws -> Response {
        let actor = try request.actor()
        try await request.tandem.serviceLevels.checkMayChange(department: department, offering: nil, by: actor)
        let body = try request.decodeBody(CalendarBody.self)
        return try json(try await request.tandem.serviceLevels.setCalendar(body.calendar, of: department, by: actor))
    }

    /// The raw body is an iCalendar file; `make_up_weekday` names the weekday whose hours its
    /// make-up workdays take (default: the calendar's first working weekday).
    func importHolidays(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let department: Department.ID = try request.id("departmentID", "department")
        guard let text = request.body.string, !text.isEmpty else {
            throw TandemError.invalid("file", "send the .ics file as the body (Content-Type: text/calendar)")
        }
        let makeUpAs = try request.query[String.self, at: "make_up_weekday"].map { name in
            guard let weekday = Weekday(name: name) else {
                throw TandemError.invalid("make_up_weekday", "'\(name)' is not a weekday (monday … sunday)", .notAnOption)
            }
            return weekday
        }
        let (calendar, count) = try await request.tandem.serviceLevels.importHolidays(text, into: department, makeUpAs: makeUpAs, by: actor)
        return try json(Imported(calendar: calendar, importedDays: count))
    }

    func setPolicy(_ request: Request, offering: ServiceOffering.ID?) async throws -> Response {
        let actor = try request.actor()
        try await request.tandem.serviceLevels.checkMayChange(department: nil, offering: offering, by: actor)
        let body = try request.decodeBody(PolicyBody.self)
        return try json(try await request.tandem.serviceLevels.setPolicy(body.policy, of: offering, by: actor))
    }

    func clock(_ request: Request) async throws -> Response {
        let actor = try request.actor()
        let id = try await NeedController.needID(request, actor: actor)
        let clock = try await request.tandem.serviceLevels.clock(of: id, for: actor)
        return try json(Clock(firstResponse: clock.firstResponse.map(Measure.init), resolution: clock.resolution.map(Measure.init)))
    }
}
