import Foundation
import TandemCore

/// The words of a notification in one language: one line that says what happened to which
/// need, and the link to it. Shared by the inbox page, e-mail and chat messages.
struct NotificationText: Sendable {
    let translator: Translator
    let publicURL: String

    func line(_ kind: NotificationKind, need: Need, actor: Person?, detail: String?, _ language: Language) -> String {
        let who = actor?.displayName ?? translator.text("notify.someone", language)
        let extra: String
        switch kind {
        case .needRaised: extra = translator.text("priority.\(need.priority.rawValue)", language)
        case .statusChanged: extra = detail.map { translator.text("status.\($0)", language) } ?? ""
        case .serviceLevelWarning, .serviceLevelBreach: extra = detail.map { translator.text("sla_target.\($0)", language) } ?? ""
        case .rated, .lowRating: extra = detail ?? ""
        default: extra = ""
        }
        return translator.text("notification.\(kind.rawValue)", language, [need.number.description, need.title, who, extra])
    }

    func link(_ need: Need) -> String {
        publicURL + "/needs/" + need.number.description
    }

    /// The page a rating link opens, with a score preselected.
    func ratingLink(_ token: String, score: Int) -> String {
        publicURL + "/rate/" + token + "?score=\(score)"
    }
}
