import Foundation

/// An e-mail in plain text and HTML (multipart/alternative), written as RFC 5322 + MIME text:
/// UTF-8 throughout, headers in RFC 2047 encoded words, bodies in base64 (so no line of the
/// body can be mistaken for the end of the message).
public struct MailMessage: Sendable {
    var fromAddress: String
    var fromName: String
    var toAddress: String
    var toName: String
    var subject: String
    var text: String
    var html: String
    var messageID: String
    var date: Date

    public init(
        fromAddress: String, fromName: String, toAddress: String, toName: String, subject: String, text: String, html: String,
        messageID: String, date: Date
    ) {
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.toAddress = toAddress
        self.toName = toName
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.date = date
    }

    func rendered() -> String {
        let boundary = "tandem-" + messageID.filter(\.isLetter).prefix(16) + "-alt"
        var lines = [
            "From: \(Self.mailbox(fromName, fromAddress))",
            "To: \(Self.mailbox(toName, toAddress))",
            "Subject: \(Self.encodedWord(subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
        ]
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines += ["--\(boundary)", "Content-Type: \(type); charset=UTF-8", "Content-Transfer-Encoding: base64", ""]
            lines += Self.base64Lines(body)
        }
        lines.append("--\(boundary)--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func mailbox(_ name: String, _ address: String) -> String {
        name.isEmpty ? "<\(address)>" : "\(encodedWord(name)) <\(address)>"
    }

    /// Plain ASCII stays as it is; anything else becomes `=?UTF-8?B?…?=`.
    static func encodedWord(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0 != "=" && $0 != "?" }
        return safe ? text : "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    static func base64Lines(_ text: String) -> [String] {
        let encoded = Data(text.utf8).base64EncodedString()
        return stride(from: 0, to: encoded.count, by: 76).map { start in
            let from = encoded.index(encoded.startIndex, offsetBy: start)
            return String(encoded[from..<(encoded.index(from, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex)])
        }
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
