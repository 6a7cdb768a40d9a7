import Foundation
import XCTest
@testable import AgentVizReport

final class RulesDocumentationTests: RulesTestCase {
    func defaultSet() throws -> RuleSet {
        try RuleSet.load(yaml: String(contentsOf: Self.defaultRulesURL, encoding: .utf8), path: "rules/default.yml")
    }

    func testMarkdownIsDeterministic() throws {
        let first = RulesDocumentation.markdown(try defaultSet())
        let second = RulesDocumentation.markdown(try defaultSet())
        XCTAssertEqual(first, second)
        let text = try String(contentsOf: Self.defaultRulesURL, encoding: .utf8)
        let twoFiles = try RuleSet.load(files: [(path: "a.yml", text: text), (path: "b.yml", text: "rules: []\n")])
        XCTAssertEqual(RulesDocumentation.markdown(twoFiles), first)
    }

    func testMarkdownHasIndexSectionsExamplesAndFieldReference() throws {
        let set = try defaultSet()
        let md = RulesDocumentation.markdown(set)
        XCTAssertTrue(md.hasPrefix("<!-- Generated from the rule files by `agentviz-report rules docs`. Do not edit by hand. -->\n# Rules\n"))
        XCTAssertTrue(md.contains("| id | severity | scope | title |\n| --- | --- | --- | --- |\n"))
        XCTAssertTrue(md.contains("| [`repeated-failures-branch`](#repeated-failures-branch) | high | group by repository, branch | {{failedSessions}} failed sessions on {{repository}} branch {{branch}} |\n"))
        for rule in set.rules {
            let section = try XCTUnwrap(md.range(of: "\n## \(rule.id)\n"), rule.id)
            let body = md[section.upperBound...]
            for heading in ["### What it does", "### Why it matters", "### What to do", "### Condition", "### Examples"] {
                XCTAssertNotNil(body.range(of: heading), "\(rule.id) \(heading)")
            }
            XCTAssertTrue(md.contains("when: \(rule.when)\n"), rule.id)
            XCTAssertTrue(md.contains(rule.rationale), rule.id)
        }
        XCTAssertTrue(md.contains("**Triggers:** a session uses 1.2M tokens in the week (week 2026-W47). Expected findings: [s1].\n\n```json\n{\"schemaVersion\""))
        XCTAssertTrue(md.contains("**Does not trigger:** cost goes from $12 to $15 (week 2026-W47). Expected findings: none.\n"))
        XCTAssertTrue(md.contains("Expected findings: [{repository: acme/api, branch: main}]."))
        XCTAssertTrue(md.contains("estimatedSavingsUsd: estimatedCostUsd * (tokenTotal - params.minTokens) / tokenTotal\n"))
        for scope in RuleScope.allCases {
            XCTAssertTrue(md.contains("### Scope `\(scope.rawValue)`"), scope.rawValue)
            for field in FieldCatalog.fields(scope: scope) {
                XCTAssertTrue(md.contains("| `\(field.name)` | "), "\(scope) \(field.name)")
            }
        }
        XCTAssertTrue(md.contains("| `idleHours` | number | Hours from the session's last event captured before the window end to the window end. |"))
        XCTAssertTrue(md.contains("| `change.estimatedCostUsd` | number (ratio) | "))
        XCTAssertTrue(md.hasSuffix("|\n"))
    }

    func testList() throws {
        let list = RulesDocumentation.list(try defaultSet())
        XCTAssertEqual(list.split(separator: "\n").count, 18)
        XCTAssertTrue(list.hasPrefix("repeated-failures-branch        high    group by repository, branch  {{failedSessions}} failed sessions on {{repository}} branch {{branch}}\n"))
        XCTAssertTrue(list.contains("\nhigh-token-session              medium  session                      Session {{id}} used {{tokenTotal}} tokens\n"))
        XCTAssertEqual(RulesDocumentation.list(.empty), "")
    }

    func testExplain() throws {
        let rule = try XCTUnwrap(try defaultSet().rule(id: "high-token-session"))
        let text = RulesDocumentation.explain(rule)
        XCTAssertTrue(text.hasPrefix("high-token-session (medium, scope session)\nTitle: Session {{id}} used {{tokenTotal}} tokens\n\nWhat it does:\n"))
        XCTAssertTrue(text.contains("Why it matters:\n  Token use per session has a long tail."))
        XCTAssertTrue(text.contains("Condition:\n  when: tokenTotal >= params.minTokens\n  estimatedSavingsUsd: estimatedCostUsd * (tokenTotal - params.minTokens) / tokenTotal\n  fields read: tokenTotal, params.minTokens, estimatedCostUsd, id, repository, period\n"), text)
        XCTAssertTrue(text.contains("  triggers: a session uses 1.2M tokens in the week (week 2026-W47) -> [s1]\n      {\"schemaVersion\""))
        XCTAssertTrue(text.contains("  does not trigger: below the threshold, or used before the window or after its end (week 2026-W47) -> none\n"))
        XCTAssertTrue(text.hasSuffix("Defined at rules/default.yml:\(rule.line)\n"))
    }

    /// rules/RULES.md is generated (`agentviz-report rules docs`); this fails when it is
    /// stale. Regenerate with AGENTVIZ_UPDATE_GENERATED=1 swift test --filter RulesDocumentationTests.
    func testCommittedRulesMarkdownIsCurrent() throws {
        let url = Self.repositoryRoot.appendingPathComponent("rules/RULES.md")
        let expected = RulesDocumentation.markdown(try defaultSet())
        if Self.updateGenerated {
            try expected.write(to: url, atomically: true, encoding: .utf8)
            XCTFail("wrote \(url.path); run the tests again without AGENTVIZ_UPDATE_GENERATED")
            return
        }
        guard let committed = try? String(contentsOf: url, encoding: .utf8) else {
            throw XCTSkip("rules/RULES.md is not generated yet")
        }
        XCTAssertEqual(committed, expected,
                       "rules/RULES.md is out of date. Please run `agentviz-report rules docs` (or AGENTVIZ_UPDATE_GENERATED=1 swift test --filter RulesDocumentationTests)")
    }
}
