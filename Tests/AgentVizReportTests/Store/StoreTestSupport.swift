import Foundation
@testable import AgentVizReport

/// Helpers for the store tests.
enum StoreFixtures {
    /// A fresh directory under the system temporary directory, removed by `remove()`.
    struct Directory {
        let url: URL

        init() throws {
            url = FileManager.default.temporaryDirectory
                .appendingPathComponent("agentviz-store-tests-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }

        func path(_ name: String) -> String { url.appendingPathComponent(name).path }

        func remove() { try? FileManager.default.removeItem(at: url) }
    }

    /// A minimal valid event; tests override what they look at.
    static func event(
        _ id: String, session: String = "session-1", capturedAt: Int64 = 1_760_000_000_000_000,
        updatedAt: Int64? = nil, status: SessionStatus = .running, title: String? = nil
    ) -> Event {
        Event(
            eventId: id, capturedAt: Timestamp(microseconds: capturedAt), sessionId: session,
            sourceType: .localCopilot, status: status, title: title,
            updatedAt: updatedAt.map(Timestamp.init(microseconds:)), operatorAction: .view)
    }
}

extension EventStore {
    /// Every stored event, in timeline order.
    func allEvents() throws -> [Event] {
        var events: [Event] = []
        try forEachEvent { events.append($0) }
        return events
    }
}
