import Foundation
import XCTest
@testable import AgentVizReport

/// `sessions` through the built binary: filters, sort, limit, Markdown, JSON, CSV.
final class SessionsCommandTests: XCTestCase {
    let sample = "fixtures/sample-history.ndjson"
    let now = "--now=2026-11-25T12:00:00Z"

    func sessions(_ extra: [String]) throws -> [[String: Any]] {
        let object = try JSONOutput.object(try Binary.run(["sessions", "--input", sample, "--week", "2026-W45", "--format", "json", now] + extra))
        return try XCTUnwrap(object["sessions"] as? [[String: Any]])
    }

    func testEverySessionOfTheWeekAddsUpToTheWeeklyTotals() throws {
        let all = try sessions([])
        let weekly = try JSONOutput.object(try Binary.run(["weekly", "--input", sample, "--week", "2026-W45", "--format", "json", now]))
        let totals = try XCTUnwrap(weekly["totals"] as? [String: Any])
        XCTAssertEqual(all.count, totals["activeSessions"] as? Int)
        for name in ["tokenTotal", "events", "durationSeconds", "tokenInput"] {
            XCTAssertEqual(all.reduce(0) { $0 + ($1[name] as! Int) }, totals[name] as? Int, name)
        }
        let cost = all.reduce(0.0) { $0 + (($1["estimatedCostUsd"] as? Double) ?? 0) }
        XCTAssertEqual(cost, try XCTUnwrap(totals["estimatedCostUsd"] as? Double), accuracy: 1e-6)
        XCTAssertEqual(all.filter { $0["failed"] as? Bool == true }.count, totals["failedSessions"] as? Int)
    }

    func testFiltersSortAndLimit() throws {
        let all = try sessions([])
        let repo = "contoso/ingest-ops"
        let filtered = try sessions(["--repo", repo, "--status", "completed", "--source-type", "agent-task"])
        let expected = all.filter {
            $0["repository"] as? String == repo && $0["status"] as? String == "completed" && $0["sourceType"] as? String == "agent-task"
        }
        XCTAssertFalse(expected.isEmpty)
        XCTAssertEqual(Set(filtered.map { $0["id"] as! String }), Set(expected.map { $0["id"] as! String }))

        // Default sort: cost, most first; --limit keeps the first N of the same order.
        let costs = all.map { ($0["estimatedCostUsd"] as? Double) ?? 0 }
        XCTAssertEqual(costs, costs.sorted(by: >))
        let top3 = try sessions(["--limit", "3"])
        XCTAssertEqual(top3.map { $0["id"] as! String }, all.prefix(3).map { $0["id"] as! String })

        for (sort, key) in [("tokens", "tokenTotal"), ("duration", "durationSeconds"), ("failures", "failures")] {
            let values = try sessions(["--sort", sort]).map { $0[key] as! Int }
            XCTAssertEqual(values, values.sorted(by: >), sort)
        }
    }

    func testMarkdownShowsTheTableAndHowManyMatched() throws {
        let r = try Binary.run(["sessions", "--input", sample, "--week", "2026-W45", "--limit", "2", "--repo", "contoso/ingest-ops", now])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "# Sessions: week 2026-W45")
        XCTAssertTrue(r.stdout.contains("with repository `contoso/ingest-ops` (as of the period's end), by cost, most first; the first 2 shown"), r.stdout)
        let rows = lines.filter { $0.hasPrefix("| `") }
        XCTAssertEqual(rows.count, 2)
        XCTAssertTrue(rows.allSatisfy { $0.contains("| contoso/ingest-ops |") }, r.stdout)
        XCTAssertFalse(r.stdout.contains("Title"), "no titles without --include-titles")
    }

    func testPeriodOptionsAreOneAtATime() throws {
        let base = ["sessions", "--input", sample, now]
        let month = try JSONOutput.object(try Binary.run(base + ["--month", "2026-10", "--format", "json"]))
        XCTAssertEqual((month["period"] as? [String: Any])?["label"] as? String, "2026-10")
        let range = try JSONOutput.object(try Binary.run(base + ["--since", "2026-11-02", "--until", "2026-11-09", "--format", "json"]))
        let week = try JSONOutput.object(try Binary.run(base + ["--week", "2026-W45", "--format", "json"]))
        XCTAssertEqual(range["matchedSessions"] as? Int, week["matchedSessions"] as? Int)
        let lastWeek = try JSONOutput.object(try Binary.run(base + ["--format", "json"]))
        XCTAssertEqual((lastWeek["period"] as? [String: Any])?["label"] as? String, "2026-W47", "default: the last complete week")
        for bad in [["--week", "2026-W45", "--day", "2026-11-03"], ["--since", "2026-11-01"], ["--sort", "name"],
                    ["--limit", "0"], ["--status", "done"], ["--source-type", "robot"]] {
            let r = try Binary.run(base + bad)
            XCTAssertEqual(r.status, 2, "\(bad): \(r.stderr)")
            XCTAssertEqual(r.stdout, "")
        }
    }

    func testCSVReadBackEqualsTheJSON() throws {
        let args = ["sessions", "--input", sample, "--week", "2026-W45", now]
        let json = try sessions([])
        let csv = try Binary.run(args + ["--format", "csv"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let records = try PythonCSV.records(csv.stdout)
        XCTAssertEqual(records.count, json.count)
        XCTAssertEqual(Set(PythonCSV.header(csv.stdout)), Set(json[0].keys), "CSV header names are the JSON names")
        for (record, object) in zip(records, json) {
            for (name, value) in object {
                XCTAssertTrue(JSONOutput.matches(value, record[name] ?? "<missing>"), "\(name): \(value) vs \(record[name] ?? "")")
            }
        }
    }
}
