import Foundation
import XCTest
@testable import AgentVizReport

/// Empty, unreadable or stale data never passes silently: it is a finding the gate sees,
/// and a warning on stderr.
final class DataProblemTests: XCTestCase {
    let now = "--now=2026-11-25T12:00:00Z"

    func testAnEmptyFileIsNoDataAndTripsAMediumGate() throws {
        let empty = TestFiles.write([String](), to: TestFiles.directory().appendingPathComponent("empty.ndjson"))
        let r = try Binary.run(["weekly", "--input", empty, "--week", "2026-W47", "--fail-on", "medium", now])
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertTrue(r.stderr.contains("warning: no-data: No session was active this week (2026-W47)"), r.stderr)
        XCTAssertTrue(r.stderr.contains("--fail-on medium: medium no-data 2026-W47 (persisting)"), r.stderr)
        XCTAssertTrue(r.stdout.contains("No session was active this week"), r.stdout)
    }

    func testAFileOfMalformedLinesTripsAHighGate() throws {
        let lines = (1...20).map { "garbage line \($0) {" }
        let path = TestFiles.write(lines, to: TestFiles.directory().appendingPathComponent("bad.ndjson"))
        let r = try Binary.run(["weekly", "--input", path, "--week", "2026-W47", "--fail-on", "high", now])
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertTrue(r.stderr.contains("warning: rejected-lines: 100% of the input lines were rejected (20 of 20)"), r.stderr)
        XCTAssertTrue(r.stderr.contains("--fail-on high: high rejected-lines 2026-W47 (persisting)"), r.stderr)
    }

    func testAFewRejectedLinesAreALowFinding() throws {
        var lines = try String(contentsOfFile: TestFiles.fixture("sample-history.ndjson"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        lines.insert("{\"truncated", at: 100)
        let path = TestFiles.write(lines, to: TestFiles.directory().appendingPathComponent("few.ndjson"))
        let r = try Binary.run(["weekly", "--input", path, "--week", "2026-W45", "--format", "json", "--fail-on", "high", now])
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let rules = (report["findings"] as! [[String: Any]]).map { $0["ruleId"] as! String }
        XCTAssertTrue(rules.contains("some-rejected-lines"))
        XCTAssertFalse(rules.contains("rejected-lines"))
        XCTAssertTrue(r.stderr.contains("warning: some-rejected-lines: 1 input lines were rejected"), r.stderr)
    }

    /// A store whose history ends a month before the default week: no data and stale data.
    func testAStaleStoreIsNamed() throws {
        let dir = TestFiles.directory()
        let db = dir.appendingPathComponent("store.sqlite").path
        let ingest = try Binary.run(["ingest", TestFiles.fixture("sample-history.ndjson"), "--db", db])
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        let r = try Binary.run(["weekly", "--db", db, "--fail-on", "medium", "--now=2026-12-30T12:00:00Z"])
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertTrue(r.stderr.contains("warning: no-data:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("warning: stale-data: The history read ends"), r.stderr)
    }

    /// History starting on a Thursday: the next week compares with nothing.
    func testAPartialPreviousWeekGivesNullChangesAndNoComparisonFinding() throws {
        let lines = [
            EventLine("t1", "s1", "2026-11-12T09:00:00Z", "completed").with { $0.cost = 12; $0.tokens = (100, 10) },
            EventLine("t2", "s2", "2026-11-18T09:00:00Z", "completed").with { $0.cost = 400; $0.tokens = (900, 90) },
            EventLine("t3", "s3", "2026-11-22T22:00:00Z", "completed").with { $0.cost = 1; $0.tokens = (9, 1) },
        ]
        let r = try Binary.run(["weekly", "--input", TestFiles.write(lines), "--week", "2026-W47", "--format", "json",
                                "--fail-on", "info", now])
        XCTAssertEqual(r.status, 0, r.stderr + r.stdout)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let change = try XCTUnwrap(report["change"] as? [String: Any])
        XCTAssertFalse(change.isEmpty)
        XCTAssertTrue(change.values.allSatisfy { $0 is NSNull }, "\(change)")
        XCTAssertEqual((report["findings"] as? [Any])?.count, 0)
    }
}
