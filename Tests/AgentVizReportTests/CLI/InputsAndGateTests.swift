import Foundation
import XCTest
@testable import AgentVizReport

/// Inputs as people give them, and a CI gate that says what tripped it.
final class InputsAndGateTests: XCTestCase {
    let now = "--now=2026-11-25T12:00:00Z"

    func testSeveralPathsAfterOneInputEqualRepeatedFlags() throws {
        let dir = TestFiles.directory()
        let lines = try String(contentsOfFile: TestFiles.fixture("sample-history.ndjson"), encoding: .utf8).split(separator: "\n")
        let a = TestFiles.write(lines.prefix(2_000).map(String.init), to: dir.appendingPathComponent("a.ndjson"))
        let b = TestFiles.write(lines.dropFirst(2_000).map(String.init), to: dir.appendingPathComponent("b.jsonl"))
        let oneFlag = try Binary.run(["weekly", "--input", a, b, "--week", "2026-W45", "--format", "json", now])
        let twoFlags = try Binary.run(["weekly", "--input", a, "--input", b, "--week", "2026-W45", "--format", "json", now])
        let whole = try Binary.run(["weekly", "--input", TestFiles.fixture("sample-history.ndjson"), "--week", "2026-W45", "--format", "json", now])
        XCTAssertEqual(oneFlag.status, 0, oneFlag.stderr)
        XCTAssertEqual(oneFlag.stdout, twoFlags.stdout)
        XCTAssertEqual(oneFlag.stdout, whole.stdout)
        // A directory reads its *.ndjson and *.jsonl files.
        let viaDirectory = try Binary.run(["weekly", "--input", dir.path, "--week", "2026-W45", "--format", "json", now])
        XCTAssertEqual(viaDirectory.stdout, whole.stdout)
    }

    func testFailOnNamesTheFindingsThatTrippedIt() throws {
        let result = try Binary.run(["weekly", "--input", TestFiles.fixture("sample-history.ndjson"), "--week", "2026-W45",
                                     "--rules", "rules/examples/team-budget.yml", "--fail-on", "medium", now])
        XCTAssertEqual(result.status, 3)
        XCTAssertTrue(result.stderr.contains("--fail-on medium: medium team-repository-budget repository=contoso/ingest-ops (persisting)"), result.stderr)
    }
}

/// Rotated, compressed history: `.gz` files read transparently, concatenated members too.
final class GzipInputTests: XCTestCase {
    func gzip(_ text: String, to path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -c > '\(path)'"]
        let input = Pipe()
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
    }

    func testAGzipCopyAndConcatenatedMembersGiveTheSameReport() throws {
        let dir = TestFiles.directory()
        let sample = try String(contentsOfFile: TestFiles.fixture("sample-history.ndjson"), encoding: .utf8)
        let whole = dir.appendingPathComponent("history.ndjson.gz").path
        try gzip(sample, to: whole)
        let lines = sample.split(separator: "\n", omittingEmptySubsequences: false)
        let a = dir.appendingPathComponent("a.gz").path, b = dir.appendingPathComponent("b.gz").path
        try gzip(lines.prefix(1_000).joined(separator: "\n") + "\n", to: a)
        try gzip(lines.dropFirst(1_000).joined(separator: "\n"), to: b)
        let joined = dir.appendingPathComponent("joined.jsonl.gz").path
        try (try Data(contentsOf: URL(fileURLWithPath: a)) + (try Data(contentsOf: URL(fileURLWithPath: b)))).write(to: URL(fileURLWithPath: joined))
        let args = ["--week", "2026-W45", "--format", "json", "--now=2026-11-25T12:00:00Z"]
        let plain = try Binary.run(["weekly", "--input", TestFiles.fixture("sample-history.ndjson")] + args)
        XCTAssertEqual(try Binary.run(["weekly", "--input", whole] + args).stdout, plain.stdout)
        XCTAssertEqual(try Binary.run(["weekly", "--input", joined] + args).stdout, plain.stdout)
        // Ingest reads it once: unchanged the second time, counters and all.
        let db = dir.appendingPathComponent("store.sqlite").path
        XCTAssertEqual(try Binary.run(["ingest", whole, "--db", db]).status, 0)
        XCTAssertTrue(try Binary.run(["ingest", whole, "--db", db]).stderr.contains("unchanged since the last ingest"))
        XCTAssertEqual(try Binary.run(["weekly", "--db", db] + args).stdout, plain.stdout)
    }

    func testADamagedGzipFileIsNamedAndExits4() throws {
        let path = TestFiles.write(["not gzip at all"], to: TestFiles.directory().appendingPathComponent("bad.ndjson.gz"))
        let result = try Binary.run(["validate", path])
        XCTAssertEqual(result.status, 4)
        XCTAssertTrue(result.stderr.contains("\(path): cannot read: not a valid gzip file"), result.stderr)
    }
}
