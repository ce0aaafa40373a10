import Foundation

/// Who records and reads meetings, runs their action items, builds and owns surveys, works need
/// drafts and deals with suggestions.
public enum CollaborationAccess {
    /// Recording meetings and building surveys: managers and administrators.
    public static func canRecordMeetings(_ actor: Person) -> Bool {
        actor.has(.admin) || actor.has(.manager)
    }

    /// Who reads a meeting: its attendees, the people of its departments, who recorded it, administrators.
    public static func reads(_ meeting: Meeting, _ person: Person) -> Bool {
        person.has(.admin) || meeting.attendeeIDs.contains(person.id) || meeting.departmentIDs.contains(person.departmentID)
            || meeting.recordedBy == person.id
    }

    /// Who changes a meeting's minutes and runs its action items: who recorded it, administrators.
    public static func runs(_ meeting: Meeting, _ actor: Person) -> Bool {
        actor.has(.admin) || meeting.recordedBy == actor.id
    }

    /// Building surveys: managers and administrators.
    public static func canBuildSurveys(_ actor: Person) -> Bool {
        actor.has(.admin) || actor.has(.manager)
    }

    /// Who reads a survey's results and changes it: administrators and the asking department's managers.
    public static func owns(_ survey: Survey, _ actor: Person) -> Bool {
        actor.has(.admin) || AccessPolicy.manages(survey.ownerDepartmentID, actor)
    }

    /// Who works a provider's need drafts: the people who work for it, administrators.
    public static func worksDrafts(of provider: Department.ID, _ actor: Person) -> Bool {
        actor.has(.admin) || AccessPolicy.worksFor(provider, actor)
    }

    /// Who deals with a department's suggestions: the people who work for it, administrators.
    public static func dealsWith(_ suggestion: Suggestion, _ actor: Person) -> Bool {
        actor.has(.admin) || AccessPolicy.worksFor(suggestion.departmentID, actor)
    }
}
