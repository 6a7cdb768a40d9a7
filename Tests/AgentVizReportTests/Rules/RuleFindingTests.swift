import XCTest
@testable import AgentVizReport

final class RuleFindingTests: RulesTestCase {
    func rule(_ id: String, _ severity: String, when: String, savings: String? = nil, scope: String = "session",
              title: String = "\"{{id}}\"", extra: String = "") -> String {
        var out = "  - id: \(id)\n    severity: \(severity)\n    scope: \(scope)\n    title: \(title)\n"
        out += "    rationale: r\n    recommendation: \"Do it for {{repository}}\"\n    when: \(when)\n"
        if let savings { out += "    estimatedSavingsUsd: \(savings)\n" }
        return out + extra
    }

    func sessionRow(_ id: String, tokens: Double, cost: Double?, repository: String? = "acme/api") -> RuleRow {
        RuleRow(key: .session(id), sessionIds: [id], values: [
            "id": .string(id), "tokenTotal": .number(tokens), "estimatedCostUsd": cost.map(RuleValue.number) ?? .null,
            "repository": repository.map(RuleValue.string) ?? .null, "failed": .bool(false),
        ])
    }

    func testFindingCarriesRenderedTextFiguresAndObservations() throws {
        let set = try RuleSet.load(yaml: "rules:\n" + rule("big", "medium", when: "tokenTotal >= 500000 && !failed",
                                                           savings: "estimatedCostUsd * 0.5",
                                                           title: "\"Session {{id}} used {{tokenTotal}} tokens\""), path: "r.yml")
        let findings = set.evaluate { scope, by in
            XCTAssertEqual(scope, .session)
            XCTAssertNil(by)
            return [self.sessionRow("s1", tokens: 812_400, cost: 4.2), self.sessionRow("s2", tokens: 10, cost: 1)]
        }
        XCTAssertEqual(findings, [Finding(
            ruleId: "big", severity: .medium, scope: .session, key: .session("s1"), sessionIds: ["s1"],
            title: "Session s1 used 812,400 tokens", recommendation: "Do it for acme/api", estimatedSavingsUsd: 2.1,
            figures: ["tokenTotal": .number(812_400), "failed": .bool(false), "estimatedCostUsd": .number(4.2),
                      "id": .string("s1"), "repository": .string("acme/api")],
            observed: ["812,400 tokens >= 500,000"])])
    }

    func testObservedLines() throws {
        let values: [String: RuleValue] = [
            "tokenTotal": .number(1_200), "estimatedCostUsd": .number(3.5), "failureRate": .number(0.4),
            "idleHours": .number(37.5), "change.estimatedCostUsd": .number(0.8), "previous.failedSessions": .number(4),
            "events": .number(3),
        ]
        func lines(_ when: String) throws -> [String] { RuleObservation.lines(try RuleExpressionParser.parse(when), values) }
        XCTAssertEqual(try lines("1000 <= tokenTotal"), ["1,200 tokens >= 1,000"])
        XCTAssertEqual(try lines("estimatedCostUsd > 2 || tokenTotal > 5000"), ["cost $3.50 > $2.00"])
        XCTAssertEqual(try lines("failureRate >= 0.25 && idleHours > 24"), ["failure rate 40% >= 25%", "37.50 idle hours > 24"])
        XCTAssertEqual(try lines("change.estimatedCostUsd >= 0.5 && previous.failedSessions > -1"),
                       ["change in cost 80% >= 50%", "4 failed sessions in the previous period > -1"])
        XCTAssertEqual(try lines("!(events > 5) && !(events < 1)"), [])       // under '!': not reported
        XCTAssertEqual(try lines("events == 3 && tokenTotal > events"), ["3 events == 3"])  // field-op-field: not reported
    }

    func testReportOrder() throws {
        let yaml = "rules:\n"
            + rule("b-info", "info", when: "tokenTotal > 0")
            + rule("a-high-small", "high", when: "tokenTotal > 0", savings: "1")
            + rule("z-high-none", "high", when: "tokenTotal > 0")
            + rule("c-high-big", "high", when: "tokenTotal > 0", savings: "5")
            + rule("a-high-null", "high", when: "tokenTotal > 0", savings: "estimatedCostUsd")
            + rule("crit", "critical", when: "tokenTotal > 100")
        let set = try RuleSet.load(yaml: yaml, path: "r.yml")
        let findings = set.evaluate { _, _ in [self.sessionRow("s2", tokens: 50, cost: nil), self.sessionRow("s1", tokens: 500, cost: nil)] }
        XCTAssertEqual(findings.map { "\($0.ruleId) \($0.key)" }, [
            "crit s1",
            "c-high-big s1", "c-high-big s2",
            "a-high-small s1", "a-high-small s2",
            "a-high-null s1", "a-high-null s2",   // savings null: after savings, by rule id
            "z-high-none s1", "z-high-none s2",
            "b-info s1", "b-info s2",
        ])
    }

    func testGroupRowsAreAskedOncePerByListAndSessionIdsAreSorted() throws {
        let group = { (id: String, by: String) in
            self.rule(id, "low", when: "failedSessions >= 1", scope: "group", title: "\"{{repository}}\"", extra: "    by: [\(by)]\n")
        }
        let set = try RuleSet.load(yaml: "rules:\n" + group("one", "repository") + group("two", "repository") + group("three", "repository, branch"), path: "r.yml")
        XCTAssertEqual(set.groupings, [["repository"], ["repository", "branch"]])
        var asked: [String] = []
        let findings = set.evaluate { scope, by in
            asked.append("\(scope.rawValue) \(by ?? [])")
            var key: [String: String?] = ["repository": "acme/api"]
            if by == ["repository", "branch"] { key["branch"] = String?.none }
            return [RuleRow(key: .group(key), sessionIds: ["s9", "s10", "s1"], values: ["failedSessions": .number(2), "repository": .string("acme/api"), "branch": .null])]
        }
        XCTAssertEqual(asked, ["group [\"repository\"]", "group [\"repository\", \"branch\"]"])
        XCTAssertEqual(findings.map(\.ruleId), ["one", "three", "two"])
        XCTAssertEqual(findings[0].sessionIds, ["s1", "s10", "s9"])
        XCTAssertEqual(findings[1].key.description, "repository=acme/api, branch=null")
        XCTAssertEqual(findings[1].key.yamlText, "{repository: acme/api, branch: null}")
    }

    func testFindingKeyOrder() {
        XCTAssertLessThan(FindingKey.session("a"), .session("b"))
        XCTAssertLessThan(FindingKey.session("B"), .session("a"))
        XCTAssertLessThan(FindingKey.group(["repository": nil]), .group(["repository": "a"]))
        XCTAssertLessThan(FindingKey.group(["repository": "a", "branch": "z"]), .group(["repository": "b", "branch": "a"]))
        XCTAssertLessThan(FindingKey.period("2026-W46"), .period("2026-W47"))
    }

    func testExampleCheckComparesExpectedKeys() throws {
        let yaml = "rules:\n" + rule("big", "medium", when: "tokenTotal >= 500000", extra: """
            examples:
              - name: one big
                week: 2026-W47
                events: '{"schemaVersion":"1.0","eventId":"e","capturedAt":"2026-11-17T09:00:00Z","session":{"id":"s1","sourceType":"agent-task","status":"running"},"metadata":{"operatorAction":"view"}}'
                expect: [s1]

        """)
        let rule = try XCTUnwrap(RuleSet.load(yaml: yaml, path: "r.yml").rules.first)
        let example = try XCTUnwrap(rule.examples.first)
        XCTAssertEqual(example.expect, [.session("s1")])
        XCTAssertEqual(example.window.start.description, "2026-11-16T00:00:00Z")
        // Run through the real pipeline: the example's one event has no tokens, so the
        // rule finds nothing where it expects s1.
        let (failures, ran) = try RuleExampleCheck.run(RuleSet(rules: [rule]), path: "r.yml")
        XCTAssertEqual(ran, 1)
        XCTAssertEqual(failures.map(\.description), ["r.yml:10: rule 'big' example 'one big': expected [{s1}], found []"])
    }

    func testISOWeeks() {
        XCTAssertEqual(ExampleWeek.window("2026-W47")?.start.description, "2026-11-16T00:00:00Z")
        XCTAssertEqual(ExampleWeek.window("2026-W47")?.end.description, "2026-11-23T00:00:00Z")
        XCTAssertEqual(ExampleWeek.window("2026-W01")?.start.description, "2025-12-29T00:00:00Z")
        XCTAssertEqual(ExampleWeek.window("2026-W53")?.start.description, "2026-12-28T00:00:00Z")
        XCTAssertNil(ExampleWeek.window("2025-W53"))
        XCTAssertNil(ExampleWeek.window("2026-W00"))
        XCTAssertNil(ExampleWeek.window("2026-47"))
        XCTAssertNil(ExampleWeek.window("2026-W7"))
    }

    /// Rule rows are arrays in a fixed layout: the layouts must name exactly the fields the
    /// catalog documents and type-checks, in the figure table's order.
    func testRowLayoutsFollowTheFieldCatalogAndTheFigureTable() {
        XCTAssertEqual(RuleEvaluation.sessionLayout.names, FieldCatalog.fields(scope: .session).map(\.name))
        XCTAssertEqual(WindowFigures().values.map(\.name), WindowFigures.allNames)
        XCTAssertEqual(WindowFigures.allNames, FieldCatalog.figures.map(\.name))
        XCTAssertEqual(RuleEvaluation.periodLayout.names, FieldCatalog.fields(scope: .period).map(\.name))
    }
}
