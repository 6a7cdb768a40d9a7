import XCTest
@testable import AgentVizReport

/// The CSV writer's rules, cell by cell.
final class CSVWriterTests: XCTestCase {
    func testRFC4180QuotingAndCRLF() {
        let table = DataTable(columns: ["a", "b,c"], rows: [
            [.text("plain"), .text("x,y")],
            [.text("say \"hi\""), .null],
        ])
        XCTAssertEqual(CSVWriter.write(table), "a,\"b,c\"\r\nplain,\"x,y\"\r\n\"say \"\"hi\"\"\",\r\n")
        XCTAssertEqual(CSVWriter.quoted("two\r\nlines"), "\"two\r\nlines\"")
        XCTAssertEqual(CSVWriter.quoted("a\nb"), "\"a\nb\"")
    }

    func testFormulaStartsArePrefixedButNumbersNever() {
        for text in ["=1+1", "+1", "-1", "@x", "\tx", "\rx"] {
            XCTAssertEqual(CSVWriter.defused(text), "'" + text)
        }
        XCTAssertEqual(CSVWriter.defused("a=1"), "a=1")
        XCTAssertEqual(CSVWriter.field(.text("-5")), "'-5", "text that looks like a number is still text")
        XCTAssertEqual(CSVWriter.field(.figure(.count(-5))), "-5")
        XCTAssertEqual(CSVWriter.field(.figure(.money(-1.5))), "-1.5")
        XCTAssertEqual(CSVWriter.field(.figure(.ratio(nil))), "")
        XCTAssertEqual(CSVWriter.field(.bool(true)), "true")
        XCTAssertEqual(CSVWriter.field(.time(Timestamp.at("2026-11-16T00:00:00Z"))), "2026-11-16T00:00:00Z")
    }

    func testTextGoesThroughSafeText() {
        // A control character is shown escaped (one cell stays one line), a secret redacted.
        XCTAssertEqual(CSVWriter.field(.text("a\u{1b}[31mb")), "a\\u001b[31mb")
        XCTAssertEqual(CSVWriter.field(.text("tab\tinside")), "tab\\u0009inside")
        XCTAssertTrue(CSVWriter.field(.text("key ghp_" + String(repeating: "a", count: 36))).contains("[REDACTED:github-token]"))
    }
}
