import Foundation
import XCTest
@testable import AgentVizReport

/// Every example of every default rule, through the real report pipeline: the window's
/// findings of that rule must have exactly the keys the example expects.
final class DefaultRuleExamplesTests: RulesTestCase {
    func testEveryDefaultExampleGivesItsExpectedFindings() throws {
        let set = try RuleSet.load(yaml: String(contentsOf: Self.defaultRulesURL, encoding: .utf8), path: "rules/default.yml")
        var ran = 0
        for rule in set.rules {
            for example in rule.examples {
                let lines = example.events.split(separator: "\n").map(String.init)
                let report = try ReportHarness.report(lines, .week(example.week), rules: RuleSet(rules: [rule]))
                XCTAssertEqual(report.findings.map(\.finding.key).sorted(), example.expect.sorted(),
                               "rule '\(rule.id)' example '\(example.name)' (rules/default.yml:\(example.line))")
                ran += 1
            }
        }
        XCTAssertGreaterThanOrEqual(ran, 2 * set.rules.count)
    }
}
