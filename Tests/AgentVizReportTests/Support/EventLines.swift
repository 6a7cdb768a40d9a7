import Foundation
@testable import AgentVizReport

/// Builds contract-v1 NDJSON lines for tests, with only what a test cares about spelled out.
struct EventLine {
    var eventId: String
    var session: String
    var at: String
    var status = "running"
    var sourceType = "agent-task"
    var repository: String? = "acme/api"
    var branch: String?
    var title: String?
    var prNumber: Int?
    var updatedAt: String?
    var tokens: (input: Int, output: Int)?
    var cost: Double?
    var duration: Int?
    var action = "view"
    var schemaVersion = "1.0"
    // The 1.x cost fields (ANALYTICS.md section 7).
    var model: String?
    var cache: (read: Int, write: Int)?
    var aiCredits: Double?
    var premiumRequests: Double?

    init(_ eventId: String, _ session: String, _ at: String, _ status: String = "running") {
        self.eventId = eventId
        self.session = session
        self.at = at
        self.status = status
    }

    func with(_ change: (inout EventLine) -> Void) -> EventLine {
        var copy = self
        change(&copy)
        return copy
    }

    var json: String {
        var session: [String: Any] = ["id": self.session, "sourceType": sourceType, "status": status]
        if let repository { session["repository"] = repository }
        if let branch { session["branch"] = branch }
        if let title { session["title"] = title }
        if let prNumber { session["prNumber"] = prNumber }
        if let updatedAt { session["updatedAt"] = updatedAt }
        if let model { session["model"] = model }
        var object: [String: Any] = [
            "schemaVersion": schemaVersion, "eventId": eventId, "capturedAt": at,
            "session": session, "metadata": ["operatorAction": action],
        ]
        var metrics: [String: Any] = [:]
        if let tokens {
            metrics["tokenInput"] = tokens.input
            metrics["tokenOutput"] = tokens.output
            metrics["tokenTotal"] = tokens.input + tokens.output
        }
        if let cost { metrics["estimatedCostUsd"] = cost }
        if let duration { metrics["durationSeconds"] = duration }
        if let cache {
            metrics["tokenCacheRead"] = cache.read
            metrics["tokenCacheWrite"] = cache.write
        }
        if let aiCredits { metrics["aiCredits"] = aiCredits }
        if let premiumRequests { metrics["premiumRequests"] = premiumRequests }
        if !metrics.isEmpty { object["metrics"] = metrics }
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}

enum TestFiles {
    /// A fresh temporary directory, removed when the process ends is not guaranteed: tests use unique names.
    static func directory() -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("avr-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @discardableResult
    static func write(_ lines: [String], to url: URL) -> String {
        try! (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static func write(_ lines: [EventLine], name: String = "events.ndjson", in dir: URL? = nil) -> String {
        write(lines.map(\.json), to: (dir ?? directory()).appendingPathComponent(name))
    }

    /// The repository root, found from this file's location.
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    static func fixture(_ relative: String) -> String { root.appendingPathComponent("fixtures/" + relative).path }
}

extension Timestamp {
    /// Parses RFC 3339 in tests, failing loudly.
    static func at(_ text: String) -> Timestamp {
        guard let t = RFC3339.parse(text) else { fatalError("bad test timestamp \(text)") }
        return t
    }
}
