import Foundation

/// The use cases on needs: raise, read, list, transition, assign, update, comment, attach.
/// Each one checks the actor's permission here in the core before it reads or writes, and
/// returns or stores the new state together with the events that describe the change.
/// The verbs live in `NeedWorkflow+Verb.swift` files.
public struct NeedWorkflow: Sendable {
    public let needs: any NeedStore
    public let organisation: any OrganisationStore
    public let catalog: any CatalogStore
    public let settings: any SettingsStore
    public let goals: any GoalStore
    public let clock: any Clock
    public let ids: any IDGenerator
    public let attachmentPolicy: AttachmentPolicy
    /// The calendar used to give a need the year of its number.
    public let timeZone: TimeZone

    public init(
        needs: any NeedStore, organisation: any OrganisationStore, catalog: any CatalogStore,
        settings: any SettingsStore, goals: any GoalStore, clock: any Clock, ids: any IDGenerator,
        attachmentPolicy: AttachmentPolicy = AttachmentPolicy(), timeZone: TimeZone
    ) {
        self.needs = needs
        self.organisation = organisation
        self.catalog = catalog
        self.settings = settings
        self.goals = goals
        self.clock = clock
        self.ids = ids
        self.attachmentPolicy = attachmentPolicy
        self.timeZone = timeZone
    }

    /// The need, if the actor may read it; otherwise the same `notFound` as for a missing one,
    /// so that ids cannot be probed.
    public func need(_ id: Need.ID, for actor: Person) async throws -> Need {
        guard let need = try await needs.need(id), AccessPolicy.canRead(need, actor) else {
            throw TandemError.notFound("need")
        }
        return need
    }

    public func need(number: NeedNumber, for actor: Person) async throws -> Need {
        guard let need = try await needs.need(number: number), AccessPolicy.canRead(need, actor) else {
            throw TandemError.notFound("need")
        }
        return need
    }

    /// One page of the needs the actor may read that match the query.
    public func list(_ query: NeedQuery, for actor: Person) async throws -> NeedPage {
        try await needs.needs(query.validated(), visibility: NeedVisibility(for: actor))
    }

    /// How many needs the actor may read match the query's filters.
    public func count(_ query: NeedQuery, for actor: Person) async throws -> Int {
        try await needs.count(query.validated(), visibility: NeedVisibility(for: actor), upTo: nil)
    }

    /// How many needs the actor may read match the query's filters, counted only as far as
    /// `cap`: `.atLeast(cap)` beyond it. What a page shows, at a bounded cost.
    public func count(_ query: NeedQuery, for actor: Person, cappedAt cap: Int) async throws -> CappedCount {
        let counted = try await needs.count(query.validated(), visibility: NeedVisibility(for: actor), upTo: cap + 1)
        return counted > cap ? .atLeast(cap) : .exactly(counted)
    }

    /// What every change of a need asks for, in its own transaction: one job that tells the
    /// people concerned (`NotificationWorkflow.fanOut`) and refreshes the service-level deadlines
    /// and alerts (`ServiceLevelWorkflow.refresh`).
    public static let followUpKind = "need.changed"

    public static func followUpJob(for write: NeedWrite, id: Job.ID, at now: Date) throws -> Job {
        try Job.make(
            followUpKind, NotificationWorkflow.NeedEvents(needID: write.need.id, eventIDs: write.events.map(\.id)), id: id, at: now)
    }

    /// Loads the need, lets `decide` compute the change, and writes it if nobody changed the
    /// need meanwhile; on such a race it decides again on the fresh state (at most 3 times).
    func mutate(_ id: Need.ID, by actor: Person, _ decide: (Need) async throws -> NeedWrite) async throws -> Need {
        var attempt = 0
        while true {
            let current = try await need(id, for: actor)
            var write = try await decide(current)
            if write.events.isEmpty { return current }
            write.need.version = current.version + 1
            write.jobs.append(try Self.followUpJob(for: write, id: ids.next(), at: write.events[0].at))
            do {
                try await needs.apply(write, over: current)
                return write.need
            } catch let error as TandemError where error.code == .conflict && attempt < 2 {
                attempt += 1
            }
        }
    }

    func event(
        _ kind: NeedEvent.Kind, on need: Need, by actor: Person, at now: Date,
        visibility: NeedEvent.Visibility = .public, changes: [NeedEvent.Change] = [],
        commentID: NeedComment.ID? = nil, attachmentID: Attachment.ID? = nil
    ) -> NeedEvent {
        NeedEvent(
            id: ids.next(), needID: need.id, actorID: actor.id, at: now, kind: kind,
            visibility: visibility, changes: changes, commentID: commentID, attachmentID: attachmentID)
    }

    /// Checks that every id names an active agent or manager of the providing department.
    func validatedAssignees(_ ids: [Person.ID], provider: Department.ID, field: String) async throws -> [Person.ID] {
        var unique: [Person.ID] = []
        for id in ids where !unique.contains(id) { unique.append(id) }
        guard unique.count <= 20 else { throw TandemError.invalid(field, "at most 20 assignees") }
        let people = try await organisation.people(unique)
        for id in unique {
            guard let person = people.first(where: { $0.id == id }), person.isActive, AccessPolicy.worksFor(provider, person)
            else {
                throw TandemError.invalid(field, "\(id) is not an active agent of the providing department")
            }
        }
        return unique
    }
}

extension Decimal {
    /// The number as plain digits (`1.5`), the same in every locale.
    public var plainText: String { NSDecimalNumber(decimal: self).stringValue }
}
