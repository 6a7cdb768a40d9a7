import Foundation
import XCTest
@testable import AgentVizReport

/// Every example of every default rule, through the real report pipeline: the window's
/// findings of that rule must have exactly the keys the example expects.
final class DefaultRuleExamplesTests: RulesTestCase {
    func testEveryDefaultExampleGivesItsExpectedFindings() throws {
        let set = try RuleSet.load(yaml: String(contentsOf: Self.defaultRulesURL, encoding: .utf8), path: "rules/default.yml")
        let (failures, ran) = try RuleExampleCheck.run(set, path: "rules/default.yml")
        XCTAssertEqual(failures.map(\.description), [])
        XCTAssertGreaterThanOrEqual(ran, 2 * set.rules.count)
    }
}

/// The README's worked example of a custom rule stays valid and its examples pass.
final class CustomRuleExampleTests: RulesTestCase {
    func testTeamBudgetExampleChecksAndFires() throws {
        let path = "rules/examples/team-budget.yml"
        let text = try String(contentsOf: TestFiles.root.appendingPathComponent(path), encoding: .utf8)
        let set = try RuleSet.load(files: [(path, text)])
        let (failures, ran) = try RuleExampleCheck.run(set, path: path)
        XCTAssertEqual(failures.map(\.description), [])
        XCTAssertEqual(ran, 2)
    }

    func testAFailingExampleIsReportedWithItsLine() throws {
        let text = try String(contentsOf: TestFiles.root.appendingPathComponent("rules/examples/team-budget.yml"), encoding: .utf8)
            .replacingOccurrences(of: "estimatedCostUsd > 15", with: "estimatedCostUsd > 25")
        let set = try RuleSet.load(files: [("budget.yml", text)])
        let (failures, _) = try RuleExampleCheck.run(set, path: "budget.yml")
        XCTAssertEqual(failures.map(\.description),
                       ["budget.yml:\(set.rules[0].examples[0].line): rule 'team-repository-budget' example 'one session costs $20 in acme/api': expected [{repository=acme/api}], found []"])
    }
}
