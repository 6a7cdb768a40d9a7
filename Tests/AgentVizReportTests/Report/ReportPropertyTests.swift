import Foundation
import XCTest
@testable import AgentVizReport

/// Properties on generated history (the shared generator, a few thousand events).
final class ReportPropertyTests: XCTestCase {
    static let sample = TestFiles.fixture("sample-history.ndjson")
    static let weeks = (41...47).map { String(format: "2026-W%02d", $0) }

    func loadEvents(_ path: String) throws -> [Event] {
        try PlainOracle.read([.file(path)]).events
    }

    func testRollupMatchesThePlainReferenceFigureByFigure() throws {
        let events = try loadEvents(Self.sample)
        for label in Self.weeks {
            let report = try ReportHarness.report(try String(contentsOfFile: Self.sample, encoding: .utf8)
                .split(separator: "\n").map(String.init), .week(label))
            XCTAssertEqual(report.totals, ReferenceRollup.figures(events, report.period), label)
            for point in report.series {
                XCTAssertEqual(point.figures, ReferenceRollup.figures(events, point.window), point.window.label)
            }
        }
    }

    /// History with the 1.x cost fields (`gen_events.py --v11 --seed 11 --events 4000`):
    /// reported, computed, unpriced (no model, a model the table lacks) and zero costs.
    func testCostFiguresMatchThePlainReferenceOnVersion11History() throws {
        let path = TestFiles.fixture("sample-history-v11.ndjson")
        let events = try loadEvents(path)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        var seen = (computed: false, unpriced: false, zero: false, credits: false)
        for week in 41...52 {
            let label = String(format: "2026-W%02d", week)
            let report = try ReportHarness.report(lines, .week(label))
            let expected = ReferenceRollup.figures(events, report.period)
            XCTAssertEqual(report.totals.usage, expected.usage, label)
            XCTAssertEqual(report.totals.costReportedNanos, expected.costReportedNanos, label)
            XCTAssertEqual(report.totals.costComputedNanos, expected.costComputedNanos, label)
            XCTAssertEqual(report.totals.unpricedSessions, expected.unpricedSessions, label)
            XCTAssertEqual(report.totals.zeroCostSessions, expected.zeroCostSessions, label)
            XCTAssertEqual(report.totals.aiCreditsNanos, expected.aiCreditsNanos, label)
            XCTAssertEqual(report.totals.costReportedNanos + report.totals.costComputedNanos, report.totals.usage.costNanos, label)
            seen.computed = seen.computed || expected.costComputedNanos > 0
            seen.unpriced = seen.unpriced || expected.unpricedSessions > 0
            seen.zero = seen.zero || expected.zeroCostSessions > 0
            seen.credits = seen.credits || expected.aiCreditsNanos != expected.usage.costNanos * 100
        }
        // The fixture exercises every branch of section 7.
        XCTAssertTrue(seen.computed && seen.unpriced && seen.zero && seen.credits, "\(seen)")
    }

    func testShuffledLinesGiveTheSameReport() throws {
        let lines = try String(contentsOfFile: Self.sample, encoding: .utf8).split(separator: "\n").map(String.init)
        // Duplicated lines make "first wins" order-dependent only for conflicting copies; the
        // generator's duplicates are byte-identical, so any order gives the same events.
        var rng = SplitMix(seed: 42)
        let shuffled = lines.shuffled(using: &rng)
        let a = ReportHarness.json(try ReportHarness.report(lines, .week("2026-W44")))
        let b = ReportHarness.json(try ReportHarness.report(shuffled, .week("2026-W44")))
        XCTAssertEqual(a, b)
    }

    func testConsecutiveWeeksAddUpToTheWholeRange() throws {
        let lines = try String(contentsOfFile: Self.sample, encoding: .utf8).split(separator: "\n").map(String.init)
        var sum = WindowFigures()
        for label in ["2026-W40"] + Self.weeks + ["2026-W48"] {
            let totals = try ReportHarness.report(lines, .week(label), series: 1).totals
            sum.usage += totals.usage
            sum.events += totals.events
            sum.startedSessions += totals.startedSessions
        }
        let whole = try ReportHarness.report(lines, .range(since: "2026-09-28", until: "2026-11-30"), series: 1).totals
        XCTAssertEqual(sum.usage, whole.usage)
        XCTAssertEqual(sum.events, whole.events)
        XCTAssertEqual(sum.startedSessions, whole.startedSessions)
        XCTAssertEqual(whole.startedSessions, whole.activeSessions, "every session starts inside the whole range")
        XCTAssertGreaterThan(whole.usage.tokenTotal, 0)
    }

    func testInputAndStoreGiveTheSameReportAndIngestingTwiceEqualsOnce() throws {
        let request = try ReportHarness.request(.week("2026-W45"))
        let viaInput = ReportHarness.json(try ReportSource.input([.file(Self.sample)]).report(request))
        let db = TestFiles.directory().appendingPathComponent("store.sqlite").path
        let job = IngestJob(sources: [.file(Self.sample)], databasePath: db)
        _ = try job.run { _ in }
        let viaStore = ReportHarness.json(try ReportSource.store(try EventStore(path: db)).report(request))
        XCTAssertEqual(viaInput, viaStore)
        var full = job
        full.readEverything = true
        let second = try full.run { _ in }
        XCTAssertEqual(second.eventsAccepted, 0)
        XCTAssertEqual(second.duplicates, second.linesRead - second.rejected)
        let store = try EventStore(path: db)
        let twice = try ReportSource.store(store).report(request)
        let once = try ReportSource.input([.file(Self.sample)]).report(request)
        XCTAssertEqual(twice.totals, once.totals)
        XCTAssertEqual(twice.series.map(\.figures), once.series.map(\.figures))
        XCTAssertEqual(try store.eventCount(), once.input.counters.eventsAccepted)
    }
}
