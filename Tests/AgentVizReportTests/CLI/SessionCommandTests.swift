import Foundation
import XCTest
@testable import AgentVizReport

/// `session ID` through the built binary, on a session that fails, is resumed, regresses and
/// completes a week later.
final class SessionCommandTests: XCTestCase {
    let now = "--now=2026-11-25T12:00:00Z"

    /// s1: W46 running, failed, resumed (idle to the week's end: stuck-session); W47 a
    /// regression, then completed with 1,050,000 tokens in the week (high-token-session).
    lazy var history: String = TestFiles.write([
        EventLine("e1", "s1", "2026-11-10T09:00:00Z").with { $0.tokens = (100_000, 50_000); $0.cost = 0.5; $0.title = "Secret plan"; $0.branch = "main" },
        EventLine("e2", "s1", "2026-11-10T10:00:00Z", "failed").with { $0.tokens = (400_000, 200_000); $0.cost = 2 },
        EventLine("e3", "s1", "2026-11-11T09:00:00Z").with { $0.tokens = (500_000, 250_000); $0.cost = 2.5; $0.action = "resume_session" },
        EventLine("e4", "s1", "2026-11-17T09:00:00Z").with { $0.tokens = (450_000, 200_000); $0.cost = 3 },
        EventLine("e5", "s1", "2026-11-18T09:00:00Z", "completed").with { $0.tokens = (1_200_000, 600_000); $0.cost = 6 },
        EventLine("o1", "s2", "2026-11-12T09:00:00Z", "completed").with { $0.tokens = (10, 10); $0.cost = 0.01 },
    ])

    func detail(_ extra: [String] = []) throws -> [String: Any] {
        try JSONOutput.object(try Binary.run(["session", "s1", "--input", history, "--format", "json", now] + extra))
    }

    func testTimelineTransitionsAndRegressionsAreMarked() throws {
        let d = try detail()
        let snapshots = try XCTUnwrap(d["snapshots"] as? [[String: Any]])
        XCTAssertEqual(snapshots.map { $0["capturedAt"] as! String },
                       ["2026-11-10T09:00:00Z", "2026-11-10T10:00:00Z", "2026-11-11T09:00:00Z", "2026-11-17T09:00:00Z", "2026-11-18T09:00:00Z"])
        XCTAssertEqual(snapshots.map { $0["failure"] as! Bool }, [false, true, false, false, false])
        XCTAssertEqual(snapshots.map { $0["completion"] as! Bool }, [false, false, false, false, true])
        XCTAssertEqual(snapshots.map { $0["regressed"] as! [String] }, [[], [], [], ["tokenInput", "tokenOutput", "tokenTotal"], []])
        XCTAssertEqual(snapshots[2]["operatorAction"] as? String, "resume_session")
        XCTAssertEqual((snapshots[3]["metrics"] as? [String: Any])?["tokenTotal"] as? Int, 650_000, "what the event said")
        XCTAssertEqual(d["metricRegressions"] as? Int, 3)
        XCTAssertEqual(d["status"] as? String, "completed")
    }

    func testUsagePerWeekAndTheFindingsThatNameIt() throws {
        let d = try detail()
        let periods = try XCTUnwrap(d["periods"] as? [[String: Any]])
        XCTAssertEqual(periods.map { $0["label"] as! String }, ["2026-W46", "2026-W47"])
        XCTAssertEqual(periods.map { $0["tokenTotal"] as! Int }, [750_000, 1_050_000], "counters' rise inside each week")
        XCTAssertEqual(periods.map { $0["failed"] as! Bool }, [true, false])
        XCTAssertEqual(periods.map { $0["estimatedCostUsd"] as! Double }, [2.5, 3.5])
        let findings = try XCTUnwrap(d["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.map { "\($0["window"]!) \($0["ruleId"]!)" }, ["2026-W46 stuck-session", "2026-W47 high-token-session"])
        XCTAssertTrue(try XCTUnwrap(try detail(["--no-default-rules"])["findings"] as? [Any]).isEmpty)
        // Per day: one row per day with events.
        let days = try XCTUnwrap(try detail(["--per", "day"])["periods"] as? [[String: Any]])
        XCTAssertEqual(days.map { $0["label"] as! String }, ["2026-11-10", "2026-11-11", "2026-11-17", "2026-11-18"])
    }

    func testTitlesOnlyWhenAskedAndMarkdownMarksTheTimeline() throws {
        let markdown = try Binary.run(["session", "s1", "--input", history, now])
        XCTAssertEqual(markdown.status, 0, markdown.stderr)
        XCTAssertFalse(markdown.stdout.contains("Secret plan"))
        XCTAssertNil(try detail()["title"])
        XCTAssertTrue(markdown.stdout.contains("| 2 | 2026-11-10T10:00:00Z | failed | view |"), markdown.stdout)
        XCTAssertTrue(markdown.stdout.contains("**failure**"))
        XCTAssertTrue(markdown.stdout.contains("**regression**: tokenInput, tokenOutput, tokenTotal |"), markdown.stdout)
        XCTAssertTrue(markdown.stdout.contains("**completion** |"))
        XCTAssertTrue(markdown.stdout.contains("| 2026-W47 | 2 | 1,050,000 |"), markdown.stdout)
        XCTAssertTrue(markdown.stdout.contains("- 2026-W47: **Session s1 used 1,050,000 tokens** (`high-token-session`"), markdown.stdout)
        XCTAssertEqual(try detail(["--include-titles"])["title"] as? String, "Secret plan")
        let titled = try Binary.run(["session", "s1", "--input", history, "--include-titles", now])
        XCTAssertTrue(titled.stdout.contains("Title: Secret plan"))
    }

    func testAnUnknownIdExits1WithAMessage() throws {
        let r = try Binary.run(["session", "nope", "--input", history, now])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "agentviz-report: error: no session with id 'nope' in the input read; 'agentviz-report sessions' lists the ids of a period\n")
        for bad in [["--per", "year"], ["--format", "csv"]] {
            XCTAssertEqual(try Binary.run(["session", "s1", "--input", history, now] + bad).status, 2, "\(bad)")
        }
    }

    func testTheStoreGivesTheSameBytesAsTheInput() throws {
        let db = TestFiles.directory().appendingPathComponent("store.sqlite").path
        XCTAssertEqual(try Binary.run(["ingest", history, "--db", db, "--quiet"]).status, 0)
        for args in [["session", "s1", "--format", "json"], ["session", "s1"], ["sessions", "--week", "2026-W46", "--format", "json"],
                     ["sessions", "--week", "2026-W47", "--format", "csv"]] {
            let stored = try Binary.run(args + ["--db", db, now])
            let read = try Binary.run(args + ["--input", history, now])
            XCTAssertEqual(stored.status, 0, stored.stderr)
            XCTAssertEqual(stored.stdout, read.stdout, "\(args)")
        }
        let missing = try Binary.run(["session", "nope", "--db", db, now])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("in the store \(db)"), missing.stderr)
    }
}
