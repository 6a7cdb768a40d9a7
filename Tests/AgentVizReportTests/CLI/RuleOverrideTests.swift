import Foundation
import XCTest
@testable import AgentVizReport

/// Tuning a shipped rule by id, without copying it; `rules check` and reports agree.
final class RuleOverrideTests: XCTestCase {
    let now = "--now=2026-12-01T00:00:00Z"

    func write(_ text: String, _ name: String = "overrides.yml") throws -> String {
        let path = TestFiles.directory().appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func findings(_ extra: [String]) throws -> [[String: Any]] {
        let r = try Binary.run(["weekly", "--input", TestFiles.fixture("sample-history.ndjson"), "--week", "2026-W45",
                                "--format", "json", now] + extra)
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        return try XCTUnwrap(report["findings"] as? [[String: Any]])
    }

    func testAnOverrideChangesOneRulesFindingsAndNothingElse() throws {
        let path = try write("""
            overrides:
              high-token-session: { severity: high, params: { minTokens: 500000 } }
              stuck-session: { enabled: false }
            """)
        let before = try findings([])
        let after = try findings(["--rules", path])
        func ids(_ list: [[String: Any]], _ rule: String) -> [String] {
            list.filter { $0["ruleId"] as? String == rule }.map { "\($0["key"]!)" }
        }
        XCTAssertGreaterThan(ids(after, "high-token-session").count, ids(before, "high-token-session").count)
        XCTAssertTrue(Set(ids(before, "high-token-session")).isSubset(of: Set(ids(after, "high-token-session"))))
        XCTAssertTrue(after.filter { $0["ruleId"] as? String == "high-token-session" }.allSatisfy { $0["severity"] as? String == "high" })
        XCTAssertFalse(ids(before, "stuck-session").isEmpty)
        XCTAssertEqual(ids(after, "stuck-session"), [])
        XCTAssertEqual(ids(after, "costly-failed-session"), ids(before, "costly-failed-session"), "other rules unchanged")
    }

    func testABadOverrideFailsTheSameWayInRulesCheckAndInAReport() throws {
        let path = try write("""
            overrides:
              high-token-sesion: { severity: high }
              resume-loop: { params: { minResumes: many } }
            """)
        let check = try Binary.run(["rules", "check", path])
        XCTAssertEqual(check.status, 1)
        let report = try Binary.run(["weekly", "--input", TestFiles.fixture("sample-history.ndjson"), "--rules", path, now])
        XCTAssertEqual(report.status, 2)
        XCTAssertEqual(report.stdout, "")
        for expected in ["\(path):2:3: rule 'high-token-sesion': overrides: override of unknown rule 'high-token-sesion' (did you mean 'high-token-session'?)",
                         "\(path):3:3: rule 'resume-loop': overrides: override of 'resume-loop': parameter 'minResumes' is a number, found a string"] {
            XCTAssertTrue(check.stderr.contains(expected), check.stderr)
            XCTAssertTrue(report.stderr.contains(expected), report.stderr)
        }
    }

    func testReusingABuiltInIdFailsInRulesCheckToo() throws {
        let text = try String(contentsOfFile: "rules/examples/team-budget.yml", encoding: .utf8)
            .replacingOccurrences(of: "id: team-repository-budget", with: "id: high-token-session")
        let path = try write(text, "copy.yml")
        let check = try Binary.run(["rules", "check", path])
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stderr.contains("duplicate id 'high-token-session' (first defined at rules/default.yml:"), check.stderr)
        XCTAssertEqual(try Binary.run(["rules", "check", "--no-default-rules", path]).status, 0)
        let report = try Binary.run(["weekly", "--input", TestFiles.fixture("sample-history.ndjson"), "--rules", path, now])
        XCTAssertEqual(report.status, 2)
        XCTAssertTrue(report.stderr.contains("duplicate id 'high-token-session'"), report.stderr)
    }
}
