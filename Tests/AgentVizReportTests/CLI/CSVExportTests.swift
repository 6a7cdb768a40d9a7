import Foundation
import XCTest
@testable import AgentVizReport

/// `--format csv --table NAME` on the report commands, read back by Python's csv module.
final class CSVExportTests: XCTestCase {
    let sample = "fixtures/sample-history.ndjson"
    let now = "--now=2026-11-25T12:00:00Z"

    func csv(_ args: [String]) throws -> String {
        let r = try Binary.run(args + ["--format", "csv", now])
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout
    }

    func testEveryTableEqualsItsListInTheJSONReport() throws {
        let base = ["weekly", "--input", sample, "--week", "2026-W45"]
        let report = try JSONOutput.object(try Binary.run(base + ["--format", "json", now]))
        let lists: [(ReportTable, String)] = [(.repositories, "byRepository"), (.sourceTypes, "bySourceType"), (.models, "byModel"),
                                              (.series, "series"), (.findings, "findings")]
        for (table, key) in lists {
            let text = try csv(base + ["--table", table.rawValue])
            let records = try PythonCSV.records(text)
            let objects = try XCTUnwrap(report[key] as? [[String: Any]])
            XCTAssertEqual(records.count, objects.count, table.rawValue)
            XCTAssertFalse(records.isEmpty, table.rawValue)
            for (record, object) in zip(records, objects) {
                for name in PythonCSV.header(text) {
                    let cell = try XCTUnwrap(record[name], "\(table.rawValue) has no column \(name)")
                    switch name {
                    // Text forms of the JSON's nested values (documented in ReportTables).
                    case "key": XCTAssertEqual(cell, (object[name] as? String) ?? cell, table.rawValue)
                    case "sessionIds": XCTAssertEqual(cell, (object[name] as! [String]).joined(separator: " "))
                    default: XCTAssertTrue(JSONOutput.matches(object[name], cell), "\(table.rawValue) \(name): \(object[name] ?? "nil") vs \(cell)")
                    }
                }
            }
        }
        // Every line ends CRLF, the header included.
        let text = try csv(base + ["--table", "repositories"])
        XCTAssertTrue(text.hasSuffix("\r\n"))
        XCTAssertEqual(text.utf8.filter { $0 == UInt8(ascii: "\n") }.count, text.components(separatedBy: "\r\n").count - 1)
        XCTAssertEqual(PythonCSV.header(text), ["repository"] + WindowFigures.allNames)
    }

    func testSessionsTableIsTheSessionsCommandsCSV() throws {
        let report = try csv(["weekly", "--input", sample, "--week", "2026-W45", "--table", "sessions", "--repo", "acme/web-billing"])
        let list = try csv(["sessions", "--input", sample, "--week", "2026-W45", "--repo", "acme/web-billing", "--sort", "tokens"])
        // Same rows, the report's by session id, the list's by its --sort.
        func byId(_ records: [[String: String]]) -> [[String: String]] { records.sorted { $0["id"]! < $1["id"]! } }
        let rows = byId(try PythonCSV.records(report))
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(rows, byId(try PythonCSV.records(list)))
        XCTAssertEqual(PythonCSV.header(report), PythonCSV.header(list))
    }

    func testCSVNeedsATableAndATableNeedsCSV() throws {
        let base = ["weekly", "--input", sample, "--week", "2026-W45", now]
        let noTable = try Binary.run(base + ["--format", "csv"])
        XCTAssertEqual(noTable.status, 2)
        XCTAssertEqual(noTable.stderr, "agentviz-report: error: --format csv writes one table of the report: pick it with --table repositories|source-types|models|series|findings|sessions\n")
        let noCSV = try Binary.run(base + ["--table", "series"])
        XCTAssertEqual(noCSV.status, 2)
        XCTAssertTrue(noCSV.stderr.contains("add --format csv"), noCSV.stderr)
        XCTAssertEqual(try Binary.run(base + ["--format", "csv", "--table", "people"]).status, 2)
        XCTAssertEqual(try Binary.run(["prices", "--format", "csv"]).status, 2)
        // Markdown and JSON reports are untouched by the new format.
        XCTAssertTrue(try Binary.run(base).stdout.hasPrefix("# Agent sessions report: week 2026-W45"))
    }

    /// fixtures/edge/formula-injection.ndjson plants repository names and titles a
    /// spreadsheet would run: each comes back as text with a leading ', numbers never do.
    func testHostileRepositoryNamesCannotRunAsFormulas() throws {
        let hostile = "fixtures/edge/formula-injection.ndjson"
        let week = ["--input", hostile, "--week", "2026-W47"]
        let sessions = try csv(["sessions"] + week + ["--include-titles"])
        let repositories = try csv(["weekly"] + week + ["--table", "repositories"])
        let json = try JSONOutput.object(try Binary.run(["sessions"] + week + ["--format", "json", now]))
        let names = Set((json["sessions"] as! [[String: Any]]).map { $0["repository"] as! String })
        XCTAssertEqual(names.filter { "=+-@".contains($0.first!) }.count, 4)
        for (text, column) in [(sessions, "repository"), (repositories, "repository"), (sessions, "title")] {
            for record in try PythonCSV.records(text) {
                let cell = try XCTUnwrap(record[column])
                XCTAssertFalse("=+-@\t\r".contains(cell.first!), "\(column) \(cell) could run as a formula")
                if column == "repository", cell.hasPrefix("'") { XCTAssertTrue(names.contains(String(cell.dropFirst())), cell) }
                if column == "repository", !cell.hasPrefix("'") { XCTAssertTrue(names.contains(cell), cell) }
                // Counts and money stay numbers: no quote, no prefix.
                XCTAssertNotNil(Double(try XCTUnwrap(record["tokenTotal"])))
            }
        }
        XCTAssertTrue(sessions.contains("\"'=HYPERLINK(\"\"http://evil.example/x\"\",\"\"click\"\")\""), sessions)
        XCTAssertTrue(sessions.contains(",\"topic,\"\"quoted\"\"\","), "a comma and quotes: quoted, quotes doubled")
    }
}
