import Foundation
import TandemConnect
import TandemCore

/// E-mails a password link (a reset, an invitation) in the person's language; the link is made
/// now, so its secret is only ever in this e-mail.
struct PasswordLinkEmailHandler: JobHandler {
    let workflow: PasswordLinkWorkflow
    let text: NotificationText
    let smtp: SMTPClient
    var kinds: [String] { [PasswordLinkWorkflow.emailKind] }

    func run(_ job: Job) async throws {
        guard let (token, link, person) = try await workflow.issue(try job.input(PasswordLinkWorkflow.Email.self)),
            let address = person.email
        else { return }
        let language = person.language
        let purpose = link.purpose.rawValue
        let url = text.publicURL + Site.setPassword(token: token)
        let subject = text.translator.text("password_email_subject.\(purpose)", language)
        let body = text.translator.text("password_email_body.\(purpose)", language, [person.login])
        let action = text.translator.text("password_email.link", language)
        let footer = text.translator.text("password_email.footer", language)
        let plain = "\(body)\n\n\(action): \(url)\n\n-- \n\(footer)\n"
        let html = """
            <!doctype html>
            <html lang="\(language.rawValue)"><body>
            <p>\(EmailHandler.escaped(body))</p>
            <p><a href="\(EmailHandler.escaped(url))">\(EmailHandler.escaped(action))</a></p>
            <hr>
            <p><small>\(EmailHandler.escaped(footer))</small></p>
            </body></html>

            """
        try await smtp.send(
            MailMessage(
                fromAddress: smtp.settings.fromAddress, fromName: smtp.settings.fromName, toAddress: address, toName: person.displayName,
                subject: "[Tandem] " + subject, text: plain, html: html, messageID: "\(job.id)@tandem", date: Date()))
    }
}
