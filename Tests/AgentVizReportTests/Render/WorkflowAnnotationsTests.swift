import XCTest
@testable import AgentVizReport

/// Findings as workflow commands: GitHub's escaping, levels, and no way for a finding's text
/// to end the command or start another.
final class WorkflowAnnotationsTests: XCTestCase {
    func finding(_ severity: Severity, title: String = "t", rule: String = "r", key: FindingKey = .session("s")) -> ReportFinding {
        ReportFinding(finding: Finding(ruleId: rule, severity: severity, scope: .session, key: key, sessionIds: [],
                                       title: title, recommendation: "", estimatedSavingsUsd: nil, figures: [:], observed: []),
                      status: .new)
    }

    func testGitHubsEscaping() {
        XCTAssertEqual(WorkflowAnnotations.escapeMessage("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d")
        XCTAssertEqual(WorkflowAnnotations.escapeProperty("100% a\nb: c, d"), "100%25 a%0Ab%3A c%2C d")
    }

    func testLevelsFollowSeverity() {
        let lines = WorkflowAnnotations.lines([.critical, .high, .medium, .low, .info].map { finding($0) })
        XCTAssertEqual(lines.map { String($0.prefix { $0 != " " }) }, ["::error", "::error", "::warning", "::notice", "::notice"])
        XCTAssertEqual(lines[2], "::warning title=r (medium)::t [s]")
    }

    func testTenThenOneNoticeCountingTheRest() {
        let lines = WorkflowAnnotations.lines((1...13).map { finding(.high, title: "f\($0)") })
        XCTAssertEqual(lines.count, 11)
        XCTAssertTrue(lines[9].hasSuffix("::f10 [s]"))
        XCTAssertEqual(lines[10], "::notice title=agentviz-report::3 more findings are not annotated; the report lists every one")
        XCTAssertEqual(WorkflowAnnotations.lines([]), [])
    }

    func testHostileTextStaysInsideItsOwnCommand() {
        let title = "50% done\n::error::injected\r\n::set-env name=X::y ghp_" + String(repeating: "a", count: 36)
        let line = WorkflowAnnotations.lines([finding(.low, title: title, rule: "x::error,y:z")])[0]
        XCTAssertFalse(line.contains("\n") || line.contains("\r"))
        XCTAssertTrue(line.hasPrefix("::notice title=x%3A%3Aerror%2Cy%3Az (low)::50%25 done\\u000a::error::injected"), line)
        XCTAssertTrue(line.contains("[REDACTED:github-token]") && !line.contains("ghp_aaaa"), line)
        // The message starts after the first `::` that follows the properties, and the
        // properties hold no `::`, `,` or line break: the title cannot add or end a property.
        let properties = line.dropFirst(2).prefix { $0 != ":" }
        XCTAssertEqual(properties, "notice title=x%3A%3Aerror%2Cy%3Az (low)")
    }
}
