import XCTest
@testable import AgentVizReport

/// Every kind of rule-file problem, with the exact text the user sees.
final class RuleFileErrorTests: RulesTestCase {
    func testTheValidRuleLoads() throws {
        let set = try RuleSet.load(yaml: ruleYAML(), path: "rules/custom.yml")
        XCTAssertEqual(set.rules.map(\.id), ["high-token-session"])
        XCTAssertEqual(set.rules[0].line, 2)
        XCTAssertEqual(set.rules[0].fieldsRead, ["tokenTotal", "id"])
    }

    func testUnknownFieldNamesFileRuleLineAndColumn() throws {
        let yaml = """
        # Custom rules for acme.
        # Thresholds tuned for a small team.
        rules:
          - id: high-token-session
            severity: medium
            scope: session
            title: "Session {{id}} used {{tokenTotal}} tokens"
            rationale: Big sessions cost.
            recommendation: Split the task.
            # 500k: about 1 in 80 sessions in our history

            when: tokenTotl >= 500000
        """
        do {
            _ = try RuleSet.load(yaml: yaml, path: "rules/custom.yml")
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.description,
                           "rules/custom.yml:12:11: rule 'high-token-session': when: unknown field 'tokenTotl' in scope session (did you mean 'tokenTotal'?)")
            let e = try XCTUnwrap(error.errors.first)
            XCTAssertEqual(e.kind, .unknownField)
            XCTAssertEqual(e.ruleId, "high-token-session")
            XCTAssertEqual(e.expressionColumn, 1)
            XCTAssertEqual(e.valueLine, 12)
            XCTAssertEqual(e.valueColumn, 11)
        }
    }

    func testYAMLSyntaxError() {
        XCTAssertEqual(loadErrors("rules:\n  - id: x\n    title: \"unclosed\n"), [
            "rules/custom.yml:4:1: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar at line 3, column 12)",
        ])
        XCTAssertEqual(loadErrors("rules:\n  - id: a\n    id: b\n"), [
            "rules/custom.yml:2:5: YAML syntax error: duplicate key 'id' in a mapping",
        ])
    }

    func testNotAMapping() {
        XCTAssertEqual(loadErrors("- a\n- b\n"), [
            "rules/custom.yml:1:1: expected a mapping with a 'rules' list (or 'overrides') at the top of the file",
        ])
        XCTAssertEqual(loadErrors(""), [
            "rules/custom.yml:1:1: expected a mapping with a 'rules' list (or 'overrides') at the top of the file",
        ])
        XCTAssertEqual(loadErrors("rules:\n  - just-a-string\n"), [
            "rules/custom.yml:2:5: rule #1 is not a mapping (expected id, severity, scope, title, rationale, recommendation, when)",
        ])
        XCTAssertEqual(loadErrors("rules: 3\n"), ["rules/custom.yml:1:8: rules: expected a list of rules"])
    }

    func testMissingKeys() {
        XCTAssertEqual(loadErrors(ruleYAML(["when": "-"])), [
            "rules/custom.yml:2:5: rule 'high-token-session': missing key 'when'",
        ])
        XCTAssertEqual(loadErrors(ruleYAML(["id": "-"])), [
            "rules/custom.yml:2:5: missing key 'id' in rule #1",
        ])
        XCTAssertEqual(loadErrors("other: 1\n"), [
            "rules/custom.yml:1:1: unknown key 'other' (allowed: rules, overrides)",
            "rules/custom.yml:1:1: missing key 'rules'",
        ])
        XCTAssertEqual(loadErrors(ruleYAML(["title": "[a, b]"])), [
            "rules/custom.yml:5:12: rule 'high-token-session': title: expected text, found a list",
        ])
    }

    func testUnknownKeys() {
        XCTAssertEqual(loadErrors(ruleYAML(extra: "    whn: failed\n    colour: red\n")), [
            "rules/custom.yml:9:5: rule 'high-token-session': unknown key 'whn' (did you mean 'when'?)",
            "rules/custom.yml:10:5: rule 'high-token-session': unknown key 'colour' (allowed: id, severity, scope, by, title, rationale, recommendation, when, estimatedSavingsUsd, params, examples)",
        ])
    }

    func testBadAndDuplicateIds() {
        XCTAssertEqual(loadErrors(ruleYAML(["id": "High_Token"])), [
            "rules/custom.yml:2:9: rule 'High_Token': id: invalid id 'High_Token': use lowercase letters, digits and '-' only",
        ])
        XCTAssertEqual(loadErrors(ruleYAML() + ruleYAML().dropFirst("rules:\n".count)), [
            "rules/custom.yml:9:9: rule 'high-token-session': id: duplicate id 'high-token-session' (first defined at rules/custom.yml:2:9)",
        ])
    }

    func testDuplicateIdsAcrossFiles() {
        do {
            _ = try RuleSet.load(files: [(path: "rules/default.yml", text: ruleYAML()), (path: "rules/custom.yml", text: ruleYAML())])
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.description,
                           "rules/custom.yml:2:9: rule 'high-token-session': id: duplicate id 'high-token-session' (first defined at rules/default.yml:2:9)")
            XCTAssertEqual(error.errors.map(\.kind), [.duplicateId])
        }
    }

    func testUnknownSeverityAndScope() {
        XCTAssertEqual(loadErrors(ruleYAML(["severity": "urgent", "scope": "repo"])), [
            "rules/custom.yml:3:15: rule 'high-token-session': severity: unknown severity 'urgent' (expected info, low, medium, high or critical)",
            "rules/custom.yml:4:12: rule 'high-token-session': scope: unknown scope 'repo' (expected session, group or period)",
        ])
    }

    func testByProblems() {
        XCTAssertEqual(loadErrors(ruleYAML(extra: "    by: [repository]\n")), [
            "rules/custom.yml:9:9: rule 'high-token-session': by: by is only allowed in scope group (this rule's scope is session)",
        ])
        let group = ["scope": "group", "title": "\"{{repository}} failed\"", "when": "failedSessions >= 3"]
        XCTAssertEqual(loadErrors(ruleYAML(group)), [
            "rules/custom.yml:2:5: rule 'high-token-session': missing key 'by' (scope group needs the fields to group by, for example by: [repository, branch])",
        ])
        XCTAssertEqual(loadErrors(ruleYAML(group, extra: "    by: [repo, branch, branch, owner]\n")), [
            "rules/custom.yml:9:10: rule 'high-token-session': by: unknown by field 'repo' (did you mean 'repository'?)",
            "rules/custom.yml:9:24: rule 'high-token-session': by: 'branch' is listed twice",
            "rules/custom.yml:9:32: rule 'high-token-session': by: unknown by field 'owner' (allowed: repository, branch, sourceType, status, model)",
        ])
        XCTAssertEqual(loadErrors(ruleYAML(group, extra: "    by: []\n")), [
            "rules/custom.yml:9:9: rule 'high-token-session': by: by must list at least one field",
        ])
    }

    func testExpressionSyntaxErrorPointsIntoTheExpression() throws {
        let errors = loadErrors(ruleYAML(["when": "tokenTotal >= 5 &&"]))
        XCTAssertEqual(errors, [
            "rules/custom.yml:8:29: rule 'high-token-session': when: syntax error: expected a value, found end of expression",
        ])
    }

    func testTypeErrors() {
        XCTAssertEqual(loadErrors(ruleYAML(["when": "status > 3"])), [
            "rules/custom.yml:8:18: rule 'high-token-session': when: type error: '>' compares string field 'status' with number 3",
        ])
        XCTAssertEqual(loadErrors(ruleYAML(["when": "tokenTotal * 2"])), [
            "rules/custom.yml:8:11: rule 'high-token-session': when: type error: expected a boolean expression, found a number",
        ])
        XCTAssertEqual(loadErrors(ruleYAML(["when": "tokenTotal && failed"])), [
            "rules/custom.yml:8:11: rule 'high-token-session': when: type error: '&&' needs booleans, found number field 'tokenTotal'",
        ])
        XCTAssertEqual(loadErrors(ruleYAML(extra: "    estimatedSavingsUsd: failed\n")), [
            "rules/custom.yml:9:26: rule 'high-token-session': estimatedSavingsUsd: type error: expected a number expression, found a boolean",
        ])
        XCTAssertEqual(loadErrors(ruleYAML(extra: "    estimatedSavingsUsd: status + 1\n")), [
            "rules/custom.yml:9:26: rule 'high-token-session': estimatedSavingsUsd: type error: '+' needs numbers, found string field 'status'",
        ])
    }

    func testExpressionPositionsInQuotedAndBlockScalars() {
        XCTAssertEqual(loadErrors(ruleYAML(["when": "'failed && statu == \"failed\"'"])), [
            "rules/custom.yml:8:22: rule 'high-token-session': when: unknown field 'statu' in scope session (did you mean 'status'?)",
        ])
        XCTAssertEqual(loadErrors(ruleYAML(["when": "\"failed && \\\"x\\\" == statu\""])), [
            "rules/custom.yml:8:31: rule 'high-token-session': when: unknown field 'statu' in scope session (did you mean 'status'?)",
        ])
        XCTAssertEqual(loadErrors(ruleYAML(["when": ">-\n      tokenTotal >= 5 &&\n      statu == \"x\""])), [
            "rules/custom.yml:10:7: rule 'high-token-session': when: unknown field 'statu' in scope session (did you mean 'status'?)",
        ])
        XCTAssertEqual(loadErrors(ruleYAML(["when": "tokenTotal >= 5 &&\n      statu == \"x\""])), [
            "rules/custom.yml:9:7: rule 'high-token-session': when: unknown field 'statu' in scope session (did you mean 'status'?)",
        ])
    }

    func testLeadingBangIsReadAsATag() {
        XCTAssertEqual(loadErrors(ruleYAML(["when": "!completed"])), [
            "rules/custom.yml:8:11: rule 'high-token-session': when: YAML reads the leading '!completed' as a tag; quote the whole expression, for example when: '!completed && ...'",
        ])
        XCTAssertEqual(try RuleSet.load(yaml: ruleYAML(["when": "'!completed && failed'"]), path: "r.yml").rules.count, 1)
    }

    func testTemplateErrors() {
        XCTAssertEqual(loadErrors(ruleYAML(["title": "\"Session {{idd}} used {{ tokenTotal }}\""])), [
            "rules/custom.yml:5:23: rule 'high-token-session': title: unknown field 'idd' in scope session (did you mean 'id'?)",
        ])
        XCTAssertEqual(loadErrors(ruleYAML(["recommendation": "Split {{id"])), [
            "rules/custom.yml:7:27: rule 'high-token-session': recommendation: unclosed '{{'",
        ])
        XCTAssertEqual(loadErrors(ruleYAML(["recommendation": "Saves {{estimatedSavingsUsd}}"])), [
            "rules/custom.yml:7:29: rule 'high-token-session': recommendation: '{{estimatedSavingsUsd}}' needs the rule to define estimatedSavingsUsd",
        ])
        XCTAssertEqual(loadErrors(ruleYAML(["recommendation": "Saves {{ }}"])), [
            "rules/custom.yml:7:27: rule 'high-token-session': recommendation: empty '{{}}'",
        ])
    }

    func testExampleProblems() {
        let examples = """
            examples:
              - name: no week
                events: |
                  {"schemaVersion":"1.0","eventId":"e1","capturedAt":"2026-11-17T09:00:00Z","session":{"id":"s1","sourceType":"local-copilot","status":"running"},"metadata":{"operatorAction":"view"}}
                expect: [s1]
              - name: nothing else
              - name: bad parts
                week: 2026-W54
                events: |
                  {"schemaVersion":"1.0","eventId":"e1"}
                  not json
                expect: s1
                note: hi

        """
        XCTAssertEqual(loadErrors(ruleYAML(extra: examples)), [
            "rules/custom.yml:10:9: rule 'high-token-session': example 'no week': missing key 'week'",
            "rules/custom.yml:14:9: rule 'high-token-session': example 'nothing else': missing key 'week'",
            "rules/custom.yml:14:9: rule 'high-token-session': example 'nothing else': missing key 'events'",
            "rules/custom.yml:14:9: rule 'high-token-session': example 'nothing else': missing key 'expect'",
            "rules/custom.yml:16:15: rule 'high-token-session': example 'bad parts': week: week must be an ISO week label such as 2026-W47, found '2026-W54'",
            "rules/custom.yml:18:11: rule 'high-token-session': example 'bad parts': events: event lacks capturedAt",
            "rules/custom.yml:19:11: rule 'high-token-session': example 'bad parts': events: not a JSON object",
            "rules/custom.yml:20:17: rule 'high-token-session': example 'bad parts': expect must be a list of finding keys ([] when the rule must not fire)",
            "rules/custom.yml:21:9: rule 'high-token-session': example 'bad parts': unknown key 'note' (allowed: name, week, events, expect, budget, invalidLines)",
        ])
    }

    func testExampleKeysMatchTheScope() {
        let event = #"{"schemaVersion":"1.0","eventId":"e1","capturedAt":"2026-11-17T09:00:00Z","session":{"id":"s1","sourceType":"local-copilot","status":"failed","repository":"acme/api"},"metadata":{"operatorAction":"view"}}"#
        let group = ruleYAML(["scope": "group", "title": "\"{{repository}}\"", "when": "failedSessions >= 1"], extra: """
            by: [repository]
            examples:
              - name: wrong fields
                week: 2026-W47
                events: '\(event)'
                expect: [{repository: acme/api, branch: main}, {repository: null}, {repository: null}]

        """)
        XCTAssertEqual(loadErrors(group), [
            "rules/custom.yml:14:18: rule 'high-token-session': example 'wrong fields': expect: a group finding's key is a mapping of exactly the by fields, for example {repository: ...}",
            "rules/custom.yml:14:76: rule 'high-token-session': example 'wrong fields': expect: {repository: null} is listed twice",
        ])
        let period = ruleYAML(["scope": "period", "title": "\"{{label}}\"", "when": "failedSessions >= 1"], extra: """
            examples:
              - name: wrong label
                week: 2026-W47
                events: '\(event)'
                expect: [2026-W46]

        """)
        XCTAssertEqual(loadErrors(period), [
            "rules/custom.yml:13:18: rule 'high-token-session': example 'wrong label': expect: a period finding's key is the window label '2026-W47'",
        ])
    }

    func testEveryProblemIsCollectedInFileOrder() throws {
        let yaml = ruleYAML(["severity": "urgent", "when": "tokenTotl > 1 && status > 3"]) + """
          - id: second
            severity: low
            scope: period
            title: "{{labl}}"
            rationale: r
            recommendation: r
            when: change.cost > 1

        """
        do {
            _ = try RuleSet.load(yaml: yaml, path: "rules/custom.yml")
            XCTFail("expected errors")
        } catch {
            XCTAssertEqual(error.errors.map(\.kind), [.unknownSeverity, .unknownField, .typeError, .templateError, .unknownField])
            XCTAssertEqual(error.errors.map(\.ruleId), ["high-token-session", "high-token-session", "high-token-session", "second", "second"])
            XCTAssertEqual(error.errors.map(\.line), [3, 8, 8, 12, 15])
            XCTAssertEqual(error.errors.last?.description,
                           "rules/custom.yml:15:11: rule 'second': when: unknown field 'change.cost' in scope period (did you mean 'change.costReportedUsd'?)")
        }
    }
}
