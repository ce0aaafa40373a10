import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Request counts and latency by route, kept in memory per instance and exposed at `/metrics`
/// in Prometheus text format (each instance is scraped on its own).
public final class RequestMetrics: Sendable {
    struct Key: Hashable { var method: String; var route: String; var status: Int }
    struct Series { var count = 0; var seconds = 0.0; var buckets = [Int](repeating: 0, count: RequestMetrics.bounds.count) }

    static let bounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]
    private let series = NIOLockedValueBox<[Key: Series]>([:])

    func record(method: String, route: String, status: Int, seconds: Double) {
        series.withLockedValue { all in
            var entry = all[Key(method: method, route: route, status: status), default: Series()]
            entry.count += 1
            entry.seconds += seconds
            for (index, bound) in Self.bounds.enumerated() where seconds <= bound { entry.buckets[index] += 1 }
            all[Key(method: method, route: route, status: status)] = entry
        }
    }

    /// The request series in Prometheus text format.
    func render() -> String {
        let snapshot = series.withLockedValue { $0 }
        var lines = [
            "# HELP tandem_http_requests_total HTTP requests by route and status.",
            "# TYPE tandem_http_requests_total counter",
        ]
        let keys = snapshot.keys.sorted { ($0.route, $0.method, $0.status) < ($1.route, $1.method, $1.status) }
        for key in keys {
            lines.append("tandem_http_requests_total{\(Self.labels(key))} \(snapshot[key]!.count)")
        }
        lines += [
            "# HELP tandem_http_request_duration_seconds Request latency by route.",
            "# TYPE tandem_http_request_duration_seconds histogram",
        ]
        for key in keys {
            let entry = snapshot[key]!
            for (index, bound) in Self.bounds.enumerated() {
                lines.append("tandem_http_request_duration_seconds_bucket{\(Self.labels(key)),le=\"\(bound)\"} \(entry.buckets[index])")
            }
            lines.append("tandem_http_request_duration_seconds_bucket{\(Self.labels(key)),le=\"+Inf\"} \(entry.count)")
            lines.append("tandem_http_request_duration_seconds_sum{\(Self.labels(key))} \(entry.seconds)")
            lines.append("tandem_http_request_duration_seconds_count{\(Self.labels(key))} \(entry.count)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func labels(_ key: Key) -> String {
        "method=\"\(escaped(key.method))\",route=\"\(escaped(key.route))\",status=\"\(key.status)\""
    }

    /// A label value as the exposition format writes it: backslash, quote and line feed escaped.
    static func escaped(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}

/// Times every request for `RequestMetrics`, labelled by the route pattern (never the raw path,
/// so ids do not multiply the series).
struct MetricsMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next.respond(to: request)
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        request.tandem.metrics.record(method: request.method.rawValue, route: route, status: Int(response.status.code), seconds: seconds)
        return response
    }
}
