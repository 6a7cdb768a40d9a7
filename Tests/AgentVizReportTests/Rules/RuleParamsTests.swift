import XCTest
@testable import AgentVizReport

/// Rules declare named parameters, read as `params.<name>` in `when`, savings and texts.
final class RuleParamsTests: XCTestCase {
    let yaml = """
        rules:
          - id: big-session
            severity: medium
            scope: session
            title: "{{id}} used {{tokenTotal}} tokens (limit {{params.minTokens}})"
            rationale: r
            recommendation: "Keep sessions under {{params.minTokens}} tokens."
            params: { minTokens: 500000, label: big }
            when: tokenTotal >= params.minTokens
            estimatedSavingsUsd: estimatedCostUsd * (tokenTotal - params.minTokens) / tokenTotal
        """

    func lines() -> [EventLine] {
        [EventLine("a", "s1", "2026-11-17T09:00:00Z").with { $0.tokens = (600_000, 0); $0.cost = 6 },
         EventLine("b", "s2", "2026-11-17T09:00:00Z").with { $0.tokens = (400_000, 0); $0.cost = 4 }]
    }

    func testParametersAreReadInTheConditionTheSavingsAndTheTexts() throws {
        let set = try RuleSet.load(yaml: yaml, path: "p.yml")
        XCTAssertEqual(set.rules[0].params.names, ["minTokens", "label"])
        let report = try ReportHarness.report(lines(), .week("2026-W47"), rules: set)
        let f = try XCTUnwrap(report.findings.first?.finding)
        XCTAssertEqual(report.findings.map(\.finding.key), [.session("s1")])
        XCTAssertEqual(f.title, "s1 used 600,000 tokens (limit 500,000)")
        XCTAssertEqual(f.recommendation, "Keep sessions under 500,000 tokens.")
        XCTAssertEqual(try XCTUnwrap(f.estimatedSavingsUsd), 1, accuracy: 1e-9)
        XCTAssertEqual(f.observed, ["600,000 tokens >= 500,000"])
        XCTAssertEqual(f.figures["params.minTokens"], .integer(500_000))
    }

    func testAChangedParameterChangesTheFindings() throws {
        var set = try RuleSet.load(yaml: yaml, path: "p.yml")
        try set.rules[0].params.set("minTokens", .integer(300_000))
        let report = try ReportHarness.report(lines(), .week("2026-W47"), rules: set)
        XCTAssertEqual(report.findings.map(\.finding.key), [.session("s1"), .session("s2")])
        XCTAssertThrowsError(try set.rules[0].params.set("minTokens", .string("many"))) {
            XCTAssertEqual("\($0)", "parameter 'minTokens' is a number, found a string")
        }
        XCTAssertThrowsError(try set.rules[0].params.set("maxTokens", .integer(1))) {
            XCTAssertEqual("\($0)", "unknown parameter 'maxTokens' (declared: minTokens, label)")
        }
    }

    func testAnUndeclaredParameterIsALoadError() {
        let bad = yaml.replacingOccurrences(of: "when: tokenTotal >= params.minTokens", with: "when: tokenTotal >= params.minTokenz")
        XCTAssertThrowsError(try RuleSet.load(yaml: bad, path: "p.yml")) { error in
            XCTAssertTrue("\(error)".contains("unknown parameter 'params.minTokenz' (declared: minTokens, label; declare it under params:)"), "\(error)")
        }
        let badText = yaml.replacingOccurrences(of: "(limit {{params.minTokens}})", with: "({{params.nope}})")
        XCTAssertThrowsError(try RuleSet.load(yaml: badText, path: "p.yml")) { error in
            XCTAssertTrue("\(error)".contains("unknown parameter 'params.nope'"), "\(error)")
        }
    }

    func testTheShippedRulesDocumentTheirParameters() throws {
        let set = try RuleSources.load(files: [], includeDefault: true)
        let rule = try XCTUnwrap(set.rule(id: "high-token-session"))
        XCTAssertEqual(rule.params.values["minTokens"], .integer(1_000_000))
        XCTAssertTrue(RulesDocumentation.explain(rule).contains("Parameters (change them with an override, see README):\n  minTokens = 1000000\n"))
        XCTAssertTrue(RulesDocumentation.markdown(set).contains("| `minTokens` | `1000000` |"))
    }
}
