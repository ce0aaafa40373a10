import Foundation

/// Who hears of a need's event, and how: a pure function of the event, the need as it is
/// after it, and the people concerned. Nobody hears of their own doing, and nobody hears of a
/// need they may not read (a confidential need reaches only its readers, and no group channel).
public enum NotificationPlan {
    public struct Delivery: Hashable, Sendable {
        public var personID: Person.ID
        public var kind: NotificationKind
        public init(personID: Person.ID, kind: NotificationKind) {
            self.personID = personID
            self.kind = kind
        }
    }

    /// - Parameters:
    ///   - providers: the active agents and managers of the providing department.
    ///   - people: every person named (requester, followers, assignees, providers), by id.
    public static func people(for event: NeedEvent, on need: Need, providers: [Person], people: [Person.ID: Person]) -> [Delivery] {
        // NB: followers hear what the requester hears.
        let requester = [need.requesterID] + need.followerIDs
        let workers = need.assigneeIDs.isEmpty ? providers.map(\.id) : need.assigneeIDs
        var planned: [Delivery] = []
        func add(_ ids: [Person.ID], _ kind: NotificationKind) {
            for id in ids where !planned.contains(where: { $0.personID == id }) { planned.append(Delivery(personID: id, kind: kind)) }
        }
        let byRequester = event.actorID == need.requesterID
        switch event.kind {
        case .raised:
            add(workers, .needRaised)
        case .assigned:
            let before = Set(event.changes.first { $0.field == "assignees" }?.old?.split(separator: ",").map(String.init) ?? [])
            add(need.assigneeIDs.filter { !before.contains($0.description) }, .assigned)
        case .replied:
            add(byRequester ? workers : requester, .replied)
        case .transitioned:
            add(byRequester ? workers : requester, .statusChanged)
        case .serviceLevelWarning:
            add(workers, .serviceLevelWarning)
        case .serviceLevelBreach:
            // NB: a breach also goes to the providing department's managers.
            add(workers + providers.filter { AccessPolicy.manages(need.providingDepartmentID, $0) }.map(\.id), .serviceLevelBreach)
        case .rated:
            if event.changes.contains(where: {
                $0.field == "low_rating" && $0.new == SatisfactionPolicy.LowRatingAction.notifyManagers.rawValue
            }) {
                add(providers.filter { AccessPolicy.manages(need.providingDepartmentID, $0) }.map(\.id), .lowRating)
            }
            add(workers, .rated)
        case .merged:
            // NB: told on the need merged away; the need it went into is not news to anyone.
            if event.changes.contains(where: { $0.field == "merged_into" }) { add(requester, .merged) }
        case .updated, .noted, .attached:
            break
        }
        return planned.filter { delivery in
            guard delivery.personID != event.actorID, let person = people[delivery.personID], person.isActive else { return false }
            return AccessPolicy.canRead(need, person)
        }
    }

    /// What the providing department's channels hear of the event, if anything.
    public static func departmentKind(for event: NeedEvent, on need: Need) -> NotificationKind? {
        guard !need.isConfidential else { return nil }
        switch event.kind {
        case .raised: return .needRaised
        case .transitioned: return .statusChanged
        case .serviceLevelWarning: return .serviceLevelWarning
        case .serviceLevelBreach: return .serviceLevelBreach
        default: return nil
        }
    }

    /// What a notification's text needs of the event: the new status of a status change, the
    /// target of a service-level alert.
    public static func detail(of event: NeedEvent) -> String? {
        switch event.kind {
        case .transitioned: return event.changes.first { $0.field == "status" }?.new
        case .serviceLevelWarning, .serviceLevelBreach: return event.changes.first { $0.field == "target" }?.new
        case .rated: return event.changes.first { $0.field == "score" }?.new
        case .merged: return event.changes.first { $0.field == "merged_into" }?.new
        default: return nil
        }
    }
}
