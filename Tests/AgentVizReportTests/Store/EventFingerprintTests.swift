import XCTest
@testable import AgentVizReport

final class EventFingerprintTests: XCTestCase {
    private let base = Event(
        schemaVersion: "1.0", eventId: "e-1", capturedAt: Timestamp(seconds: 1_760_000_000), source: "gh-agent-viz",
        sessionId: "s-1", sourceType: .agentTask, status: .completed, repository: "o/r", branch: "main",
        title: "t", prNumber: 7, updatedAt: Timestamp(seconds: 1_760_000_001),
        metrics: Metrics(durationSeconds: 1, tokenInput: 2, tokenOutput: 3, tokenTotal: 5, estimatedCostUsd: 0.25),
        operatorAction: .openPR, debugEnabled: true)

    func testIsStableAcrossRunsAndPlatforms() {
        // Persisted by the store: this value must never change (that would need a migration).
        // Computed by a separate (Python) implementation of the encoding documented on
        // `contentFingerprint`.
        XCTAssertEqual(base.contentFingerprint, 0x05FB_2EB0_D710_3E23)
        XCTAssertEqual(base.contentFingerprint, base.contentFingerprint)
    }

    func testEveryFieldCounts() {
        let changes: [(String, (inout Event) -> Void)] = [
            ("schemaVersion", { $0.schemaVersion = "1.1" }), ("eventId", { $0.eventId = "e-2" }),
            ("capturedAt", { $0.capturedAt.microseconds += 1 }), ("source", { $0.source = nil }),
            ("sessionId", { $0.sessionId = "s-2" }), ("sourceType", { $0.sourceType = .localCopilot }),
            ("status", { $0.status = .failed }), ("repository", { $0.repository = nil }),
            ("branch", { $0.branch = "" }), ("title", { $0.title = nil }), ("prNumber", { $0.prNumber = 8 }),
            ("updatedAt", { $0.updatedAt = nil }), ("durationSeconds", { $0.metrics.durationSeconds = nil }),
            ("tokenInput", { $0.metrics.tokenInput = 0 }), ("tokenOutput", { $0.metrics.tokenOutput = 4 }),
            ("tokenTotal", { $0.metrics.tokenTotal = nil }), ("estimatedCostUsd", { $0.metrics.estimatedCostUsd = 0.26 }),
            ("operatorAction", { $0.operatorAction = .view }), ("debugEnabled", { $0.debugEnabled = false }),
            ("debugEnabled nil", { $0.debugEnabled = nil }),
        ]
        var seen: Set<UInt64> = [base.contentFingerprint]
        for (field, change) in changes {
            var changed = base
            change(&changed)
            XCTAssertTrue(seen.insert(changed.contentFingerprint).inserted, "\(field) changes the fingerprint")
        }
    }

    func testEncodingIsUnambiguous() {
        var a = base, b = base
        (a.repository, a.branch) = ("ab", "c")
        (b.repository, b.branch) = ("a", "bc")
        XCTAssertNotEqual(a.contentFingerprint, b.contentFingerprint, "strings are length-prefixed")
        (a.branch, a.title) = (nil, "x")
        (b.branch, b.title) = ("x", nil)
        XCTAssertNotEqual(a.contentFingerprint, b.contentFingerprint, "nil is marked")
    }

    func testEqualEventsHaveEqualFingerprints() {
        var plus = base, minus = base
        plus.metrics.estimatedCostUsd = 0.0
        minus.metrics.estimatedCostUsd = -0.0
        XCTAssertEqual(plus, minus)
        XCTAssertEqual(plus.contentFingerprint, minus.contentFingerprint)
    }
}

final class IngestCountersTests: XCTestCase {
    func testSumAndRejected() {
        var a = IngestCounters(linesRead: 3, eventsAccepted: 1, duplicates: 1, rejectedByReason: [.lineTooLong: 2], redactions: 1)
        let b = IngestCounters(linesRead: 2, eventsAccepted: 1, conflictingDuplicates: 1,
                               rejectedByReason: [.lineTooLong: 1, .invalidField: 0], redactions: 2)
        XCTAssertEqual(a.rejected, 2)
        XCTAssertEqual((a + b).rejectedByReason, [.lineTooLong: 3, .invalidField: 0])
        a += b
        XCTAssertEqual(a, IngestCounters(linesRead: 5, eventsAccepted: 2, duplicates: 1, conflictingDuplicates: 1,
                                         rejectedByReason: [.lineTooLong: 3, .invalidField: 0], redactions: 3))
        XCTAssertEqual(a.rejected, 3)
    }
}
