import Foundation
import TandemCore

/// The operations on accounts, the organisation, the catalog, needs, settings, service levels,
/// notifications and jobs.
extension OpenAPIDocument {
    static let coreOperations: [Operation] = [
        .init(
            method: "POST", path: "/api/v1/auth/sign-in", summary: "Sign in; sets the session cookie", tag: "account", body: "SignIn",
            decodes: AccountController.SignInBody.self, response: "SignedIn", audience: .anyone),
        .init(method: "POST", path: "/api/v1/auth/sign-out", summary: "Sign out", tag: "account", success: 204, audience: .anyone),
        .init(method: "GET", path: "/api/v1/me", summary: "The signed-in person", tag: "account", response: "Person"),
        .init(
            method: "PUT", path: "/api/v1/me/password", summary: "Change one's own password", tag: "account", body: "ChangePassword",
            decodes: AccountController.PasswordBody.self, success: 204),
        .init(method: "GET", path: "/api/v1/me/tokens", summary: "One's API tokens", tag: "account"),
        .init(
            method: "POST", path: "/api/v1/me/tokens", summary: "Create an API token; the secret is shown once", tag: "account",
            body: "CreateToken", decodes: AccountController.TokenBody.self, success: 201),
        .init(method: "DELETE", path: "/api/v1/me/tokens/:tokenID", summary: "Revoke an API token", tag: "account"),
        .init(method: "GET", path: "/api/v1/departments", summary: "The department tree", tag: "organisation"),
        .init(
            method: "POST", path: "/api/v1/departments", summary: "Create a department", tag: "organisation", body: "DepartmentInput",
            decodes: OrganisationController.DepartmentBody.self, success: 201, response: "Department", audience: .administrators),
        .init(
            method: "GET", path: "/api/v1/departments/:departmentID", summary: "One department", tag: "organisation", response: "Department"
        ),
        .init(
            method: "PATCH", path: "/api/v1/departments/:departmentID", summary: "Change a department", tag: "organisation",
            body: "DepartmentInput", decodes: OrganisationController.DepartmentBody.self, response: "Department", audience: .administrators),
        .init(
            method: "GET", path: "/api/v1/people",
            summary:
                "People, optionally of one department; with q, limit or offset a page of those found by name, login, pinyin or initials",
            tag: "organisation", query: ["department_id", "q", "active", "limit", "offset"]),
        .init(
            method: "POST", path: "/api/v1/people", summary: "Add a person (administrators; managers for their department)",
            tag: "organisation", body: "PersonInput", decodes: OrganisationController.PersonBody.self, success: 201, response: "Person"),
        .init(method: "GET", path: "/api/v1/people/:personID", summary: "One person", tag: "organisation", response: "Person"),
        .init(
            method: "PATCH", path: "/api/v1/people/:personID", summary: "Change a person", tag: "organisation", body: "PersonInput",
            decodes: OrganisationController.PersonBody.self, response: "Person"),
        .init(
            method: "PUT", path: "/api/v1/people/:personID/password", summary: "Set a person's password (their managers, administrators)",
            tag: "organisation", body: "ResetPassword", decodes: OrganisationController.ResetPasswordBody.self, success: 204),
        .init(method: "GET", path: "/api/v1/offerings", summary: "Service catalog offerings", tag: "catalog", query: ["provider_id"]),
        .init(
            method: "POST", path: "/api/v1/offerings", summary: "Add an offering to a department's catalog", tag: "catalog",
            body: "Offering", decodes: CatalogController.OfferingBody.self, success: 201),
        .init(method: "GET", path: "/api/v1/offerings/:offeringID", summary: "One offering", tag: "catalog"),
        .init(
            method: "PATCH", path: "/api/v1/offerings/:offeringID", summary: "Change an offering", tag: "catalog", body: "Offering",
            decodes: CatalogController.OfferingBody.self),
        .init(
            method: "GET", path: "/api/v1/needs", summary: "Needs the reader may see, filtered, sorted, paginated", tag: "needs",
            query: [
                "status", "kind", "priority", "requesting_department_id", "providing_department_id", "requester_id", "assignee_id",
                "created_from", "created_before", "q", "sort", "limit", "cursor",
            ]),
        .init(
            method: "GET", path: "/api/v1/needs/export.csv",
            summary: "Every need the list's filters find, as CSV for Excel (UTF-8 with BOM; no row cap; sort applies)", tag: "needs",
            query: [
                "status", "kind", "priority", "requesting_department_id", "providing_department_id", "requester_id", "assignee_id",
                "created_from", "created_before", "q", "sort",
            ]),
        .init(
            method: "POST", path: "/api/v1/needs", summary: "Raise a need", tag: "needs", body: "RaiseNeed",
            decodes: NeedController.RaiseBody.self, success: 201, response: "Need"),
        .init(method: "GET", path: "/api/v1/needs/:needID", summary: "One need, by id or number", tag: "needs", response: "Need"),
        .init(
            method: "PATCH", path: "/api/v1/needs/:needID", summary: "Change a need's fields", tag: "needs", body: "NeedPatch",
            decodes: NeedController.PatchBody.self, response: "Need"),
        .init(
            method: "POST", path: "/api/v1/needs/:needID/transitions", summary: "Move a need along its lifecycle", tag: "needs",
            body: "Transition", decodes: NeedController.TransitionBody.self, response: "Need"),
        .init(
            method: "PUT", path: "/api/v1/needs/:needID/assignees", summary: "Set who works a need", tag: "needs", body: "Assignees",
            decodes: NeedController.AssigneesBody.self, response: "Need"),
        .init(
            method: "GET", path: "/api/v1/needs/:needID/duplicates",
            summary: "Open needs to the same provider that look like this one (its providers only)", tag: "needs",
            response: "SimilarNeeds"),
        .init(
            method: "POST", path: "/api/v1/needs/:needID/merge",
            summary: "Merge this need into another (by number or id): closed as merged; its requester follows the other", tag: "needs",
            body: "Merge", decodes: MergeController.MergeBody.self, response: "MergeResult"),
        .init(method: "GET", path: "/api/v1/needs/:needID/events", summary: "A need's history", tag: "needs"),
        .init(method: "GET", path: "/api/v1/needs/:needID/comments", summary: "Replies (and, for providers, internal notes)", tag: "needs"),
        .init(
            method: "POST", path: "/api/v1/needs/:needID/comments", summary: "Reply, or add an internal note", tag: "needs",
            body: "Comment", decodes: NeedController.CommentBody.self, success: 201),
        .init(method: "GET", path: "/api/v1/needs/:needID/attachments", summary: "A need's attachments", tag: "needs"),
        .init(
            method: "POST", path: "/api/v1/needs/:needID/attachments", summary: "Upload a file (raw body, Content-Type, ?file_name=)",
            tag: "needs", query: ["file_name"], success: 201),
        .init(method: "GET", path: "/api/v1/needs/:needID/attachments/:attachmentID", summary: "Download a file", tag: "needs"),
        .init(
            method: "GET", path: "/api/v1/settings/priority-matrix", summary: "The urgency × importance matrix", tag: "settings",
            response: "PriorityMatrix"),
        .init(
            method: "PUT", path: "/api/v1/settings/priority-matrix", summary: "Replace the matrix", tag: "settings", body: "PriorityMatrix",
            decodes: SettingsController.MatrixBody.self, response: "PriorityMatrix", audience: .administrators),
        .init(
            method: "GET", path: "/api/v1/settings/privacy", summary: "The minimum group for anonymous and per-pair results",
            tag: "settings",
            response: "Privacy"),
        .init(
            method: "PUT", path: "/api/v1/settings/privacy", summary: "Set the minimum group", tag: "settings", body: "PrivacySetting",
            decodes: SettingsController.PrivacyBody.self,
            response: "Privacy", audience: .administrators),
        .init(
            method: "GET", path: "/api/v1/calendars/default", summary: "The company's business calendar", tag: "service levels",
            response: "BusinessCalendar"),
        .init(
            method: "PUT", path: "/api/v1/calendars/default", summary: "Replace the company's calendar", tag: "service levels",
            body: "BusinessCalendar", decodes: ServiceLevelController.CalendarBody.self, response: "BusinessCalendar",
            audience: .administrators),
        .init(
            method: "GET", path: "/api/v1/departments/:departmentID/calendar", summary: "The calendar a department works by",
            tag: "service levels", response: "BusinessCalendar"),
        .init(
            method: "PUT", path: "/api/v1/departments/:departmentID/calendar", summary: "Set a department's own calendar (its managers)",
            tag: "service levels", body: "BusinessCalendar", decodes: ServiceLevelController.CalendarBody.self, response: "BusinessCalendar"
        ),
        .init(
            method: "POST", path: "/api/v1/departments/:departmentID/calendar/holidays",
            summary: "Add holidays and make-up workdays from an .ics file", tag: "service levels", body: "ICS", mediaType: "text/calendar"),
        .init(
            method: "GET", path: "/api/v1/service-levels/default", summary: "The company's service-level policy", tag: "service levels",
            response: "ServiceLevelPolicy"),
        .init(
            method: "PUT", path: "/api/v1/service-levels/default", summary: "Replace the company's policy", tag: "service levels",
            body: "ServiceLevelPolicy", decodes: ServiceLevelController.PolicyBody.self, response: "ServiceLevelPolicy",
            audience: .administrators),
        .init(
            method: "GET", path: "/api/v1/offerings/:offeringID/service-level", summary: "An offering's service-level policy",
            tag: "service levels", response: "ServiceLevelPolicy"),
        .init(
            method: "PUT", path: "/api/v1/offerings/:offeringID/service-level",
            summary: "Set an offering's policy (its department's managers)", tag: "service levels", body: "ServiceLevelPolicy",
            decodes: ServiceLevelController.PolicyBody.self, response: "ServiceLevelPolicy"),
        .init(
            method: "GET", path: "/api/v1/needs/:needID/service-level", summary: "A need's service-level clocks", tag: "needs",
            response: "ServiceLevelClock"),
        .init(
            method: "GET", path: "/api/v1/me/notifications", summary: "My inbox, newest first, with the unread count", tag: "notifications",
            query: ["unread", "before", "limit"], response: "Inbox"),
        .init(
            method: "POST", path: "/api/v1/me/notifications/read", summary: "Mark notifications read (all when no ids)",
            tag: "notifications",
            body: "ReadNotifications", decodes: NotificationController.ReadBody.self, success: 204),
        .init(
            method: "GET", path: "/api/v1/departments/:departmentID/channels",
            summary: "A department's notification channels (its managers)", tag: "notifications"),
        .init(
            method: "POST", path: "/api/v1/departments/:departmentID/channels",
            summary: "Add a channel: WeCom, DingTalk, Feishu, Slack or a signed webhook", tag: "notifications",
            body: "ChannelInput", decodes: NotificationController.ChannelBody.self, success: 201, response: "Channel"),
        .init(
            method: "PATCH", path: "/api/v1/channels/:channelID", summary: "Change a channel", tag: "notifications", body: "ChannelInput",
            decodes: NotificationController.ChannelBody.self, response: "Channel"),
        .init(method: "DELETE", path: "/api/v1/channels/:channelID", summary: "Remove a channel", tag: "notifications", success: 204),
        .init(
            method: "GET", path: "/api/v1/jobs", summary: "Background jobs, newest change first, with counts by state", tag: "jobs",
            query: ["state", "limit"], response: "JobList", audience: .administrators),
        .init(
            method: "POST", path: "/api/v1/jobs/:jobID/retry", summary: "Run a dead job again", tag: "jobs", response: "Job",
            audience: .administrators),
        .init(
            method: "POST", path: "/api/v1/directory/sync",
            summary: "Sync departments and people from the company directory now, or only work out what would change (dry_run)",
            tag: "directory", body: "DirectorySync", decodes: DirectoryController.SyncBody.self, response: "DirectorySyncRun",
            audience: .administrators),
        .init(
            method: "GET", path: "/api/v1/directory/runs", summary: "The latest directory syncs, newest first", tag: "directory",
            query: ["limit"], response: "DirectorySyncRunList", audience: .administrators),
        .init(method: "GET", path: "/api/v1/openapi.json", summary: "This document", tag: "meta", audience: .anyone),
    ]
}
