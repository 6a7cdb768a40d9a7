import XCTest
@testable import AgentVizReport

final class MarkdownFindingsTests: XCTestCase {
    /// Twelve stuck sessions: Markdown shows the first ten and says how many more; JSON has all.
    func testMarkdownShowsTenFindingsPerRuleAndCountsTheRest() throws {
        let lines = (1...12).map { n in
            EventLine("e\(n)", "s\(n)", "2026-11-16T0\(n % 10):00:00Z", "running")
        }
        let rules = try RuleSources.load(files: [], includeDefault: true)
        let report = try ReportHarness.report(lines, .week("2026-W47"), rules: rules)
        XCTAssertEqual(report.findings.filter { $0.finding.ruleId == "stuck-session" }.count, 12)
        let md = MarkdownReportRenderer().render(report)
        let items = md.split(separator: "\n").filter { $0.hasPrefix("- **Session ") && $0.contains("`stuck-session`") }
        XCTAssertEqual(items.count, 10)
        XCTAssertTrue(md.contains("- … and 2 more `stuck-session` findings (all of them are in the JSON report)"), md)
        XCTAssertEqual(ReportHarness.json(report).components(separatedBy: "\"ruleId\": \"stuck-session\"").count - 1, 12)
    }
}
