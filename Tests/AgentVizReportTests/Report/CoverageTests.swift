import Foundation
import XCTest
@testable import AgentVizReport

/// ANALYTICS.md section 4, "Coverage": a previous period the history does not cover from
/// its start is no baseline: every change is null, period rules see null, Markdown says so.
final class CoverageTests: XCTestCase {
    /// History starting on a Thursday (2026-11-12): the next week's previous week is partial.
    let lines = [
        EventLine("t1", "s1", "2026-11-12T09:00:00Z").with { $0.cost = 12; $0.tokens = (100, 10) },
        EventLine("t2", "s2", "2026-11-18T09:00:00Z").with { $0.cost = 40; $0.tokens = (900, 90) },
    ]

    func testAPartlyCoveredPreviousPeriodMakesEveryChangeNullAndNoPeriodFinding() throws {
        let rules = try RuleSources.load(files: [], includeDefault: true)
        let report = try ReportHarness.report(lines, .week("2026-W47"), rules: rules)
        XCTAssertFalse(report.previousCovered)
        XCTAssertEqual(report.coverage.firstEventAt, Timestamp.at("2026-11-12T09:00:00Z"))
        XCTAssertEqual(report.coverage.lastEventAt, Timestamp.at("2026-11-18T09:00:00Z"))
        XCTAssertEqual(report.previous.usage.estimatedCostUsd, 12, "previous figures are still reported as they are")
        XCTAssertTrue(report.change.values.allSatisfy { $0 == nil }, "\(report.change)")
        // No comparison rule fires; the history does end on Wednesday, which stale-data says.
        XCTAssertEqual(report.findings.filter { $0.finding.scope == .period }.map(\.finding.ruleId), ["stale-data"])
        let json = ReportHarness.json(report)
        XCTAssertTrue(json.contains(#""previousPeriodCovered": false"#), json)
        XCTAssertTrue(json.contains(#""estimatedCostUsd": null"#), "change.estimatedCostUsd is null")
        let markdown = MarkdownReportRenderer().render(report)
        XCTAssertTrue(markdown.contains("so changes are not comparable"), markdown)
        XCTAssertTrue(markdown.contains("| not comparable |"), markdown)
    }

    func testACoveredPreviousPeriodCompares() throws {
        let covered = [EventLine("t0", "s0", "2026-11-09T00:00:00Z")] + lines
        let report = try ReportHarness.report(covered, .week("2026-W47"))
        XCTAssertTrue(report.previousCovered)
        XCTAssertEqual(try XCTUnwrap(report.change["estimatedCostUsd"] ?? nil), (40 - 12) / 12.0, accuracy: 1e-12)
    }

    func testAnEmptyHistoryCoversNothing() throws {
        let report = try ReportHarness.report([String](), .week("2026-W47"))
        XCTAssertNil(report.coverage.firstEventAt)
        XCTAssertFalse(report.coverage.covers(report.period))
        XCTAssertTrue(ReportHarness.json(report).contains(#""firstEventAt": null"#))
    }
}
