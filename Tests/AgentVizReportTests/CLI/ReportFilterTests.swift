import Foundation
import XCTest
@testable import AgentVizReport

/// `--repo` and `--source-type` on the report commands: the report of the matching sessions.
final class ReportFilterTests: XCTestCase {
    let sample = "fixtures/sample-history.ndjson"
    let now = "--now=2026-11-25T12:00:00Z"
    let repo = "contoso/ingest-ops"

    func weekly(_ week: String, _ extra: [String]) throws -> [String: Any] {
        try JSONOutput.object(try Binary.run(["weekly", "--input", sample, "--week", week, "--format", "json", now] + extra))
    }

    func testFilteredTotalsAreTheSumOfTheFilteredSessions() throws {
        for filter in [["--repo", repo], ["--source-type", "local-copilot"], ["--repo", repo, "--source-type", "agent-task"]] {
            let report = try weekly("2026-W45", filter)
            let totals = try XCTUnwrap(report["totals"] as? [String: Any])
            let list = try JSONOutput.object(try Binary.run(["sessions", "--input", sample, "--week", "2026-W45", "--format", "json", now] + filter))
            let sessions = try XCTUnwrap(list["sessions"] as? [[String: Any]])
            XCTAssertGreaterThan(sessions.count, 0, "\(filter)")
            XCTAssertEqual(totals["activeSessions"] as? Int, sessions.count, "\(filter)")
            for name in ["tokenTotal", "tokenInput", "tokenOutput", "events", "durationSeconds"] {
                XCTAssertEqual(totals[name] as? Int, sessions.reduce(0) { $0 + ($1[name] as! Int) }, "\(filter) \(name)")
            }
            XCTAssertEqual(try XCTUnwrap(totals["estimatedCostUsd"] as? Double),
                           sessions.reduce(0.0) { $0 + (($1["estimatedCostUsd"] as? Double) ?? 0) }, accuracy: 1e-6)
            XCTAssertEqual(totals["failedSessions"] as? Int, sessions.filter { $0["failed"] as! Bool }.count)
            XCTAssertEqual(totals["completedSessions"] as? Int, sessions.filter { $0["completed"] as! Bool }.count)
            XCTAssertEqual(totals["startedSessions"] as? Int, sessions.filter { $0["started"] as! Bool }.count)
            XCTAssertEqual(report["filter"] as? [String: String],
                           Dictionary(uniqueKeysWithValues: stride(from: 0, to: filter.count, by: 2).map {
                               (filter[$0] == "--repo" ? "repository" : "sourceType", filter[$0 + 1]) }))
        }
    }

    func testBreakdownsPreviousPeriodAndSeriesAreFilteredToo() throws {
        let report = try weekly("2026-W45", ["--repo", repo])
        let byRepository = try XCTUnwrap(report["byRepository"] as? [[String: Any]])
        XCTAssertEqual(byRepository.map { $0["repository"] as? String }, [repo])
        // The previous period is what the same filter gives in that window on its own.
        let lastWeek = try weekly("2026-W44", ["--repo", repo])
        XCTAssertEqual(NSDictionary(dictionary: try XCTUnwrap(report["previous"] as? [String: Any])),
                       NSDictionary(dictionary: try XCTUnwrap(lastWeek["totals"] as? [String: Any])))
        let series = try XCTUnwrap(report["series"] as? [[String: Any]])
        XCTAssertEqual(series.last?["tokenTotal"] as? Int, (report["totals"] as? [String: Any])?["tokenTotal"] as? Int)
        XCTAssertEqual(series[series.count - 2]["tokenTotal"] as? Int, (lastWeek["totals"] as? [String: Any])?["tokenTotal"] as? Int)
        // Findings only name matching sessions; the input counters stay the whole history's.
        let unfiltered = try weekly("2026-W45", [])
        let matching = Set(try ids(repo))
        let findings = try XCTUnwrap(report["findings"] as? [[String: Any]])
        XCTAssertFalse(findings.isEmpty)
        for finding in findings {
            XCTAssertTrue(Set(finding["sessionIds"] as! [String]).isSubset(of: matching), "\(finding["ruleId"]!)")
        }
        XCTAssertEqual(NSDictionary(dictionary: report["input"] as! [String: Any]), NSDictionary(dictionary: unfiltered["input"] as! [String: Any]))
    }

    func ids(_ repo: String) throws -> [String] {
        let list = try JSONOutput.object(try Binary.run(["sessions", "--input", sample, "--week", "2026-W45", "--repo", repo, "--format", "json", now]))
        return (list["sessions"] as! [[String: Any]]).map { $0["id"] as! String }
    }

    func testMarkdownSaysTheReportIsFilteredAndAnUnfilteredOneDoesNot() throws {
        let filtered = try Binary.run(["weekly", "--input", sample, "--week", "2026-W45", "--source-type", "agent-task", now])
        XCTAssertEqual(filtered.status, 0, filtered.stderr)
        XCTAssertTrue(filtered.stdout.contains("**Filtered:** only sessions with source type `agent-task` as of each period's end"), filtered.stdout)
        XCTAssertFalse(filtered.stdout.contains("| local-copilot |"))
        let plain = try Binary.run(["weekly", "--input", sample, "--week", "2026-W45", now])
        XCTAssertFalse(plain.stdout.contains("Filtered"))
        XCTAssertFalse(try weekly("2026-W45", []).keys.contains("filter"))
        // A filtered report keeps to the published schema, its `filter` member included.
        let json = try Binary.run(["weekly", "--input", sample, "--week", "2026-W45", "--repo", repo, "--source-type", "agent-task", "--format", "json", now])
        XCTAssertEqual(try MiniSchemaValidator(schemaText: ReportSchema.text).errors(in: json.stdout), [])
    }

    func testEveryReportCommandTakesTheFilters() throws {
        for period in [["daily", "--day", "2026-11-03"], ["monthly", "--month", "2026-10"], ["report", "--since", "2026-11-01", "--until", "2026-11-10"]] {
            let r = try Binary.run(period + ["--input", sample, "--repo", repo, "--format", "json", now])
            let object = try JSONOutput.object(r)
            let byRepository = try XCTUnwrap(object["byRepository"] as? [[String: Any]])
            XCTAssertEqual(Set(byRepository.map { $0["repository"] as? String }), [repo], "\(period)")
        }
        let bad = try Binary.run(["weekly", "--input", sample, "--source-type", "robot", now])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("robot"), bad.stderr)
    }

    func testTheFilterInTheLibraryIsDecidedPerWindowAsOfItsEnd() throws {
        // s1 moves from acme/api (W46) to acme/web (W47): each week counts it where it was.
        let lines = [
            EventLine("a", "s1", "2026-11-10T09:00:00Z").with { $0.tokens = (10, 0) },
            EventLine("b", "s1", "2026-11-17T09:00:00Z").with { $0.tokens = (30, 0); $0.repository = "acme/web" },
        ]
        let path = TestFiles.write(lines)
        func report(_ filter: SessionFilter) throws -> Report {
            var request = try ReportHarness.request(.week("2026-W47"))
            request.filter = filter
            return try ReportSource.input([.file(path)]).report(request)
        }
        let api = try report(SessionFilter(repository: "acme/api"))
        XCTAssertEqual(api.totals.activeSessions, 0)
        XCTAssertEqual(api.previous.usage.tokenTotal, 10)
        let web = try report(SessionFilter(repository: "acme/web"))
        XCTAssertEqual(web.totals.usage.tokenTotal, 20)
        XCTAssertEqual(web.previous.activeSessions, 0)
        XCTAssertEqual(web.sessions.map(\.sessionId), ["s1"])
    }
}
