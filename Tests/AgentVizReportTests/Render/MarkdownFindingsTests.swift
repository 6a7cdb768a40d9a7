import XCTest
@testable import AgentVizReport

final class MarkdownFindingsTests: XCTestCase {
    /// Twelve stuck sessions: Markdown lists the rule once among the actions, shows the first
    /// five under its heading and says how many more; JSON has all.
    func testMarkdownGroupsFindingsPerRuleAndCountsTheRest() throws {
        let lines = (1...12).map { n in
            EventLine("e\(n)", "s\(n)", "2026-11-16T0\(n % 10):00:00Z", "running")
        }
        let rules = try RuleSources.load(files: [], includeDefault: true)
        let report = try ReportHarness.report(lines, .week("2026-W47"), rules: rules)
        XCTAssertEqual(report.findings.filter { $0.finding.ruleId == "stuck-session" }.count, 12)
        let md = MarkdownReportRenderer().render(report)
        let sections = md.components(separatedBy: "### `stuck-session` (low, 12 findings)")
        XCTAssertEqual(sections.count, 2, md)
        let section = sections[1].components(separatedBy: "\n### ")[0].components(separatedBy: "\n## ")[0]
        XCTAssertEqual(section.split(separator: "\n").filter { $0.hasPrefix("- **Session ") }.count, 5)
        XCTAssertTrue(section.contains("- … and 7 more `stuck-session` findings (all of them are in the JSON report)"), section)
        XCTAssertTrue(md.contains("`stuck-session`: Session s1 is running with no event for"), "an action line")
        XCTAssertTrue(md.contains("(and 11 more like it)"), md)
        // The actions and tables come before the long list.
        XCTAssertLessThan(md.range(of: "## Do these first")!.lowerBound, md.range(of: "## Top repositories by cost")!.lowerBound)
        XCTAssertLessThan(md.range(of: "## Top repositories by cost")!.lowerBound, md.range(of: "## Findings by rule")!.lowerBound)
        XCTAssertEqual(ReportHarness.json(report).components(separatedBy: "\"ruleId\": \"stuck-session\"").count - 1, 12 + 1,
                       "every finding, and the rule's line in summary.byRule")
    }

    func testSummaryCountsFindingsBySeverityAndStatusAndAddsTheSavings() throws {
        let lines = [
            EventLine("a", "s1", "2026-11-17T09:00:00Z", "failed").with { $0.tokens = (1_500_000, 0); $0.cost = 9 },
            EventLine("b", "s2", "2026-11-22T22:00:00Z", "completed").with { $0.tokens = (10, 0); $0.cost = 0.01 },
        ]
        let rules = try RuleSources.load(files: [], includeDefault: true)
        let report = try ReportHarness.report(lines, .week("2026-W47"), rules: rules)
        let s = report.findingSummary
        XCTAssertEqual(s.findings, report.findings.count)
        XCTAssertEqual(s.bySeverity.values.reduce(0, +), s.findings)
        XCTAssertEqual(s.new + s.persisting, s.findings)
        XCTAssertEqual(s.estimatedSavingsUsd, report.findings.compactMap(\.finding.estimatedSavingsUsd).reduce(0, +))
        XCTAssertEqual(Set(s.byRule.map(\.ruleId)), Set(report.findings.map(\.finding.ruleId)))
        XCTAssertEqual(s.byRule.first?.ruleId, "costly-failed-session", "most severe with most savings first (medium, $9)")
    }
}
