import Foundation
import TandemCore

/// The words of a notification in one language: one line that says what happened to which
/// need, and the link to it. Shared by the inbox page, e-mail and chat messages.
struct NotificationText: Sendable {
    let translator: Translator
    let publicURL: String

    /// The line of a notification: about its need, or (for the others) about what `detail` names.
    func line(_ kind: NotificationKind, need: Need?, actor: Person?, detail: String?, _ language: Language) -> String {
        guard let need else { return translator.text("notification.\(kind.rawValue)", language, [detail ?? ""]) }
        return line(kind, need: need, actor: actor, detail: detail, language)
    }

    func line(_ kind: NotificationKind, need: Need, actor: Person?, detail: String?, _ language: Language) -> String {
        let who = actor?.displayName ?? translator.text("notify.someone", language)
        let extra: String
        switch kind {
        case .needRaised: extra = translator.text("priority.\(need.priority.rawValue)", language)
        case .statusChanged: extra = detail.map { translator.text("status.\($0)", language) } ?? ""
        case .serviceLevelWarning, .serviceLevelBreach: extra = detail.map { translator.text("sla_target.\($0)", language) } ?? ""
        case .rated, .lowRating, .merged: extra = detail ?? ""
        default: extra = ""
        }
        return translator.text("notification.\(kind.rawValue)", language, [need.number.description, need.title, who, extra])
    }

    func link(_ need: Need) -> String {
        publicURL + Site.need(need.number)
    }

    /// Where a notification leads: its need's page, or the page of what else it is about.
    static func path(_ notification: InboxNotification, need: Need?) -> String {
        if let need { return Site.need(need.number) }
        switch notification.kind {
        case .evaluationRequested, .evaluationReminder: return notification.subjectID.map { Site.invitation(.init($0)) } ?? Site.inbox
        case .surveyRequested, .surveyReminder: return notification.subjectID.map { Site.survey(.init($0)) } ?? Site.inbox
        default: return Site.inbox
        }
    }

    /// The page a rating link opens, with a score preselected.
    func ratingLink(_ token: String, score: Int) -> String {
        publicURL + Site.rate(token, score: score)
    }
}
