import Crypto
import Foundation
import TandemCore

/// The HTTP request that carries a message to a channel, in the format its service expects:
/// WeCom and DingTalk `{"msgtype":"text",…}` (DingTalk signed with `timestamp` and `sign`
/// query parameters when it has a secret), Feishu `{"msg_type":"text",…}` (with `timestamp`
/// and `sign` in the body), Slack `{"text":…}`, and the generic webhook: a JSON event signed
/// with HMAC-SHA256 over `<timestamp>.<body>` in `X-Tandem-Signature`.
public struct ChannelRequest: Sendable, Equatable {
    public var url: String
    public var headers: [String: String]
    public var body: Data

    /// - Parameters:
    ///   - text: the message line and link, for the chat services.
    ///   - event: the generic webhook's JSON object.
    ///   - delivery: an id the receiver may use to drop a repeated delivery.
    public static func make(for channel: NotificationChannel, text: String, event: [String: Any], delivery: String, at now: Date) throws
        -> ChannelRequest
    {
        var url = channel.url
        var headers = ["Content-Type": "application/json; charset=utf-8"]
        let body: [String: Any]
        switch channel.kind {
        case .wecom:
            body = ["msgtype": "text", "text": ["content": text]]
        case .dingtalk:
            body = ["msgtype": "text", "text": ["content": text]]
            if let secret = channel.secret {
                let timestamp = String(Int64((now.timeIntervalSince1970 * 1000).rounded(.down)))
                let sign = Data(
                    HMAC<SHA256>.authenticationCode(for: Data("\(timestamp)\n\(secret)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
                )
                .base64EncodedString()
                url += (url.contains("?") ? "&" : "?") + "timestamp=\(timestamp)&sign=\(Self.queryEscaped(sign))"
            }
        case .feishu:
            var message: [String: Any] = ["msg_type": "text", "content": ["text": text]]
            if let secret = channel.secret {
                let timestamp = String(Int(now.timeIntervalSince1970))
                // NB: Feishu keys the HMAC with "timestamp\nsecret" and signs nothing.
                let sign = Data(
                    HMAC<SHA256>.authenticationCode(for: Data(), using: SymmetricKey(data: Data("\(timestamp)\n\(secret)".utf8)))
                )
                .base64EncodedString()
                message["timestamp"] = timestamp
                message["sign"] = sign
            }
            body = message
        case .slack:
            body = ["text": Self.slackEscaped(text)]
        case .webhook:
            body = event
        }
        let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])
        if channel.kind == .webhook {
            let timestamp = String(Int(now.timeIntervalSince1970))
            var signed = Data("\(timestamp).".utf8)
            signed.append(data)
            let signature = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Data((channel.secret ?? "").utf8)))
            headers["X-Tandem-Timestamp"] = timestamp
            headers["X-Tandem-Signature"] = "sha256=" + signature.map { String(format: "%02x", $0) }.joined()
            headers["X-Tandem-Event"] = event["event"] as? String ?? ""
            headers["X-Tandem-Delivery"] = delivery
        }
        return ChannelRequest(url: url, headers: headers, body: data)
    }

    /// Slack's three control characters.
    static func slackEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(
            of: ">", with: "&gt;")
    }

    static func queryEscaped(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// Whether the service's answer means the message was taken: a 2xx, and for the chat bots
    /// their own error code 0 (they answer 200 with an error in the body).
    /// Whether the receiver took the message. What a refusal records (and the jobs page shows)
    /// is the status and the platform's own error code and message, never the receiver's body:
    /// an answer is not a way to read what a host sends back.
    public static func accepted(_ kind: NotificationChannel.Kind, status: Int, body: Data) -> Result<Void, DeliveryRefused> {
        guard (200..<300).contains(status) else { return .failure(DeliveryRefused(description: "the receiver answered \(status)")) }
        let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        let code: Int?
        let message: Any?
        switch kind {
        case .wecom, .dingtalk: (code, message) = (object?["errcode"] as? Int, object?["errmsg"])
        case .feishu:
            (code, message) = ((object?["code"] as? Int) ?? (object?["StatusCode"] as? Int), object?["msg"] ?? object?["StatusMessage"])
        case .slack, .webhook: return .success(())
        }
        guard let code else { return .failure(DeliveryRefused(description: "the receiver's answer has no error code")) }
        guard code == 0 else {
            let said =
                (message as? String).map {
                    ": " + String($0.unicodeScalars.filter { $0.properties.generalCategory != .control }.prefix(100))
                } ?? ""
            return .failure(DeliveryRefused(description: "the receiver refused the message (code \(code))\(said)"))
        }
        return .success(())
    }

    public struct DeliveryRefused: Error, CustomStringConvertible {
        public var description: String
    }
}
