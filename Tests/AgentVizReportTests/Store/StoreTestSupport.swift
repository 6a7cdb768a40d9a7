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

    /// A minimal valid line; tests override what they look at.
    static func line(
        _ id: String, session: String = "session-1", at: String = "2026-11-16T10:00:00Z",
        updatedAt: String? = nil, status: String = "running", title: String? = nil
    ) -> String {
        EventLine(id, session, at, status).with { $0.updatedAt = updatedAt; $0.title = title }.json
    }
}

extension EventStore {
    /// Ingests `lines` as one new file (a run of its own) and returns the run's counters.
    @discardableResult
    func ingest(_ lines: [String], chunkBytes: Int = ChunkPlan.targetBytes) throws -> IngestCounters {
        let path = TestFiles.write(lines, to: TestFiles.directory().appendingPathComponent("in.ndjson"))
        return try ResumableIngest(store: self, input: ParallelInput(chunkBytes: chunkBytes)).run([.file(path)])
    }

    /// Every stored event as the oracle's `Event`, in insertion order, read with plain SQL.
    func allEvents() throws -> [Event] {
        let q = try db.prepare("""
            SELECT v.value, e.event_id, e.captured_at, src.value, s.session_id, e.source_type, e.status,
                   r.value, b.value, t.value, e.pr_number, e.updated_at, e.duration_seconds, e.token_input,
                   e.token_output, e.token_total, e.estimated_cost_usd, e.operator_action, e.debug_enabled
            FROM event e JOIN session s ON s.id = e.session JOIN text_value v ON v.id = e.schema_version
            LEFT JOIN text_value src ON src.id = e.source LEFT JOIN text_value r ON r.id = e.repository
            LEFT JOIN text_value b ON b.id = e.branch LEFT JOIN text_value t ON t.id = e.title
            ORDER BY e.id
            """)
        var events: [Event] = []
        while try q.step() {
            events.append(Event(
                schemaVersion: q.string(at: 0)!, eventId: q.string(at: 1)!, capturedAt: Timestamp(microseconds: q.int64(at: 2)),
                source: q.string(at: 3), sessionId: q.string(at: 4)!,
                sourceType: SourceType(compactCode: UInt8(q.int64(at: 5))), status: SessionStatus(compactCode: UInt8(q.int64(at: 6))),
                repository: q.string(at: 7), branch: q.string(at: 8), title: q.string(at: 9), prNumber: q.optionalInt64(at: 10),
                updatedAt: q.optionalInt64(at: 11).map(Timestamp.init(microseconds:)),
                metrics: Metrics(durationSeconds: q.optionalInt64(at: 12), tokenInput: q.optionalInt64(at: 13),
                                 tokenOutput: q.optionalInt64(at: 14), tokenTotal: q.optionalInt64(at: 15),
                                 estimatedCostUsd: q.optionalDouble(at: 16)),
                operatorAction: OperatorAction(compactCode: UInt8(q.int64(at: 17))),
                debugEnabled: q.optionalInt64(at: 18).map { $0 != 0 }))
        }
        return events
    }
}
