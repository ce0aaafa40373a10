import Foundation

/// The use cases on service levels: business calendars (the company default and one per
/// providing department), policies (the company default and one per offering), and the clocks
/// of a need. Calendars and policies are published inside the company: everyone reads them.
public struct ServiceLevelWorkflow: Sendable {
    public let store: any ServiceLevelStore
    public let needs: NeedWorkflow

    public init(store: any ServiceLevelStore, needs: NeedWorkflow) {
        self.store = store
        self.needs = needs
    }

    // MARK: calendars

    /// The calendar a department works by: its own, else the company's, else mainland China's.
    public func calendar(of department: Department.ID?, for actor: Person) async throws -> BusinessCalendar {
        if let department, try await needs.organisation.department(department) == nil { throw TandemError.notFound("department") }
        return try await effectiveCalendar(of: department)
    }

    func effectiveCalendar(of department: Department.ID?) async throws -> BusinessCalendar {
        if let department, let own = try await store.calendar(of: department) { return own }
        return try await store.calendar(of: nil) ?? .mainlandChina2026
    }

    /// The coming year whose holidays the calendar a department works by (the company's, for
    /// nil) still lacks, in the last 60 days of a year: what its administrators are warned of.
    public func missingYear(of department: Department.ID?) async throws -> Int? {
        missingYear(in: try await effectiveCalendar(of: department))
    }

    /// The coming year a calendar at hand still lacks, as of today in its own zone.
    public func missingYear(in calendar: BusinessCalendar) -> Int? {
        calendar.missingYear(on: CalendarDate(needs.clock.now(), in: calendar.timeZone))
    }

    /// Sets the company default (administrators) or a department's calendar (its managers too).
    /// The watcher then recomputes the due times of the open needs concerned.
    public func setCalendar(_ calendar: BusinessCalendar, of department: Department.ID?, by actor: Person) async throws -> BusinessCalendar
    {
        try await checkMayChange(department: department, offering: nil, by: actor)
        guard calendar.hasWorkingTime else { throw TandemError.invalid("weekly_hours", "a calendar needs working hours") }
        if let idle = calendar.makeUpWorkdays.sorted(by: { $0.key < $1.key }).first(where: {
            (calendar.weeklyHours[$0.value] ?? []).isEmpty
        }) {
            throw TandemError.invalid(
                "make_up_workdays", "\(idle.key) would take the hours of \(idle.value.name), which has none",
                .makeUpDayWithoutHours, idle.key.description)
        }
        _ = try Validate.requiredText(calendar.name, field: "name", max: 100)
        try await store.setCalendar(calendar, of: department)
        try await store.recheck(department: department, offering: nil, at: needs.clock.now())
        return calendar
    }

    /// Adds the holidays and make-up workdays of an iCalendar file to a calendar; returns the
    /// calendar and how many days the file held. Timed events are read in the calendar's zone;
    /// make-up workdays take the hours of `makeUpAs`, else of the calendar's first working weekday.
    public func importHolidays(_ icsText: String, into department: Department.ID?, makeUpAs: Weekday? = nil, by actor: Person)
        async throws -> (BusinessCalendar, Int)
    {
        try await checkManages(department, actor)
        let current = try await effectiveCalendar(of: department)
        if let makeUpAs, (current.weeklyHours[makeUpAs] ?? []).isEmpty {
            throw TandemError.invalid("make_up_weekday", "\(makeUpAs.name) has no working hours to lend a make-up workday", .notAnOption)
        }
        let days = try ICalendarImport.days(from: icsText, in: current.timeZone)
        let updated = ICalendarImport.apply(days, to: current, makeUpAs: makeUpAs)
        try await store.setCalendar(updated, of: department)
        try await store.recheck(department: department, offering: nil, at: needs.clock.now())
        return (updated, days.count)
    }

    // MARK: policies

    /// The policy of an offering: its own, else the company's, else the standard one.
    public func policy(of offering: ServiceOffering.ID?, for actor: Person) async throws -> ServiceLevelPolicy {
        if let offering, try await needs.catalog.offering(offering) == nil { throw TandemError.notFound("offering") }
        return try await effectivePolicy(of: offering)
    }

    func effectivePolicy(of offering: ServiceOffering.ID?) async throws -> ServiceLevelPolicy {
        if let offering, let own = try await store.policy(of: offering) { return own }
        return try await store.policy(of: nil) ?? .standard
    }

    /// Sets the company default (administrators) or an offering's policy (its department's managers).
    /// The watcher then recomputes the due times of the open needs concerned.
    public func setPolicy(_ policy: ServiceLevelPolicy, of offeringID: ServiceOffering.ID?, by actor: Person) async throws
        -> ServiceLevelPolicy
    {
        try await checkMayChange(department: nil, offering: offeringID, by: actor)
        try await store.setPolicy(policy, of: offeringID)
        try await store.recheck(department: nil, offering: offeringID, at: needs.clock.now())
        return policy
    }

    // MARK: clocks

    /// The service-level clocks of a need the actor may read, as of `now`.
    public func clock(of id: Need.ID, for actor: Person) async throws -> ServiceLevelClock {
        let need = try await needs.need(id, for: actor)
        return try await derive(need, policy: try await effectivePolicy(of: need.offeringID), now: needs.clock.now())
    }

    /// The clocks of a need the actor reads already, with its history at hand (the need's page).
    public func clock(of need: Need, events: [NeedEvent], for actor: Person) async throws -> ServiceLevelClock {
        guard AccessPolicy.canRead(need, actor) else { throw TandemError.notFound("need") }
        return try await derive(need, events: events, policy: try await effectivePolicy(of: need.offeringID), now: needs.clock.now())
    }

    /// Throws unless the actor may change the calendar or policy of a scope: an offering's, a
    /// department's, or the company's when both are nil (callers check before reading a body).
    public func checkMayChange(department: Department.ID?, offering: ServiceOffering.ID?, by actor: Person) async throws {
        if let offering {
            guard let found = try await needs.catalog.offering(offering) else { throw TandemError.notFound("offering") }
            try await checkManages(found.providerID, actor)
        } else {
            try await checkManages(department, actor)
        }
    }

    private func checkManages(_ department: Department.ID?, _ actor: Person) async throws {
        if let department {
            guard try await needs.organisation.department(department) != nil else { throw TandemError.notFound("department") }
            guard AccessPolicy.canManageCatalog(of: department, actor) else {
                throw TandemError.forbidden("only the department's managers change its service levels")
            }
        } else if !AccessPolicy.canManageSettings(actor) {
            throw TandemError.forbidden("only administrators change the company's service levels")
        }
    }
}
