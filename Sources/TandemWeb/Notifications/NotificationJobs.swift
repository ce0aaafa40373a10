import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import TandemConnect
import TandemCore
import Vapor

/// What follows every change of a need: telling the people concerned (the core decides who
/// hears of what) and refreshing its service-level deadlines and alerts. Both may run again.
struct NeedChangedHandler: JobHandler {
    let notifications: NotificationWorkflow
    let serviceLevels: ServiceLevelWorkflow
    var kinds: [String] { [NeedWorkflow.followUpKind] }

    func run(_ job: Job) async throws {
        let input = try job.input(NotificationWorkflow.NeedEvents.self)
        try await notifications.fanOut(input)
        try await serviceLevels.refresh(input.needID)
    }
}

/// Sends one notification by e-mail, in the recipient's language, plain text and HTML.
struct EmailHandler: JobHandler {
    let workflow: NotificationWorkflow
    let satisfaction: SatisfactionWorkflow
    let text: NotificationText
    let smtp: SMTPClient
    var kinds: [String] { [NotificationWorkflow.emailKind] }

    func run(_ job: Job) async throws {
        guard let facts = try await workflow.emailFacts(try job.input(NotificationWorkflow.Email.self)),
            let address = facts.recipient.email
        else { return }
        let language = facts.recipient.language
        let line = text.line(facts.notification.kind, need: facts.need, actor: facts.actor, detail: facts.notification.detail, language)
        let link = text.publicURL + NotificationText.path(facts.notification, need: facts.need)
        let open = text.translator.text("notify.open", language)
        let footer = text.translator.text("notify.email_footer", language)
        var plain = line + "\n"
        var html = "<p>\(Self.escaped(line))</p>\n"
        if let excerpt = facts.excerpt {
            plain += "\n" + excerpt + "\n"
            html += "<blockquote style=\"white-space:pre-wrap\">\(Self.escaped(excerpt))</blockquote>\n"
        }
        if facts.notification.kind == .statusChanged, facts.notification.detail == NeedStatus.resolved.rawValue, let need = facts.need,
            let (token, ratingLink) = try await satisfaction.issueLink(for: need, to: facts.recipient)
        {
            let days = String(Int((ratingLink.expiresAt.timeIntervalSince(ratingLink.createdAt) / 86_400).rounded()))
            let prompt = text.translator.text("notify.rate_prompt", language, [days])
            let choices = SatisfactionRating.scores.map { score in
                (url: text.ratingLink(token, score: score), label: "\(score)★ " + text.translator.text("rating_score.\(score)", language))
            }
            plain += "\n" + prompt + "\n" + choices.map { "  \($0.label): \($0.url)" }.joined(separator: "\n") + "\n"
            html +=
                "<p>\(Self.escaped(prompt))</p>\n<p>"
                + choices.map { "<a href=\"\(Self.escaped($0.url))\">\(Self.escaped($0.label))</a>" }
                .joined(separator: " &nbsp; ") + "</p>\n"
        }
        plain += "\n\(open): \(link)\n\n-- \n\(footer)\n"
        html += "<p><a href=\"\(Self.escaped(link))\">\(Self.escaped(open))</a></p>\n<hr>\n<p><small>\(Self.escaped(footer))</small></p>\n"
        let message = MailMessage(
            fromAddress: smtp.settings.fromAddress, fromName: smtp.settings.fromName, toAddress: address,
            toName: facts.recipient.displayName,
            subject: "[Tandem] " + line, text: plain,
            html: "<!doctype html>\n<html lang=\"\(language.rawValue)\"><body>\n\(html)</body></html>\n",
            messageID: "\(job.id)@tandem", date: Date())
        try await smtp.send(message)
    }

    /// HTML's five special characters.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(
            of: ">", with: "&gt;"
        )
        .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}

/// Posts one message to a department's channel (group bot, Slack, signed webhook).
struct ChannelHandler: JobHandler {
    let workflow: NotificationWorkflow
    let text: NotificationText
    var kinds: [String] { [NotificationWorkflow.channelKind] }

    func run(_ job: Job) async throws {
        let input = try job.input(NotificationWorkflow.ChannelMessage.self)
        guard let facts = try await workflow.channelFacts(input) else { return }
        let need = facts.need
        let line = text.line(input.kind, need: need, actor: facts.actor, detail: input.detail, facts.channel.language)
        var event: [String: Any] = [
            "event": input.kind.rawValue, "delivery": job.id.description, "sent_at": ISO8601DateFormatter().string(from: Date()),
            "need": [
                "id": need.id.description, "number": need.number.description, "title": need.title, "status": need.status.rawValue,
                "priority": need.priority.rawValue, "kind": need.kind.rawValue, "url": text.link(need),
                "requesting_department_id": need.requestingDepartmentID.description,
                "providing_department_id": need.providingDepartmentID.description,
            ] as [String: Any],
        ]
        if let actor = facts.actor { event["actor"] = ["id": actor.id.description, "name": actor.displayName] }
        if let detail = input.detail { event["detail"] = detail }
        let request = try ChannelRequest.make(
            for: facts.channel, text: line + "\n" + text.link(need), event: event,
            delivery: job.id.description, at: Date())
        // NB: the host is checked again now, on the addresses it resolves to, and the request goes
        // to the address checked (the certificate is still verified for the host): a name
        // re-pointed at an internal address after the channel was saved reaches nothing.
        let destination = try await workflow.destination(of: request.url)
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = .POST
        outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        for (name, value) in request.headers { outgoing.headers.replaceOrAdd(name: name, value: value) }
        try await ChannelClient.post(outgoing, to: destination) { status, body in
            try ChannelRequest.accepted(facts.channel.kind, status: status, body: body).get()
        }
    }
}

/// Sends a channel's request to the address its destination check chose, following no redirect
/// (a receiver could otherwise send Tandem on to an internal address), reading at most 64 KB.
enum ChannelClient {
    static let largestAnswer = 64 * 1024

    static func post(
        _ request: HTTPClientRequest, to destination: OutboundPolicy.Destination,
        judge: (Int, Data) throws -> Void
    ) async throws {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.dnsOverride = [destination.host: destination.address.description]
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(10))
        let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
        do {
            // NB: the async request gives up as soon as the job is cancelled (at shutdown); a receiver
            // that refuses connections would otherwise hold the process until the deadline.
            let response = try await client.execute(request, timeout: .seconds(10))
            let body = try await response.body.collect(upTo: largestAnswer)
            try await client.shutdown()
            try judge(Int(response.status.code), Data(body.readableBytesView))
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}

/// Refreshes a need's service-level deadlines and announces its due alerts.
struct ServiceLevelRefreshHandler: JobHandler {
    let workflow: ServiceLevelWorkflow
    var kinds: [String] { [ServiceLevelWorkflow.refreshKind] }

    func run(_ job: Job) async throws {
        let refresh = try job.input(ServiceLevelWorkflow.Refresh.self)
        try await workflow.refresh(refresh.needID, quiet: refresh.quiet)
    }
}

/// Tells the invited departments' managers of a new evaluation cycle.
struct EvaluationInviteHandler: JobHandler {
    let workflow: EvaluationWorkflow
    var kinds: [String] { [EvaluationWorkflow.inviteKind] }

    func run(_ job: Job) async throws {
        try await workflow.invite(try job.input(EvaluationWorkflow.Invite.self))
    }
}

/// Reminds, once, those who have not answered a survey round or an evaluation cycle about to close.
/// Runs a scheduled directory sync (`DirectorySyncWorkflow.dueSync`).
struct DirectorySyncHandler: JobHandler {
    let workflow: DirectorySyncWorkflow
    var kinds: [String] { [DirectorySyncWorkflow.scheduledKind] }

    func run(_ job: Job) async throws {
        _ = try await workflow.sync(dryRun: false, by: nil)
    }
}

struct ClosingReminderHandler: JobHandler {
    let surveys: SurveyWorkflow
    let evaluations: EvaluationWorkflow
    var kinds: [String] { [SurveyWorkflow.closingReminderKind, EvaluationWorkflow.closingReminderKind] }

    func run(_ job: Job) async throws {
        if job.kind == SurveyWorkflow.closingReminderKind {
            try await surveys.remindBeforeClosing(try job.input(SurveyWorkflow.ClosingReminder.self))
        } else {
            try await evaluations.remindBeforeClosing(try job.input(EvaluationWorkflow.Invite.self))
        }
    }
}
