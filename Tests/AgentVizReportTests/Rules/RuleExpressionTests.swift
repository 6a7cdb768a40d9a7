import XCTest
@testable import AgentVizReport

final class RuleExpressionTests: RulesTestCase {
    func assertTrue(_ source: String, _ values: [String: RuleValue] = [:], scope: RuleScope = .session,
                    file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try evaluate(source, values, scope: scope, file: file, line: line), .bool(true), source, file: file, line: line)
    }

    func assertFalse(_ source: String, _ values: [String: RuleValue] = [:], scope: RuleScope = .session,
                     file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try evaluate(source, values, scope: scope, file: file, line: line), .bool(false), source, file: file, line: line)
    }

    func testPrecedenceOfArithmetic() throws {
        XCTAssertEqual(try evaluate("1 + 2 * 3"), .number(7))
        XCTAssertEqual(try evaluate("(1 + 2) * 3"), .number(9))
        XCTAssertEqual(try evaluate("10 - 2 - 3"), .number(5))
        XCTAssertEqual(try evaluate("8 / 4 / 2"), .number(1))
        XCTAssertEqual(try evaluate("-2 * 3 + 1"), .number(-5))
        XCTAssertEqual(try evaluate("- -2"), .number(2))
        XCTAssertEqual(try evaluate("2 * -3"), .number(-6))
        XCTAssertEqual(try evaluate("1_000_000 + 1e3 + .5"), .number(1_001_000.5))
    }

    func testPrecedenceOfLogicAndComparison() throws {
        try assertTrue("true || false && false")   // && binds tighter than ||
        try assertTrue("false && true || true")
        try assertFalse("!false && false")          // ! binds tighter than &&
        try assertTrue("!(false && true)")
        try assertTrue("1 + 2 > 2 && 3 * 2 == 6")   // arithmetic before comparison
        try assertTrue("!failed == true", ["failed": .bool(false)])
        try assertTrue("tokenTotal >= 500000 || failed && completed", ["tokenTotal": .number(600_000), "failed": .bool(false), "completed": .bool(false)])
    }

    func testAndOrNot() throws {
        let v: [String: RuleValue] = ["failed": .bool(true), "completed": .bool(false), "started": .null]
        try assertTrue("failed && !completed", v)
        try assertFalse("failed && completed", v)
        try assertTrue("completed || failed", v)
        try assertFalse("completed || completed", v)
        try assertFalse("started && true", v)   // null counts as false
        try assertTrue("!started", v)
        try assertFalse("started || false", v)
        try assertFalse("null && true")
        try assertTrue("!null")
    }

    func testArithmeticWithNullAndDivisionByZero() throws {
        let v: [String: RuleValue] = ["tokenTotal": .number(2500), "estimatedCostUsd": .null, "events": .number(0)]
        XCTAssertEqual(try evaluate("tokenTotal / 1000", v), .number(2.5))
        XCTAssertEqual(try evaluate("estimatedCostUsd * 0.5", v), .null)
        XCTAssertEqual(try evaluate("tokenTotal + null", v), .null)
        XCTAssertEqual(try evaluate("-estimatedCostUsd", v), .null)
        XCTAssertEqual(try evaluate("tokenTotal / events", v), .null)
        XCTAssertEqual(try evaluate("tokenTotal / 0", v), .null)
        XCTAssertEqual(try evaluate("0 / 0", v), .null)
        try assertTrue("tokenTotal / events == null", v)
        try assertFalse("tokenTotal / events > 1", v)
        try assertFalse("tokenTotal / events <= 1", v)
    }

    func testNullComparisons() throws {
        let v: [String: RuleValue] = ["repository": .null, "branch": .string("main"), "tokenTotal": .null, "prNumber": .number(7)]
        try assertTrue("repository == null", v)
        try assertFalse("repository != null", v)
        try assertFalse("branch == null", v)
        try assertTrue("branch != null", v)
        try assertTrue("null == null")
        try assertFalse("null != null")
        try assertFalse("tokenTotal < 5", v)
        try assertFalse("tokenTotal <= 5", v)
        try assertFalse("tokenTotal > 5", v)
        try assertFalse("tokenTotal >= 5", v)
        try assertFalse("tokenTotal == 0", v)
        try assertFalse("null < 1")
        try assertTrue("prNumber > 0 || prNumber == null", v)
        try assertFalse("repository < \"b\"", v)
    }

    func testInList() throws {
        try assertTrue("status in [\"queued\", \"running\"]", ["status": .string("running")])
        try assertFalse("status in [\"queued\", \"running\"]", ["status": .string("completed")])
        try assertFalse("status in [\"queued\", \"running\"]", ["status": .null])
        try assertTrue("status in [\"queued\", null]", ["status": .null])
        try assertTrue("prNumber in [1, 2, 3]", ["prNumber": .number(2)])
        try assertTrue("tokenTotal - 5 in [-1, 0]", ["tokenTotal": .number(4)])
        try assertFalse("prNumber in []", ["prNumber": .number(2)])
        try assertTrue("failed in [true]", ["failed": .bool(true)])
        try assertTrue("status in [\"running\"] && !(status in [\"queued\"])", ["status": .string("running")])
    }

    func testStringComparisonIsByteOrder() throws {
        try assertTrue("repository < \"b\"", ["repository": .string("acme/api")])
        try assertTrue("repository > \"Zeta\"", ["repository": .string("acme")])   // 'a' (0x61) > 'Z' (0x5A)
        try assertTrue("repository > \"z\"", ["repository": .string("é")])         // 0xC3 > 0x7A
        try assertTrue("repository <= \"acme\" && repository >= \"acme\"", ["repository": .string("acme")])
        try assertTrue("repository == \"a\\\"b\\\\c\"", ["repository": .string("a\"b\\c")])
        try assertFalse("repository == \"e\u{301}\"", ["repository": .string("\u{e9}")])  // no Unicode folding
    }

    func testDottedPeriodFields() throws {
        let v: [String: RuleValue] = [
            "estimatedCostUsd": .number(20), "previous.estimatedCostUsd": .number(12),
            "change.estimatedCostUsd": .number(2.0 / 3.0), "change.failureRate": .null, "label": .string("2026-W47"),
        ]
        try assertTrue("change.estimatedCostUsd >= 0.5 && previous.estimatedCostUsd >= 10", v, scope: .period)
        XCTAssertEqual(try evaluate("estimatedCostUsd - previous.estimatedCostUsd", v, scope: .period), .number(8))
        try assertFalse("change.failureRate >= 0.5", v, scope: .period)
        try assertTrue("change.failureRate == null && label == \"2026-W47\"", v, scope: .period)
    }

    func testSyntaxErrors() {
        let cases: [(String, Int, String)] = [
            ("tokenTotal >=", 14, "syntax error: expected a value, found end of expression"),
            ("tokenTotal = 5", 12, "syntax error: unexpected '=' (did you mean '=='?)"),
            ("failed & completed", 8, "syntax error: unexpected '&' (did you mean '&&'?)"),
            ("failed | completed", 8, "syntax error: unexpected '|' (did you mean '||'?)"),
            ("(tokenTotal > 5", 16, "syntax error: expected ')' to close the '(' at column 1, found end of expression"),
            ("1 < 2 < 3", 7, "syntax error: comparisons cannot be chained; use parentheses or '&&'"),
            ("status in \"x\"", 11, "syntax error: expected '[' after 'in', found string \"x\""),
            ("status in [id]", 12, "syntax error: a list holds only literals (numbers, strings, true, false, null), found 'id'"),
            ("status in [\"a\" \"b\"]", 16, "syntax error: expected ',' or ']' in the list, found string \"b\""),
            ("status == \"abc", 11, "syntax error: unterminated string"),
            ("status == \"a\\nb\"", 13, "syntax error: invalid escape in string (only \\\" and \\\\ are allowed)"),
            ("tokenTotal > 5 5", 16, "syntax error: unexpected number 5 after a complete expression"),
            ("", 1, "syntax error: empty expression"),
            ("tokenTotal # 5", 12, "syntax error: unexpected character '#'"),
            ("tokenTotal > 1.", 14, "syntax error: malformed number"),
            ("tokenTotal > 5k", 14, "syntax error: malformed number"),
        ]
        for (source, column, message) in cases {
            XCTAssertEqual(expressionError(source), RuleExpressionError(kind: .syntax, column: column, message: message), source)
        }
    }

    func testTypeErrors() {
        let cases: [(String, Int, String)] = [
            ("status > 3", 8, "type error: '>' compares string field 'status' with number 3"),
            ("status + 1 > 2", 1, "type error: '+' needs numbers, found string field 'status'"),
            ("tokenTotal && failed", 1, "type error: '&&' needs booleans, found number field 'tokenTotal'"),
            ("failed || 1", 11, "type error: '||' needs booleans, found number 1"),
            ("!tokenTotal", 2, "type error: '!' needs a boolean, found number field 'tokenTotal'"),
            ("-status == 1", 2, "type error: '-' needs a number, found string field 'status'"),
            ("failed < true", 8, "type error: '<' cannot order booleans (only numbers and strings)"),
            ("failed == \"yes\"", 8, "type error: '==' compares boolean field 'failed' with string \"yes\""),
            ("status in [\"a\", 1]", 8, "type error: 'in' compares string field 'status' with number 1 (list item 2)"),
            ("(tokenTotal > 1) * 2 > 0", 2, "type error: '*' needs numbers, found a boolean expression"),
        ]
        for (source, column, message) in cases {
            XCTAssertEqual(expressionError(source), RuleExpressionError(kind: .type, column: column, message: message), source)
        }
    }

    func testUnknownFieldsSuggestTheNearestName() {
        let cases: [(String, RuleScope, [String]?, String)] = [
            ("tokenTotl > 5", .session, nil, "unknown field 'tokenTotl' in scope session (did you mean 'tokenTotal'?)"),
            ("statu == \"failed\"", .session, nil, "unknown field 'statu' in scope session (did you mean 'status'?)"),
            ("TOKENTOTAL > 5", .session, nil, "unknown field 'TOKENTOTAL' in scope session (did you mean 'tokenTotal'?)"),
            ("cost > 5", .session, nil, "unknown field 'cost' in scope session (did you mean 'estimatedCostUsd'?)"),
            ("change.estimatedCostUs > 1", .period, nil, "unknown field 'change.estimatedCostUs' in scope period (did you mean 'change.estimatedCostUsd'?)"),
            ("xyz > 5", .session, nil, "unknown field 'xyz' in scope session"),
            ("idleHours > 5", .group, ["repository"], "unknown field 'idleHours' in scope group (it is a field of scope session)"),
            ("previous.tokenTotal > 5", .session, nil, "unknown field 'previous.tokenTotal' in scope session (it is a field of scope period)"),
            ("branch == null", .group, ["repository"], "unknown field 'branch' in scope group (add it to by: to use it)"),
        ]
        for (source, scope, by, message) in cases {
            XCTAssertEqual(expressionError(source, scope: scope, by: by),
                           RuleExpressionError(kind: .unknownField, column: 1, message: message), source)
        }
    }

    func testUnknownFieldDoesNotCascadeIntoTypeErrors() throws {
        let expression = try RuleExpressionParser.parse("tokenTotl > 5 && statuss == 3")
        var checker = RuleTypeChecker(scope: .session, by: nil)
        XCTAssertEqual(checker.check(expression), .bool)
        XCTAssertEqual(checker.errors.map(\.column), [1, 18])
        XCTAssertEqual(checker.errors.map(\.kind), [.unknownField, .unknownField])
    }

    func testGroupScopeHasOnlyItsByFields() {
        XCTAssertNil(expressionError("repository != null && branch == \"main\" && failedSessions >= 3", scope: .group, by: ["repository", "branch"]))
        XCTAssertNotNil(expressionError("status == \"failed\"", scope: .group, by: ["repository", "branch"]))
        XCTAssertNotNil(expressionError("id == \"x\"", scope: .group, by: ["repository"]))
    }

    func testEveryCatalogFieldIsUsableInItsScope() {
        for scope in RuleScope.allCases {
            for field in FieldCatalog.fields(scope: scope) {
                let by = scope == .group ? FieldCatalog.byFields.map(\.name) : nil
                XCTAssertNil(expressionError("\(field.name) == null", scope: scope, by: by), "\(scope) \(field.name)")
            }
        }
        XCTAssertEqual(FieldCatalog.fields(scope: .period).count,
                       1 + 3 * FieldCatalog.figures.count + FieldCatalog.budget.count + FieldCatalog.inputAndCoverage.count + 1)
    }
}
