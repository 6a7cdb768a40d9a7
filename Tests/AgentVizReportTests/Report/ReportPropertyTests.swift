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
