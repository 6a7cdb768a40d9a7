import Foundation
import XCTest
@testable import AgentVizReport

/// End-to-end: the built binary, its output streams and exit codes.
final class CommandLineTests: XCTestCase {
    let sample = "fixtures/sample-history.ndjson"
    let now = "--now=2026-11-25T12:00:00Z"

    func testWeeklyJSONOnStdoutAndNothingElse() throws {
        let r = try Binary.run(["weekly", "--input", sample, "--week", "2026-W45", "--format", "json", now])
        XCTAssertEqual(r.status, 0, r.stderr)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        XCTAssertEqual((object?["period"] as? [String: Any])?["label"] as? String, "2026-W45")
    }

    func testWithoutWeekTheLastCompleteWeekBeforeNow() throws {
        let r = try Binary.run(["weekly", "--input", sample, "--format", "json", now])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("\"label\": \"2026-W47\""))
    }

    func testOutputFile() throws {
        let out = TestFiles.directory().appendingPathComponent("r.md").path
        let r = try Binary.run(["weekly", "--input", sample, "--week", "2026-W45", "--output", out, now])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("# Agent sessions report: week 2026-W45"))
    }

    func testUsageErrorsAreOneLineAndExit2BeforeAnyWork() throws {
        let cases: [[String]] = [
            ["weekly", "--input", sample, "--week", "2026-W54"],
            ["weekly", "--input", sample, "--week", "2025-W53"],
            ["weekly", "--input", sample, "--tz", "Mars/Olympus"],
            ["weekly", "--input", sample, "--format", "pdf"],
            ["weekly", "--input", "no/such/file.ndjson"],
            ["weekly", "--db", "/nonexistent/dir/x.sqlite"],
            ["weekly", "--input", sample, "--frobnicate"],
            ["weekly", "--input", sample, "--fail-on", "urgent"],
            ["weekly", "--input", sample, "--rules", "no/such/rules.yml"],
            ["validate"],
            ["ingest", "no/such/file.ndjson", "--db", ":memory:"],
        ]
        for args in cases {
            let r = try Binary.run(args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stdout, "", "\(args)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("agentviz-report: error: "), "\(args): \(r.stderr)")
        }
    }

    func testWeek54MessageSaysWhatIsExpected() throws {
        let r = try Binary.run(["weekly", "--input", sample, "--week", "2026-W54"])
        XCTAssertTrue(r.stderr.contains("53"), r.stderr)
    }

    func testValidateListsEveryProblemAndExits1() throws {
        let path = "fixtures/edge/every-reason.ndjson"
        let r = try Binary.run(["validate", path])
        XCTAssertEqual(r.status, 1)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 9, r.stderr)
        XCTAssertTrue(lines[0].hasPrefix("\(path):1: malformed-json: "))
        XCTAssertTrue(lines[4].hasPrefix("\(path):5: missing-field: "))
        XCTAssertTrue(lines[8].contains("8 lines read"), lines[8])
        XCTAssertEqual(try Binary.run(["validate", "fixtures/edge/crlf.ndjson"]).status, 0)
    }

    func testValidateReadsStdin() throws {
        let line = EventLine("e1", "s1", "2026-11-16T10:00:00Z").json
        let ok = try Binary.run(["validate", "-"], stdin: line + "\n")
        XCTAssertEqual(ok.status, 0, ok.stderr)
        let bad = try Binary.run(["validate", "-"], stdin: line + "\n{oops\n")
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.hasPrefix("-:2: malformed-json"), bad.stderr)
    }

    func testNoProgressDisplayWhenStderrIsNotATerminalAndQuietIsAccepted() throws {
        let plain = try Binary.run(["weekly", "--input", sample, "--week", "2026-W45", "--format", "json", now])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertFalse(plain.stderr.contains("\r"), "a pipe gets no progress line")
        let quiet = try Binary.run(["weekly", "--input", sample, "--week", "2026-W45", "--format", "json", "--quiet", now])
        XCTAssertEqual(quiet.status, 0, quiet.stderr)
        XCTAssertEqual(quiet.stdout, plain.stdout)
        let db = TestFiles.directory().appendingPathComponent("q.sqlite").path
        let ingest = try Binary.run(["ingest", sample, "--db", db, "--quiet"])
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        let again = try Binary.run(["ingest", sample, "--db", db, "--quiet"])
        XCTAssertFalse(again.stderr.contains("unchanged"), "--quiet drops per-file notes")
        XCTAssertTrue(again.stderr.contains("0 lines read"), again.stderr)
    }

    func testIngestThenReportFromTheStore() throws {
        let db = TestFiles.directory().appendingPathComponent("a.sqlite").path
        let ingest = try Binary.run(["ingest", sample, "fixtures/edge/every-reason.ndjson", "--db", db])
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        XCTAssertTrue(ingest.stderr.contains("every-reason.ndjson:1: malformed-json"), ingest.stderr)
        XCTAssertTrue(ingest.stderr.contains("5008 lines read"), ingest.stderr)
        let again = try Binary.run(["ingest", "fixtures/edge/every-reason.ndjson", "--db", db, "--strict"])
        XCTAssertEqual(again.status, 0, "an unchanged file is not read again")
        XCTAssertTrue(again.stderr.contains("unchanged since the last ingest, skipped"), again.stderr)
        let strict = try Binary.run(["ingest", "fixtures/edge/every-reason.ndjson", "--db", db, "--strict", "--full"])
        XCTAssertEqual(strict.status, 1)
        let fromStore = try Binary.run(["weekly", "--db", db, "--week", "2026-W45", "--format", "json", now])
        let fromInput = try Binary.run(["weekly", "--input", sample, "--week", "2026-W45", "--format", "json", now])
        XCTAssertEqual(fromStore.status, 0, fromStore.stderr)
        XCTAssertEqual(try totals(fromStore.stdout), try totals(fromInput.stdout))
    }

    func totals(_ json: String) throws -> NSDictionary {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        return object["totals"] as! NSDictionary
    }

    func testSourceDateEpochFixesGeneratedAt() throws {
        let r = try Binary.run(["weekly", "--input", sample, "--week", "2026-W45", "--format", "json"],
                               environment: ["SOURCE_DATE_EPOCH": "1800000000"])
        XCTAssertTrue(r.stdout.contains("\"generatedAt\": \"2027-01-15T08:00:00Z\""), r.stdout.prefix(300).description)
    }

    func testSchemaCommandPrintsTheCommittedSchema() throws {
        let r = try Binary.run(["schema"])
        XCTAssertEqual(r.status, 0)
        let committed = try String(contentsOfFile: TestFiles.root.appendingPathComponent("schemas/report-v1.schema.json").path, encoding: .utf8)
        XCTAssertEqual(r.stdout, committed)
    }
}
