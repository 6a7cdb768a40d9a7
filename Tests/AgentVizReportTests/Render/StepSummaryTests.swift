import XCTest
@testable import AgentVizReport

/// The job summary stays under its limit by leaving out the ends of lists and tables first.
final class StepSummaryTests: XCTestCase {
    let sample = try! String(contentsOf: TestFiles.root.appendingPathComponent("reports/weekly-sample.md"), encoding: .utf8)

    func headings(_ text: String) -> [Substring] {
        text.split(separator: "\n").filter { $0.hasPrefix("#") }
    }

    func testAReportThatFitsIsUnchanged() {
        XCTAssertEqual(StepSummary.fit(sample, limit: sample.utf8.count, fullReport: "in r.md"), sample)
    }

    func testTheSampleCutToHalfKeepsEverySectionItsTablesAndChartsAndSaysSo() {
        let limit = sample.utf8.count / 2
        let fitted = StepSummary.fit(sample, limit: limit, fullReport: "in weekly.md")
        XCTAssertLessThanOrEqual(fitted.utf8.count, limit)
        XCTAssertEqual(headings(fitted), headings(sample), "every heading stays")
        let lines = fitted.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines[0], "# Agent sessions report: week 2026-W45")
        XCTAssertTrue(lines[1].hasPrefix("> **Trimmed:** "), String(lines[1]))
        XCTAssertTrue(lines[1].hasSuffix("the full report is in weekly.md."), String(lines[1]))
        // Every table keeps its header and separator, every Mermaid chart stays whole.
        XCTAssertEqual(fitted.components(separatedBy: "| --- |").count, sample.components(separatedBy: "| --- |").count)
        XCTAssertEqual(fitted.components(separatedBy: "```").count, sample.components(separatedBy: "```").count)
        XCTAssertEqual(fitted.components(separatedBy: "xychart-beta").count, sample.components(separatedBy: "xychart-beta").count)
        // What is kept is the start of the report, line for line, with only whole items left out.
        let kept = lines.filter { !$0.hasPrefix("> **Trimmed:**") }
        var rest = sample.split(separator: "\n", omittingEmptySubsequences: false)[...]
        for line in kept {
            guard let at = rest.firstIndex(of: line) else { return XCTFail("not in the original or out of order: \(line)") }
            rest = rest[(at + 1)...]
        }
    }

    func testTheLastItemsOfTheLargestListGoFirstAndTheNoteCountsThem() {
        let items = (1...200).map { "- finding \($0)\n  - Observed: \($0) tokens" }.joined(separator: "\n")
        let rows = (1...5).map { "| row \($0) | 1 |" }.joined(separator: "\n")
        let markdown = "# Title\n\n## Recommendations\n\n\(items)\n\n## Table\n\n| a | b |\n| --- | ---: |\n\(rows)\n"
        let limit = 2_000
        let fitted = StepSummary.fit(markdown, limit: limit, fullReport: "in this step's log")
        XCTAssertLessThanOrEqual(fitted.utf8.count, limit)
        let kept = fitted.split(separator: "\n").filter { $0.hasPrefix("- finding ") }
        XCTAssertEqual(kept.first, "- finding 1")
        XCTAssertTrue(fitted.contains("| row 5 | 1 |"), "the small table is left alone while the list is larger")
        // Each finding goes with its indented line: no orphan sub-item.
        XCTAssertEqual(fitted.split(separator: "\n").filter { $0.hasPrefix("  - Observed") }.count, kept.count)
        XCTAssertTrue(fitted.contains("> **Trimmed:** \(200 - kept.count) list items, table rows or later sections were left out"), fitted)
        XCTAssertGreaterThan(fitted.utf8.count, limit - 200, "no more is left out than needed")
    }

    func testWithoutItemsLeftLaterSectionsGoThenLines() {
        let prose = String(repeating: "word ", count: 400)
        let markdown = "# Title\n\nIntro.\n\n## One\n\n\(prose)\n\n## Two\n\n\(prose)\n"
        let fitted = StepSummary.fit(markdown, limit: 2_500, fullReport: "in r.md")
        XCTAssertLessThanOrEqual(fitted.utf8.count, 2_500)
        XCTAssertTrue(fitted.contains("## One") && !fitted.contains("## Two"), fitted)
        let tiny = StepSummary.fit(markdown, limit: 300, fullReport: "in r.md")
        XCTAssertLessThanOrEqual(tiny.utf8.count, 300)
        XCTAssertTrue(tiny.hasPrefix("# Title\n> **Trimmed:** "), tiny)
        // A title alone over the limit, cut inside a multi-byte character, stays valid and under it.
        let wide = StepSummary.fit("# " + String(repeating: "é", count: 1_000) + "\n", limit: 301, fullReport: "in r.md")
        XCTAssertLessThanOrEqual(wide.utf8.count, 301)
        XCTAssertFalse(wide.contains("\u{FFFD}"))
    }

    func testOneMiBIsTheDefaultLimit() {
        XCTAssertEqual(StepSummary.byteLimit, 1_048_576)
        let big = "# T\n\n## L\n\n" + (1...40_000).map { "- item number \($0) of a very long list" }.joined(separator: "\n") + "\n"
        XCTAssertGreaterThan(big.utf8.count, StepSummary.byteLimit)
        let fitted = StepSummary.fit(big, fullReport: "in r.md")
        XCTAssertLessThanOrEqual(fitted.utf8.count, StepSummary.byteLimit)
        XCTAssertGreaterThan(fitted.utf8.count, StepSummary.byteLimit - 100)
    }
}
