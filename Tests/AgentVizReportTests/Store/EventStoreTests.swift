import XCTest
@testable import AgentVizReport

final class EventStoreTests: XCTestCase {
    private var dir: StoreFixtures.Directory!

    override func setUpWithError() throws { dir = try StoreFixtures.Directory() }
    override func tearDown() { dir.remove() }

    // MARK: Round trip and order

    func testEveryFieldRoundTripsIncludingNilsAndEdgeValues() throws {
        let full = Event(
            schemaVersion: "1.2.3", eventId: "évènement-\u{1F600}", capturedAt: Timestamp(microseconds: -62_135_596_800_000_000),
            source: "gh-agent-viz", sessionId: "s\u{0}nul", sourceType: .agentTask, status: .failed,
            repository: "owner/repo", branch: "", title: "a \"title\"\nwith a newline",
            prNumber: Int64.max, updatedAt: Timestamp(microseconds: 253_402_300_799_999_999),
            metrics: Metrics(durationSeconds: 0, tokenInput: 1, tokenOutput: Int64.max, tokenTotal: 9_007_199_254_740_993,
                             estimatedCostUsd: 0.1 + 0.2),
            operatorAction: .resumeSession, debugEnabled: false)
        let bare = Event(
            eventId: "bare", capturedAt: Timestamp(microseconds: 0), sessionId: "s2",
            sourceType: .localCopilot, status: .unknown, operatorAction: .openPR)
        let tiny = Event(
            eventId: "tiny", capturedAt: Timestamp(microseconds: 1), sessionId: "s3", sourceType: .localCopilot,
            status: .queued, metrics: Metrics(estimatedCostUsd: .leastNonzeroMagnitude), operatorAction: .viewLogs, debugEnabled: true)
        let store = try EventStore(path: dir.path("events.sqlite"))
        XCTAssertEqual(try store.insert([full, bare, tiny]), InsertOutcome(inserted: 3))

        let back = try EventStore(path: dir.path("events.sqlite")).allEvents()
        XCTAssertEqual(back, [full, bare, tiny])
        // Byte for byte, not only up to Unicode equivalence.
        XCTAssertEqual(back.map(\.contentFingerprint), [full, bare, tiny].map(\.contentFingerprint))
        XCTAssertEqual(back[0].branch, "", "an empty string stays empty, not NULL")
        XCTAssertNil(back[1].branch)
    }

    func testForEachEventFollowsTimelineOrder() throws {
        let t: Int64 = 1_000_000
        let expected = [
            StoreFixtures.event("late-first", session: "A", capturedAt: t),                     // updatedAt absent: t
            StoreFixtures.event("x-upd-later", session: "A", capturedAt: t, updatedAt: t + 5),
            StoreFixtures.event("B", session: "A", capturedAt: t + 1),                           // "B" < "a" in bytes
            StoreFixtures.event("a", session: "A", capturedAt: t + 1),
            StoreFixtures.event("z", session: "A", capturedAt: t + 1, updatedAt: t + 1),         // same effective updatedAt
            StoreFixtures.event("\u{E9}", session: "A", capturedAt: t + 1),                      // 0xC3 0xA9 > "z"
            StoreFixtures.event("early", session: "B", capturedAt: t - 100),
            StoreFixtures.event("aa-updated-earlier", session: "B", capturedAt: t, updatedAt: t - 50),
            StoreFixtures.event("0-updated-later", session: "B", capturedAt: t, updatedAt: t + 50),
        ]
        let store = try EventStore(path: ":memory:")
        // Input order must not matter: insert shuffled, in two batches.
        var shuffled = expected
        shuffled.shuffle()
        _ = try store.insert(Array(shuffled[..<4]))
        _ = try store.insert(Array(shuffled[4...]))
        XCTAssertEqual(try store.allEvents().map(\.eventId), expected.map(\.eventId))
    }

    func testForEachEventStopsOnCallbackError() throws {
        struct Stop: Error {}
        let store = try EventStore(path: ":memory:")
        _ = try store.insert((0..<10).map { StoreFixtures.event("e\($0)") })
        var seen = 0
        XCTAssertThrowsError(try store.forEachEvent { _ in seen += 1; if seen == 3 { throw Stop() } }) {
            XCTAssertTrue($0 is Stop)
        }
        XCTAssertEqual(seen, 3)
        XCTAssertEqual(try store.allEvents().count, 10, "the store is usable after an aborted scan")
    }

    // MARK: Duplicates

    func testDuplicateWithinOneBatchKeepsTheFirst() throws {
        let store = try EventStore(path: ":memory:")
        let first = StoreFixtures.event("same", title: "first")
        let outcome = try store.insert([first, StoreFixtures.event("other"), StoreFixtures.event("same", title: "second"), first])
        XCTAssertEqual(outcome, InsertOutcome(inserted: 2, duplicates: 2, conflictingDuplicates: 1))
        XCTAssertEqual(try store.allEvents().first { $0.eventId == "same" }?.title, "first")
    }

    func testDuplicateAcrossBatchesAndConflicts() throws {
        let store = try EventStore(path: ":memory:")
        XCTAssertEqual(try store.insert([StoreFixtures.event("a"), StoreFixtures.event("b")]), InsertOutcome(inserted: 2))
        let outcome = try store.insert([StoreFixtures.event("a"), StoreFixtures.event("b", status: .failed), StoreFixtures.event("c")])
        XCTAssertEqual(outcome, InsertOutcome(inserted: 1, duplicates: 2, conflictingDuplicates: 1))
        XCTAssertEqual(try store.allEvents().first { $0.eventId == "b" }?.status, .running, "first wins")
        XCTAssertEqual(try store.eventCount(), 3)
    }

    func testDuplicatesAcrossReopenOfTheSameFile() throws {
        let path = dir.path("nested/dirs/events.sqlite")
        let events = (0..<500).map { StoreFixtures.event("event-\($0)", session: "s\($0 % 7)", capturedAt: Int64($0)) }
        do {
            let store = try EventStore(path: path)
            XCTAssertEqual(try store.insert(events), InsertOutcome(inserted: 500))
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: path), "parent directories are created")
        let store = try EventStore(path: path)
        var changed = events[17]
        changed.title = "changed"
        XCTAssertEqual(try store.insert(events + [changed]),
                       InsertOutcome(inserted: 0, duplicates: 501, conflictingDuplicates: 1))
        XCTAssertEqual(try store.eventCount(), 500)
    }

    func testIngestingTwiceEqualsIngestingOnce() throws {
        let events = (0..<2_000).map { (i: Int) -> Event in
            let updatedAt: Int64? = i % 3 == 0 ? nil : Int64(i)
            return StoreFixtures.event("id-\(i)", session: "s\(i % 13)", capturedAt: Int64(i * 7 % 101), updatedAt: updatedAt)
        }
        let once = try EventStore(path: dir.path("once.sqlite"))
        _ = try once.insert(events)
        let twice = try EventStore(path: dir.path("twice.sqlite"))
        _ = try twice.insert(events)
        XCTAssertEqual(try twice.insert(events.reversed()), InsertOutcome(inserted: 0, duplicates: 2_000))
        XCTAssertEqual(try twice.allEvents(), try once.allEvents())
    }

    func testEmptyBatch() throws {
        let store = try EventStore(path: ":memory:")
        XCTAssertEqual(try store.insert([]), InsertOutcome())
        XCTAssertEqual(try store.eventCount(), 0)
    }

    func testEventIdsAreComparedAsBytes() throws {
        // Canonically equivalent in Swift (`==`), but different bytes: two events.
        let composed = StoreFixtures.event("caf\u{E9}"), decomposed = StoreFixtures.event("cafe\u{301}")
        XCTAssertEqual(composed.eventId, decomposed.eventId)
        let store = try EventStore(path: ":memory:")
        XCTAssertEqual(try store.insert([composed, decomposed]), InsertOutcome(inserted: 2))
    }

    func testMemoryStoresAreIndependent() throws {
        let a = try EventStore(path: ":memory:"), b = try EventStore(path: ":memory:")
        _ = try a.insert([StoreFixtures.event("only-in-a")])
        XCTAssertEqual(try a.eventCount(), 1)
        XCTAssertEqual(try b.eventCount(), 0)
    }

    func testFailedBatchInsertsNothing() throws {
        let store = try EventStore(path: ":memory:")
        _ = try store.insert([StoreFixtures.event("kept")])
        try store.db.execute("CREATE TRIGGER refuse BEFORE INSERT ON event WHEN NEW.event_id = 'bad' BEGIN SELECT RAISE(ABORT, 'refused'); END")
        XCTAssertThrowsError(try store.insert([StoreFixtures.event("aaa"), StoreFixtures.event("bad"), StoreFixtures.event("zzz")])) { error in
            XCTAssertTrue(String(describing: error).contains("refused"), "\(error)")
        }
        XCTAssertEqual(try store.allEvents().map(\.eventId), ["kept"], "the whole batch rolled back")
        XCTAssertEqual(try store.insert([StoreFixtures.event("aaa")]), InsertOutcome(inserted: 1), "usable afterwards")
    }

    // MARK: Bookkeeping

    func testIngestCountersAccumulateAcrossRuns() throws {
        let path = dir.path("events.sqlite")
        let run1 = IngestCounters(linesRead: 12, eventsAccepted: 7, duplicates: 2, conflictingDuplicates: 1,
                                  rejectedByReason: [.malformedJSON: 2, .missingField: 1, .invalidField: 0], redactions: 4)
        let run2 = IngestCounters(linesRead: 9, eventsAccepted: 4, duplicates: 4,
                                  rejectedByReason: [.malformedJSON: 1], redactions: 0)
        do {
            let store = try EventStore(path: path)
            XCTAssertEqual(try store.ingestCounters(), IngestCounters())
            try store.addIngestCounters(run1)
        }
        let store = try EventStore(path: path)
        try store.addIngestCounters(run2)
        let total = try store.ingestCounters()
        XCTAssertEqual(total, IngestCounters(linesRead: 21, eventsAccepted: 11, duplicates: 6, conflictingDuplicates: 1,
                                             rejectedByReason: [.malformedJSON: 3, .missingField: 1], redactions: 4))
        XCTAssertEqual(total.rejected, 4)
        XCTAssertEqual(total.linesRead, total.eventsAccepted + total.duplicates + total.rejected)
    }

    func testUnknownCounterNameIsAnError() throws {
        let store = try EventStore(path: ":memory:")
        try store.db.execute("INSERT INTO ingest_counter (name, value) VALUES ('rejected.from-the-future', 1)")
        XCTAssertThrowsError(try store.ingestCounters()) {
            XCTAssertTrue(String(describing: $0).contains("rejected.from-the-future"), "\($0)")
        }
    }

    func testFileStateRoundTrip() throws {
        let path = dir.path("events.sqlite")
        let state = FileState(path: "/var/log/a b/events.ndjson", identity: "2049:131073", size: 1 << 40,
                              offset: 12_345, fingerprint: UInt64.max)
        do {
            let store = try EventStore(path: path)
            XCTAssertNil(try store.fileState(path: state.path))
            try store.saveFileState(state)
            try store.saveFileState(FileState(path: "/other", identity: "1:2", size: 0, offset: 0, fingerprint: 0))
        }
        let store = try EventStore(path: path)
        XCTAssertEqual(try store.fileState(path: state.path), state)
        var moved = state
        moved.offset = 99_999
        moved.fingerprint = 0x8000_0000_0000_0000
        try store.saveFileState(moved)
        XCTAssertEqual(try store.fileState(path: state.path), moved, "saving replaces")
        XCTAssertEqual(try store.fileState(path: "/other")?.identity, "1:2")
    }
}
