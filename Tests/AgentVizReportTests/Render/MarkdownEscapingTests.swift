import XCTest
@testable import AgentVizReport

final class MarkdownEscapingTests: XCTestCase {
    func testTableBreakingAndHTMLAndLinksAreNeutralised() {
        let hostile = "a|b `c` *d* _e_ [f](https://evil.example) <script>&\nnext www.x.io me@x.io"
        let escaped = MarkdownText.escape(hostile)
        XCTAssertFalse(escaped.contains("\n"))
        XCTAssertFalse(escaped.contains("<"))
        XCTAssertFalse(escaped.contains("https://"))
        XCTAssertFalse(escaped.contains("www."))
        XCTAssertFalse(escaped.contains("@"))
        for ch in ["|", "`", "*", "_", "[", "]"] {
            XCTAssertEqual(escaped.components(separatedBy: ch).count, escaped.components(separatedBy: "\\" + ch).count,
                           "every \(ch) is escaped: \(escaped)")
        }
    }

    func testOrdinaryPunctuationStaysReadable() {
        XCTAssertEqual(MarkdownText.escape("Fix (retry) >= 3 times: done!"), "Fix (retry) >= 3 times: done!")
        XCTAssertEqual(MarkdownText.escape("see http://x"), "see http&#58;//x")
    }

    func testHostileFixtureCannotBreakTheReport() throws {
        let lines = try String(contentsOfFile: TestFiles.fixture("edge/hostile-text.ndjson"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let report = try ReportHarness.report(lines, .week("2026-W47"))
        var withTitles = report
        withTitles.includeTitles = true
        for r in [report, withTitles] {
            let md = MarkdownReportRenderer().render(r)
            XCTAssertFalse(md.contains("<script>"))
            // A link needs an unescaped `](`; every `]` from event text arrives as `\]`.
            XCTAssertNil(md.range(of: #"(?<!\\)\]\("#, options: .regularExpression), md)
            XCTAssertFalse(md.contains("://"))
            for line in md.split(separator: "\n") where line.hasPrefix("| `s") {
                // Session rows have a fixed number of unescaped cell separators.
                let cells = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
                XCTAssertEqual(cells, r.includeTitles ? 7 : 6, String(line))
            }
        }
        XCTAssertFalse(MarkdownReportRenderer().render(report).contains("alert"), "no titles without --include-titles")
    }

    func testMermaidBlocksHoldOnlyNumbersAndLabels() throws {
        let lines = try String(contentsOfFile: TestFiles.fixture("edge/hostile-text.ndjson"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let md = MarkdownReportRenderer().render(try ReportHarness.report(lines, .week("2026-W47")))
        var inside = false
        for line in md.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "```mermaid" { inside = true; continue }
            if line == "```" { inside = false; continue }
            if inside { XCTAssertFalse(line.contains("evil"), String(line)) }
        }
    }

    func testNumberFormatting() {
        XCTAssertEqual(MarkdownText.integer(Int64(1_234_567)), "1,234,567")
        XCTAssertEqual(MarkdownText.integer(Int64(-1000)), "-1,000")
        XCTAssertEqual(MarkdownText.money(1234.567), "$1,234.57")
        XCTAssertEqual(MarkdownText.money(0.001), "<$0.01")
        XCTAssertEqual(MarkdownText.percent(0.125), "12.5%")
        XCTAssertEqual(MarkdownText.percent(nil), "n/a")
        XCTAssertEqual(MarkdownText.change(0.5), "▲ 50.0%")
        XCTAssertEqual(MarkdownText.change(-0.25), "▼ 25.0%")
        XCTAssertEqual(MarkdownText.change(nil), "n/a")
    }
}
