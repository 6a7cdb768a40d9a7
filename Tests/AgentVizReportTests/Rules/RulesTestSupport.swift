import Foundation
import XCTest
@testable import AgentVizReport

/// Shared helpers of the rules tests (a base class, so nothing leaks into the test module's
/// global namespace).
class RulesTestCase: XCTestCase {
    /// The repository root, found from this file (never an absolute path).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Rules
        .deletingLastPathComponent()  // AgentVizReportTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    static let defaultRulesURL = repositoryRoot.appendingPathComponent("rules/default.yml")

    /// Set to regenerate generated files on purpose; the test then fails once so recording
    /// never passes by accident.
    static let updateGenerated = ProcessInfo.processInfo.environment["AGENTVIZ_UPDATE_GENERATED"] == "1"

    /// Parses, type-checks (in `scope`) and evaluates one expression.
    func evaluate(
        _ source: String, _ values: [String: RuleValue] = [:], scope: RuleScope = .session, by: [String]? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> RuleValue {
        let expression = try RuleExpressionParser.parse(source)
        var checker = RuleTypeChecker(scope: scope, by: by)
        _ = checker.check(expression)
        XCTAssertEqual(checker.errors, [], "type errors in \(source)", file: file, line: line)
        return RuleEvaluator.evaluate(expression, values)
    }

    /// The first problem of an expression: parse error, or type error in `scope`.
    func expressionError(_ source: String, scope: RuleScope = .session, by: [String]? = nil) -> RuleExpressionError? {
        do {
            let expression = try RuleExpressionParser.parse(source)
            var checker = RuleTypeChecker(scope: scope, by: by)
            _ = checker.check(expression)
            return checker.errors.first
        } catch {
            return error
        }
    }

    /// The errors of loading `yaml` as `rules/custom.yml`, one description per line.
    func loadErrors(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        do {
            _ = try RuleSet.load(yaml: yaml, path: "rules/custom.yml")
            XCTFail("expected errors", file: file, line: line)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    /// A valid session rule to start error tests from; `lines` replaces values ("-" drops the key).
    func ruleYAML(_ lines: [String: String] = [:], extra: String = "") -> String {
        let keys = ["id", "severity", "scope", "title", "rationale", "recommendation", "when"]
        let defaults = [
            "id": "high-token-session", "severity": "medium", "scope": "session",
            "title": "\"Session {{id}} used {{tokenTotal}} tokens\"", "rationale": "Big sessions cost.",
            "recommendation": "Split the task.", "when": "tokenTotal >= 500000",
        ]
        var out = "rules:\n"
        var first = true
        for key in keys {
            guard let value = lines[key] ?? defaults[key], value != "-" else { continue }
            out += (first ? "  - " : "    ") + key + ": " + value + "\n"
            first = false
        }
        return out + extra
    }
}
