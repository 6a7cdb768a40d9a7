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
