import Foundation
import TandemCore

/// The page texts in every language, from `Resources/Translations/<language>.json` (flat
/// key → text; `{0}`, `{1}` … are replaced by arguments). Every user-visible string of the
/// pages comes from here; a test checks that both tables have the same keys and that each key
/// is used.
struct Translator: Sendable {
    let tables: [Language: [String: String]]
    /// The core's messages in languages other than English, from `messages/<language>.json`:
    /// English template (`"line {0}: '{1}' is not a date"`) → the language's template.
    let messages: [Language: [String: String]]

    static func load(from directory: URL) throws -> Translator {
        var tables: [Language: [String: String]] = [:]
        var messages: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let file = directory.appendingPathComponent("\(language.rawValue).json")
            tables[language] = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: file))
            let messageFile = directory.appendingPathComponent("messages/\(language.rawValue).json")
            if FileManager.default.fileExists(atPath: messageFile.path) {
                messages[language] = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: messageFile))
            }
        }
        return Translator(tables: tables, messages: messages)
    }

    /// What a core error says, in a language: the translated reason when it has one, else its
    /// message from the language's message table (enumeration values in it translated too),
    /// else the English message.
    func text(of error: TandemError, _ language: Language) -> String {
        if let reason = error.reason { return text("reason.\(reason.rawValue)", language, error.reasonArguments) }
        return text(of: error.words, language)
    }

    func text(of words: TandemError.Words, _ language: Language) -> String {
        guard let template = messages[language]?[words.template] else { return words.description }
        let values = words.values.map { value in value.family.map { text("\($0).\(value.text)", language) } ?? value.text }
        return TandemError.Words.fill(template, values)
    }

    /// The text of a key; a missing key shows as itself (and fails the translation test).
    func text(_ key: String, _ language: Language, _ arguments: [String] = []) -> String {
        TandemError.Words.fill(tables[language]?[key] ?? tables[.zhCN]?[key] ?? key, arguments)
    }

}

/// The families of keys made from enumeration values (`status.<raw value>` …); the translation
/// test checks every family against its enumeration.
enum TranslatedEnumerations {
    static let families: [String: [String]] = [
        "status": NeedStatus.allCases.map(\.rawValue),
        "kind": NeedKind.allCases.map(\.rawValue),
        "priority": Priority.allCases.map(\.rawValue),
        "urgency": Urgency.allCases.map(\.rawValue),
        "importance": Importance.allCases.map(\.rawValue),
        "action": NeedAction.allCases.map(\.rawValue),
        "role": Role.allCases.map(\.rawValue),
        "event": NeedEvent.Kind.allCases.map(\.rawValue),
        "field_type": FormField.FieldType.allCases.map(\.rawValue),
        "audience": ["everyone", "departments"],
        "sort": NeedQuery.Sort.allCases.map(\.rawValue),
        "language": Language.allCases.map(\.rawValue),
        // The fields the core names in a need's changes (`NeedEvent.Change.field`).
        "change": [
            "status", "action", "assignees", "title", "description", "desired_date", "form", "urgency", "importance", "priority",
            "effort_hours", "strategic_goal_id", "confidential", "target", "score", "low_rating", "merged_into", "merged_from",
            "followers", "comments", "attachments",
        ],
        "low_rating_action": SatisfactionPolicy.LowRatingAction.allCases.map(\.rawValue),
        "setup_step": SetupGuide.Step.allCases.map(\.rawValue),
        // The sentences of a need's history (`NeedPageContext.sentence`).
        "history": NeedAction.allCases.map(\.rawValue) + [
            NeedEvent.Kind.serviceLevelWarning.rawValue, NeedEvent.Kind.serviceLevelBreach.rawValue,
        ],
        "rating_score": SatisfactionRating.scores.map(String.init),
        "scorecard_figure": ScorecardPageContext.figureIDs,
        "evaluation_status": EvaluationCycle.Status.allCases.map(\.rawValue),
        "survey_kind": SurveyQuestion.Kind.allCases.map(\.rawValue),
        "survey_frequency": SurveySchedule.Frequency.allCases.map(\.rawValue),
        "action_status": ActionItem.Status.allCases.map(\.rawValue),
        "suggestion_status": Suggestion.Status.allCases.map(\.rawValue),
        "plan_status": ImprovementPlan.Status.allCases.map(\.rawValue),
        "plan_source": ImprovementPlan.SourceKind.allCases.map(\.rawValue),
        "dashboard_chart": DashboardCharts.ids,
        "dashboard_view": DashboardScope.DepartmentView.allCases.map(\.rawValue),
        "dashboard_age": DashboardWindow.ageBucketKeys,
        "dashboard_group": DashboardFigures.statusGroups.map(\.key),
        "map_health": SupplyChainEdge.Health.allCases.map(\.rawValue),
        "plan_reason": ["no_estimate", "over_capacity", "set_aside"],
        "search_source": NeedSearchHit.Source.allCases.map(\.rawValue),
        "plan_figure": ScorecardFigure.allCases.map(\.rawValue),
        "sla_target": ServiceLevelTarget.allCases.map(\.rawValue),
        "sla_state": ServiceLevelMeasure.State.allCases.map(\.rawValue),
        "weekday": Weekday.allCases.map(\.name),
        // The records a core error names (`TandemError.notFound("need")`, `{0} not found`).
        "record": [
            "action", "attachment", "channel", "chart", "department", "draft", "evaluation cycle", "evaluation invitation", "goal",
            "import", "improvement plan", "plan", "job", "meeting", "need", "notification", "offering", "page", "password link",
            "person", "rating link", "saved filter", "suggestion", "survey", "token",
        ],
        "error_code": [
            "invalid_input", "not_found", "forbidden", "unauthenticated", "conflict", "invalid_transition",
            "too_many_requests", "unavailable", "internal_error", "payload_too_large",
        ],
        "reason": TandemError.Reason.allCases.map(\.rawValue),
        "job_state": Job.State.allCases.map(\.rawValue),
        "job_kind": [
            NeedWorkflow.followUpKind, NotificationWorkflow.emailKind, NotificationWorkflow.channelKind, ServiceLevelWorkflow.refreshKind,
            EvaluationWorkflow.inviteKind, SurveyWorkflow.closingReminderKind, EvaluationWorkflow.closingReminderKind,
            DashboardWorkflow.refreshKind, DirectorySyncWorkflow.scheduledKind,
        ],
        "import_kind": ImportKind.allCases.map(\.rawValue),
        "import_state": ImportRecord.State.allCases.map(\.rawValue),
        "import_summary": ImportRecord.State.allCases.map(\.rawValue),
        "notification": NotificationKind.allCases.map(\.rawValue),
        "channel_kind": NotificationChannel.Kind.allCases.map(\.rawValue),
        "directory_outcome": DirectorySyncRun.Outcome.allCases.map(\.rawValue),
        "local_passwords": DirectorySignInPolicy.LocalPasswords.allCases.map(\.rawValue),
        "password_email_subject": PasswordLink.Purpose.allCases.map(\.rawValue),
        "password_email_body": PasswordLink.Purpose.allCases.map(\.rawValue),
        "directory_record": ["department", "person"],
        "directory_departments": DirectorySyncPlan.DepartmentAction.allCases.map(\.rawValue),
        "directory_people": DirectorySyncPlan.PersonAction.allCases.map(\.rawValue),
        "directory_action": Array(
            Set(
                DirectorySyncPlan.DepartmentAction.allCases.map(\.rawValue) + DirectorySyncPlan.PersonAction.allCases.map(\.rawValue)
                    + DirectorySyncPlan.Flag.Kind.allCases.map(\.rawValue))),
        "channel_event": NotificationChannel.departmentKinds.map(\.rawValue),
        "error_page": [
            "invalid_input", "not_found", "forbidden", "unauthenticated", "conflict", "invalid_transition",
            "too_many_requests", "unavailable", "internal_error", "payload_too_large",
        ],
    ]
}
