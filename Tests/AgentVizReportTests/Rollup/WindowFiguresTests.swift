import XCTest
@testable import AgentVizReport

/// Hand-computed expectations for ANALYTICS.md sections 3 and 4.
final class WindowFiguresTests: XCTestCase {
    func week(_ lines: [EventLine], _ label: String, tz: String = "UTC") throws -> Report {
        try ReportHarness.report(lines, .week(label), tz: tz)
    }

    /// Sums over sessions never wrap: each counter fits 64 bits, their sum may not.
    func testHugeCountersAndCostsSumExactly() throws {
        let lines = (0..<3).map { i in
            EventLine("o\(i)", "s\(i)", "2026-11-17T01:00:00Z").with { $0.tokens = (5_000_000_000_000_000_000, 0); $0.cost = 5e9 }
        }
        let r = try week(lines, "2026-W47")
        XCTAssertEqual(r.totals.usage.tokenInput, 15_000_000_000_000_000_000)
        XCTAssertEqual(r.totals.usage.tokenTotal, 15_000_000_000_000_000_000)
        XCTAssertEqual(r.totals.usage.estimatedCostUsd, 1.5e10)
        XCTAssertTrue(ReportHarness.json(r).contains("\"tokenInput\": 15000000000000000000"))
        let one = try week([EventLine("c", "s", "2026-11-17T01:00:00Z").with { $0.cost = 1e10 }], "2026-W47")
        XCTAssertEqual(one.totals.usage.estimatedCostUsd, 1e10)
        XCTAssertTrue(MarkdownReportRenderer().render(r).contains("$15,000,000,000.00"))
    }

    /// A cost lower than an earlier one is a regression even below a nano-dollar.
    /// Costs are compared as kept, in nano-dollars (ANALYTICS.md section 3).
    func testSubNanoCostDropIsNoRegression() throws {
        let lines = [
            EventLine("k1", "s", "2026-11-17T01:00:00Z").with { $0.cost = 0.30000000000000004 },
            EventLine("k2", "s", "2026-11-17T02:00:00Z").with { $0.cost = 0.3 },
        ]
        let r = try week(lines, "2026-W47")
        XCTAssertEqual(r.input.metricRegressions, 0)
        XCTAssertEqual(r.totals.usage.estimatedCostUsd, 0.3)
    }

    func testFigureTableListsEveryFigureInReportOrder() {
        var f = WindowFigures()
        f.activeSessions = 3
        XCTAssertEqual(f.values.map(\.name), WindowFigures.allNames)
        for (name, value) in f.values { XCTAssertEqual(value, f.value(name), name) }
        XCTAssertEqual(FigureValue.count(Int128(Int64.max) * 4).number, Double(Int64.max) * 4)
    }

    /// Repositories that differ only in Unicode normalization are two repositories.
    func testRepositoriesGroupByBytes() throws {
        let lines = [
            EventLine("a", "s1", "2026-11-17T01:00:00Z").with { $0.repository = "o/caf\u{e9}" },
            EventLine("b", "s2", "2026-11-17T02:00:00Z").with { $0.repository = "o/cafe\u{301}" },
        ]
        let r = try week(lines, "2026-W47")
        XCTAssertEqual(r.byRepository.count, 2)
        XCTAssertEqual(r.byRepository.map(\.figures.activeSessions), [1, 1])
    }

    /// Ids are bytes: canonically equivalent spellings are different sessions and events,
    /// through the input path and through the store alike.
    func testCanonicallyEquivalentIdsStayDistinct() throws {
        let lines = [
            EventLine("\u{e9}", "s\u{e9}", "2026-11-17T10:00:00Z"),
            EventLine("e\u{301}", "se\u{301}", "2026-11-17T11:00:00Z"),
        ]
        let viaInput = try week(lines, "2026-W47")
        XCTAssertEqual(viaInput.totals.activeSessions, 2)
        XCTAssertEqual(viaInput.input.counters.duplicates, 0)
        let store = try EventStore(path: ":memory:")
        try store.ingest(lines.map(\.json))
        let viaStore = try ReportSource.store(store).report(ReportHarness.request(.week("2026-W47")))
        XCTAssertEqual(viaStore.totals.activeSessions, 2)
    }

    func testSessionCrossingAWeekBoundarySplitsUsageByCounterDeltas() throws {
        let lines = [
            EventLine("a1", "s1", "2026-11-22T23:00:00Z").with { $0.tokens = (80, 20); $0.cost = 1.0; $0.duration = 60 },
            EventLine("a2", "s1", "2026-11-23T01:00:00Z", "completed").with { $0.tokens = (240, 60); $0.cost = 3.25; $0.duration = 7260 },
        ]
        let w47 = try week(lines, "2026-W47").totals
        XCTAssertEqual(w47.usage.tokenTotal, 100)
        XCTAssertEqual(w47.usage.tokenInput, 80)
        XCTAssertEqual(w47.usage.estimatedCostUsd, 1.0)
        XCTAssertEqual(w47.usage.durationSeconds, 60)
        XCTAssertEqual([w47.activeSessions, w47.startedSessions, w47.completedSessions], [1, 1, 0])
        let w48 = try week(lines, "2026-W48").totals
        XCTAssertEqual(w48.usage.tokenTotal, 200)
        XCTAssertEqual(w48.usage.estimatedCostUsd, 2.25)
        XCTAssertEqual(w48.usage.durationSeconds, 7200)
        XCTAssertEqual([w48.activeSessions, w48.startedSessions, w48.completedSessions], [1, 0, 1])
    }

    func testFailResumeCompleteInOneWeek() throws {
        let lines = [
            EventLine("b1", "s1", "2026-11-17T10:00:00Z", "queued"),
            EventLine("b2", "s1", "2026-11-17T10:10:00Z", "failed"),
            EventLine("b3", "s1", "2026-11-17T10:20:00Z", "running").with { $0.action = "resume_session" },
            EventLine("b4", "s1", "2026-11-17T10:30:00Z", "completed"),
        ]
        let r = try week(lines, "2026-W47")
        XCTAssertEqual(r.totals.failedSessions, 1)
        XCTAssertEqual(r.totals.completedSessions, 1)
        XCTAssertEqual(r.totals.failureRate, 0.5)
        XCTAssertEqual(r.totals.resumes, 1)
    }

    func testFailThenCompleteAcrossWeeksCountsEachInItsOwnWeek() throws {
        let lines = [
            EventLine("c1", "s1", "2026-11-20T10:00:00Z", "failed"),
            EventLine("c2", "s1", "2026-11-24T10:00:00Z", "running"),
            EventLine("c3", "s1", "2026-11-24T11:00:00Z", "completed"),
        ]
        let w47 = try week(lines, "2026-W47").totals
        XCTAssertEqual([w47.failedSessions, w47.completedSessions], [1, 0])
        XCTAssertEqual(w47.failureRate, 1.0)
        let w48 = try week(lines, "2026-W48").totals
        XCTAssertEqual([w48.failedSessions, w48.completedSessions], [0, 1])
        XCTAssertEqual(w48.failureRate, 0.0)
    }

    func testRepeatedFailedSnapshotsAreOneFailure() throws {
        let lines = [
            EventLine("d1", "s1", "2026-11-17T10:00:00Z", "failed"),
            EventLine("d2", "s1", "2026-11-17T10:05:00Z", "failed"),
            EventLine("d3", "s2", "2026-11-17T10:00:00Z", "failed"),
            EventLine("d4", "s2", "2026-11-17T10:05:00Z", "running"),
            EventLine("d5", "s2", "2026-11-17T10:09:00Z", "failed"),
        ]
        let r = try week(lines, "2026-W47").totals
        XCTAssertEqual(r.failedSessions, 2)
    }

    func testAFailureJustBeforeTheWindowIsNotCountedAgainInside() throws {
        let lines = [
            EventLine("f1", "s1", "2026-11-15T23:59:59Z", "failed"),
            EventLine("f2", "s1", "2026-11-16T00:00:00Z", "failed"),
        ]
        let r = try week(lines, "2026-W47").totals
        XCTAssertEqual(r.failedSessions, 0, "the previous event in timeline order was already failed")
        XCTAssertEqual(r.activeSessions, 1)
        XCTAssertEqual(r.failureRate, nil)
    }

    func testMetricRegressionsAreCountedAndNeverNegative() throws {
        let lines = [
            EventLine("g1", "s1", "2026-11-17T10:00:00Z").with { $0.tokens = (80, 20) },
            EventLine("g2", "s1", "2026-11-17T11:00:00Z").with { $0.tokens = (40, 10) },
            EventLine("g3", "s1", "2026-11-24T11:00:00Z").with { $0.tokens = (60, 15) },
        ]
        let w47 = try week(lines, "2026-W47")
        XCTAssertEqual(w47.totals.usage.tokenTotal, 100)
        XCTAssertEqual(w47.input.metricRegressions, 6, "input, output and total, in two events")
        XCTAssertEqual(try week(lines, "2026-W48").totals.usage.tokenTotal, 0)
    }

    func testRepositoryAsOfTheEndAndCarriedForward() throws {
        let lines = [
            EventLine("h1", "s1", "2026-11-17T10:00:00Z").with { $0.repository = "acme/x"; $0.cost = 1 },
            EventLine("h2", "s1", "2026-11-18T10:00:00Z").with { $0.repository = "acme/y"; $0.cost = 2 },
            EventLine("h3", "s1", "2026-11-19T10:00:00Z").with { $0.repository = nil; $0.cost = 3 },
            EventLine("h4", "s1", "2026-11-24T10:00:00Z").with { $0.repository = "acme/z"; $0.cost = 4 },
            EventLine("h5", "s2", "2026-11-18T10:00:00Z").with { $0.repository = nil },
        ]
        let r = try week(lines, "2026-W47")
        XCTAssertEqual(r.byRepository.map(\.key), ["acme/y", nil])
        XCTAssertEqual(r.byRepository.first?.figures.usage.estimatedCostUsd, 3)
        XCTAssertEqual(r.totals.sessionsWithoutRepository, 1)
    }

    func testSameCapturedAtTiesBrokenByUpdatedAtThenEventIdBytes() throws {
        let at = "2026-11-17T10:00:00Z"
        let byUpdated = [
            EventLine("z", "s1", at, "completed").with { $0.updatedAt = "2026-11-17T09:00:00Z" },
            EventLine("a", "s1", at, "failed").with { $0.updatedAt = "2026-11-17T09:30:00Z" },
        ]
        let r1 = try week(byUpdated, "2026-W47")
        XCTAssertEqual(r1.topSessions.first?.status, .failed, "later updatedAt is later in the timeline")
        let byId = [
            EventLine("e-a", "s1", at, "completed"),
            EventLine("e-Z", "s1", at, "failed"),
        ]
        let r2 = try week(byId, "2026-W47")
        XCTAssertEqual(r2.topSessions.first?.status, .completed, "'e-a' sorts after 'e-Z' in byte order")
        XCTAssertEqual(r2.totals.failedSessions, 1)
        XCTAssertEqual(r2.totals.completedSessions, 1)
    }

    func testOffsetsNearAWeekBoundary() throws {
        let lines = [
            EventLine("o1", "s1", "2026-11-22T23:30:00-01:00"),  // 2026-11-23T00:30Z: W48
            EventLine("o2", "s2", "2026-11-23T00:30:00+01:00"),  // 2026-11-22T23:30Z: W47
        ]
        XCTAssertEqual(try week(lines, "2026-W47").topSessions.map(\.sessionId), ["s2"])
        XCTAssertEqual(try week(lines, "2026-W48").topSessions.map(\.sessionId), ["s1"])
    }

    func testNonUTCZoneAcrossDaylightSavingChange() throws {
        // Berlin leaves summer time on 2026-10-25: W43 there is [2026-10-18T22:00Z, 2026-10-25T23:00Z).
        let lines = [
            EventLine("t1", "s1", "2026-10-18T22:30:00Z"),  // Berlin Mon 00:30: W43; UTC Sunday: W42
            EventLine("t2", "s2", "2026-10-25T22:30:00Z"),  // Berlin Sun 23:30: W43; UTC: W43
            EventLine("t3", "s3", "2026-10-25T23:30:00Z"),  // Berlin Mon 00:30: W44; UTC Sunday: W43
        ]
        let berlin = try week(lines, "2026-W43", tz: "Europe/Berlin")
        XCTAssertEqual(berlin.period.start, .at("2026-10-18T22:00:00Z"))
        XCTAssertEqual(berlin.period.end, .at("2026-10-25T23:00:00Z"))
        XCTAssertEqual(berlin.topSessions.map(\.sessionId), ["s1", "s2"])
        XCTAssertEqual(try week(lines, "2026-W43").topSessions.map(\.sessionId), ["s2", "s3"])
    }

    func testISOWeek53Of2026AndWeek1Of2027() throws {
        let lines = [
            EventLine("w1", "s1", "2026-12-31T12:00:00Z"),
            EventLine("w2", "s2", "2027-01-03T23:59:59Z"),
            EventLine("w3", "s3", "2027-01-04T00:00:00Z"),
        ]
        let w53 = try week(lines, "2026-W53")
        XCTAssertEqual(w53.period.start, .at("2026-12-28T00:00:00Z"))
        XCTAssertEqual(w53.totals.activeSessions, 2)
        let w1 = try week(lines, "2027-W01")
        XCTAssertEqual(w1.totals.activeSessions, 1)
        XCTAssertEqual(w1.previousPeriod.label, "2026-W53")
    }

    func testEmptyWindowGivesZerosAndNullRatios() throws {
        let r = try week([EventLine("x", "s1", "2026-11-17T10:00:00Z")], "2026-W30")
        XCTAssertEqual(r.totals, WindowFigures())
        XCTAssertNil(r.totals.failureRate)
        XCTAssertEqual(r.change["estimatedCostUsd"], .some(nil))
        XCTAssertEqual(r.byRepository, [])
        let json = ReportHarness.json(r)
        XCTAssertTrue(json.contains("\"failureRate\": null"))
    }

    func testStartedMeansTheFirstEventEverIsInTheWindow() throws {
        let lines = [
            EventLine("s1a", "s1", "2026-11-10T10:00:00Z"),
            EventLine("s1b", "s1", "2026-11-17T10:00:00Z"),
            EventLine("s2a", "s2", "2026-11-18T10:00:00Z"),
        ]
        let r = try week(lines, "2026-W47").totals
        XCTAssertEqual([r.activeSessions, r.startedSessions, r.events], [2, 1, 2])
    }
}
