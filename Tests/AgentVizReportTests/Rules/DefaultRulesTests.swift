import Foundation
import XCTest
@testable import AgentVizReport

final class DefaultRulesTests: RulesTestCase {
    func loadDefault() throws -> RuleSet {
        let text = try String(contentsOf: Self.defaultRulesURL, encoding: .utf8)
        do {
            return try RuleSet.load(yaml: text, path: "rules/default.yml")
        } catch {
            XCTFail("rules/default.yml does not load:\n\(error)")
            throw error
        }
    }

    func testDefaultRulesLoadCleanly() throws {
        let set = try loadDefault()
        XCTAssertEqual(set.rules.map(\.id), [
            "repeated-failures-branch", "high-token-session", "costly-failed-session", "resume-loop",
            "cost-spike", "failure-rate-rise", "stuck-session", "agent-tasks-without-pr", "poor-data",
            "budget-pace", "unpriced-model", "zero-cost-with-tokens", "stale-cost-estimate", "expensive-model-small-sessions",
            "no-data", "rejected-lines", "some-rejected-lines", "stale-data",
        ])
        XCTAssertEqual(set.groupings, [["repository", "branch"], ["repository"], ["model"]])
    }

    /// Every rule documents and tests itself: at least one example that triggers and one
    /// that does not.
    func testEveryDefaultRuleHasTriggeringAndNonTriggeringExamples() throws {
        for rule in try loadDefault().rules {
            XCTAssertTrue(rule.examples.contains { $0.isTriggering }, "\(rule.id) has no triggering example")
            XCTAssertTrue(rule.examples.contains { !$0.isTriggering }, "\(rule.id) has no non-triggering example")
            XCTAssertFalse(rule.rationale.isEmpty, rule.id)
            XCTAssertFalse(rule.recommendation.isEmpty, rule.id)
        }
    }

    func testDefaultExamplesAreWellFormed() throws {
        for rule in try loadDefault().rules {
            for example in rule.examples {
                let window = example.window
                XCTAssertLessThan(window.start, window.end)
                let ids = example.events.split(separator: "\n").compactMap { line -> String? in
                    let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                    return object?["eventId"] as? String
                }
                XCTAssertEqual(Set(ids).count, ids.count, "\(rule.id) '\(example.name)' repeats an eventId")
                if rule.scope == .period {
                    XCTAssertTrue(example.expect.allSatisfy { $0 == .period(example.week) }, rule.id)
                }
            }
        }
    }
}
