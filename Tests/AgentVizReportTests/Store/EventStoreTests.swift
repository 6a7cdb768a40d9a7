import XCTest
@testable import AgentVizReport

final class EventStoreTests: XCTestCase {
    private var dir: StoreFixtures.Directory!

    override func setUpWithError() throws { dir = try StoreFixtures.Directory() }
    override func tearDown() { dir.remove() }

    // MARK: Round trip

    func testEveryFieldRoundTripsIncludingNilsAndEdgeValues() throws {
        let full = #"{"schemaVersion":"1.2.3","eventId":"évènement-😀","capturedAt":"0001-01-01T00:00:00Z","source":"gh-agent-viz","session":{"id":"s\u0000nul","sourceType":"agent-task","status":"failed","repository":"owner/repo","branch":"","title":"a \"title\"\nwith a newline","prNumber":9223372036854775807,"updatedAt":"9999-12-31T23:59:59.999999Z"},"metrics":{"durationSeconds":0,"tokenInput":1,"tokenOutput":9223372036854775806,"tokenTotal":9007199254740993,"estimatedCostUsd":0.30000000000000004},"metadata":{"operatorAction":"resume_session","debugEnabled":false}}"#
        let bare = #"{"schemaVersion":"1.0","eventId":"bare","capturedAt":"1970-01-01T00:00:00Z","session":{"id":"s2","sourceType":"local-copilot","status":"unknown"},"metadata":{"operatorAction":"open_pr"}}"#
        let tiny = #"{"schemaVersion":"1.0","eventId":"tiny","capturedAt":"1970-01-01T00:00:00.000001Z","session":{"id":"s3","sourceType":"local-copilot","status":"queued"},"metrics":{"estimatedCostUsd":5e-324},"metadata":{"operatorAction":"view_logs","debugEnabled":true}}"#
        let store = try EventStore(path: dir.path("events.sqlite"))
        XCTAssertEqual(try store.ingest([full, bare, tiny]).eventsAccepted, 3)

        let back = try EventStore(path: dir.path("events.sqlite")).allEvents()
        let decoded = try [full, bare, tiny].map { try EventDecoder.decode($0).get() }
        XCTAssertEqual(back, decoded)
        // Byte for byte, not only up to Unicode equivalence.
        XCTAssertEqual(back.map(\.contentFingerprint), decoded.map(\.contentFingerprint))
        XCTAssertEqual(back[0].branch, "", "an empty string stays empty, not NULL")
        XCTAssertNil(back[1].branch)
    }

    func testReportsReadTheTimelineOrderWhateverTheInsertionOrder() throws {
        let lines = [
            StoreFixtures.line("late-first", session: "A", at: "2026-11-16T10:00:00Z", status: "failed"),
            StoreFixtures.line("x-upd-later", session: "A", at: "2026-11-16T10:00:00Z", updatedAt: "2026-11-16T10:00:05Z", status: "completed"),
            StoreFixtures.line("B", session: "A", at: "2026-11-16T10:00:01Z", status: "failed"),  // "B" < "a" in bytes
            StoreFixtures.line("a", session: "A", at: "2026-11-16T10:00:01Z", status: "completed"),
            StoreFixtures.line("\u{E9}", session: "A", at: "2026-11-16T10:00:01Z", status: "failed"),
            StoreFixtures.line("early", session: "B", at: "2026-11-16T09:00:00Z", status: "failed"),
            StoreFixtures.line("aa-updated-earlier", session: "B", at: "2026-11-16T10:00:00Z", updatedAt: "2026-11-16T09:59:00Z", status: "completed"),
            StoreFixtures.line("0-updated-later", session: "B", at: "2026-11-16T10:00:00Z", updatedAt: "2026-11-16T10:01:00Z", status: "failed"),
        ]
        let request = try ReportHarness.request(.week("2026-W47"))
        let path = TestFiles.write(lines, to: dir.url.appendingPathComponent("ordered.ndjson"))
        let expected = ReportHarness.json(try PlainOracle.report([.file(path)], request).0)
        var rng = SplitMix(seed: 7)
        for round in 0..<5 {
            let store = try EventStore(path: ":memory:")
            let shuffled = lines.shuffled(using: &rng)
            try store.ingest(Array(shuffled[..<4]))
            try store.ingest(Array(shuffled[4...]))
            var report = try ReportSource.store(store).report(request)
            report.input = try PlainOracle.report([.file(path)], request).0.input
            XCTAssertEqual(ReportHarness.json(report), expected, "round \(round)")
        }
    }

    // MARK: Duplicates

    func testDuplicatesWithinOneRunKeepTheFirst() throws {
        let store = try EventStore(path: ":memory:")
        let first = StoreFixtures.line("same", title: "first")
        let c = try store.ingest([first, StoreFixtures.line("other"), StoreFixtures.line("same", title: "second"), first])
        XCTAssertEqual([c.eventsAccepted, c.duplicates, c.conflictingDuplicates], [2, 2, 1])
        XCTAssertEqual(try store.allEvents().first { $0.eventId == "same" }?.title, "first")
    }

    func testDuplicatesAcrossRunsAndReopensAndConflicts() throws {
        let path = dir.path("events.sqlite")
        let lines = (0..<500).map { StoreFixtures.line("e\($0)", session: "s\($0 % 7)") }
        XCTAssertEqual(try EventStore(path: path).ingest(lines).eventsAccepted, 500)
        let store = try EventStore(path: path)
        let changed = StoreFixtures.line("e42", session: "s0", status: "failed")
        let c = try store.ingest(lines + [changed, StoreFixtures.line("new")])
        XCTAssertEqual([c.eventsAccepted, c.duplicates, c.conflictingDuplicates], [1, 501, 1])
        XCTAssertEqual(try store.eventCount(), 501)
    }

    func testIngestingTwiceEqualsIngestingOnceWhateverTheChunks() throws {
        let lines = try String(contentsOfFile: TestFiles.fixture("sample-history.ndjson"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let once = try EventStore(path: dir.path("once.sqlite"))
        try once.ingest(lines)
        let twice = try EventStore(path: dir.path("twice.sqlite"))
        try twice.ingest(lines, chunkBytes: 10_000)
        let again = try twice.ingest(lines.reversed(), chunkBytes: 777)
        XCTAssertEqual(again.eventsAccepted, 0)
        XCTAssertEqual(again.duplicates, lines.count)
        XCTAssertEqual(try once.allEvents(), try twice.allEvents())
    }

    func testEventIdsAreComparedAsBytes() throws {
        let store = try EventStore(path: ":memory:")
        XCTAssertEqual(try store.ingest([StoreFixtures.line("\u{e9}"), StoreFixtures.line("e\u{301}")]).eventsAccepted, 2)
        XCTAssertEqual(try store.ingest([StoreFixtures.line("e\u{301}")]).duplicates, 1)
    }

    /// Two ids under one stored hash are two events: the hash only finds candidates.
    func testAStoredRowWithTheSameHashButAnotherIdIsNotADuplicate() throws {
        let store = try EventStore(path: ":memory:")
        try store.ingest([StoreFixtures.line("seed")])
        // Forge a row whose id_hash is that of "victim" but whose id is not.
        try store.db.execute("""
            INSERT INTO event (session, captured_at, event_id, id_hash, fingerprint, status, source_type,
                               operator_action, schema_version)
            SELECT session, captured_at, 'impostor', \(Int64(bitPattern: FNV1a64.hash("victim"))), 0, status,
                   source_type, operator_action, schema_version FROM event LIMIT 1
            """)
        let c = try store.ingest([StoreFixtures.line("victim"), StoreFixtures.line("victim")])
        XCTAssertEqual([c.eventsAccepted, c.duplicates, c.conflictingDuplicates], [1, 1, 0], "victim is new, once")
        XCTAssertEqual(try store.allEvents().map(\.eventId), ["seed", "impostor", "victim"])
    }

    func testMemoryStoresAreIndependent() throws {
        let a = try EventStore(path: ":memory:"), b = try EventStore(path: ":memory:")
        try a.ingest([StoreFixtures.line("only-in-a")])
        XCTAssertEqual(try b.eventCount(), 0)
    }

    // MARK: Bookkeeping

    func testIngestCountersAccumulateAcrossRuns() throws {
        let path = dir.path("events.sqlite")
        let run1 = ["{", StoreFixtures.line("a"), StoreFixtures.line("a"), #"{"schemaVersion":"1.0"}"#]
        let run2 = [StoreFixtures.line("b"), StoreFixtures.line("a", title: "changed"), "[1]"]
        try EventStore(path: path).ingest(run1)
        let store = try EventStore(path: path)
        try store.ingest(run2)
        let total = try store.ingestCounters()
        XCTAssertEqual(total, IngestCounters(linesRead: 7, eventsAccepted: 2, duplicates: 2, conflictingDuplicates: 1,
                                             rejectedByReason: [.malformedJSON: 2, .missingField: 1]))
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
                              offset: 12_345, fingerprint: UInt64.max, lines: 7,
                              tail: FileState.Tail(bytes: 30, outcome: "malformed-json"))
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
        moved.tail = nil
        moved.fingerprint = 0x8000_0000_0000_0000
        try store.saveFileState(moved)
        XCTAssertEqual(try store.fileState(path: state.path), moved, "saving replaces")
        XCTAssertEqual(try store.fileState(path: "/other")?.identity, "1:2")
    }
}
