import Foundation
import XCTest
@testable import AgentVizReport

/// ANALYTICS.md section 1's limits and edge cases: duplicated keys, blank ids, the cost
/// ceiling, a byte-order mark, costs compared as kept.
final class SpecLimitsTests: XCTestCase {
    let line = DecoderTestLine()

    func testAKeyNamedTwiceIsMalformedAndNamed() {
        assertDecodeRejected(line.with("eventId", #""a","eventId":"b""#).text, .malformedJSON, "duplicate member name \"eventId\"")
        assertDecodeRejected(line.with("session.status", #""running","status":"failed""#).text, .malformedJSON, "\"session.status\"")
        // Unknown members too, at any depth, compared after unescaping.
        assertDecodeRejected(line.with("extra", #"1,"extra":2"#).text, .malformedJSON, "\"extra\"")
        assertDecodeRejected(line.with("extra", #"{"k":[{"a":1,"\u0061":2}]}"#).text, .malformedJSON, "\"a\"")
        assertDecoded(line.with("extra", #"[{"a":1},{"a":2}]"#).text)  // one name per object
    }

    func testIdsOfOnlyWhitespaceAreInvalid() {
        assertDecodeRejected(line.with("eventId", #"" \t ""#).text, .invalidField, "eventId", "only whitespace")
        assertDecodeRejected(line.with("session.id", #""\u00a0""#).text, .invalidField, "session.id", "only whitespace")
        assertDecoded(line.with("eventId", #"" x ""#).text)
    }

    func testCostsAboveATrillionDollarsAreOutOfRange() {
        assertDecodeRejected(line.with("metrics.estimatedCostUsd", "1.0000001e12").text, .invalidField, "out of range")
        assertDecodeRejected(line.with("metrics.estimatedCostUsd", "1e308").text, .invalidField, "out of range")
        XCTAssertEqual(assertDecoded(line.with("metrics.estimatedCostUsd", "1e12").text)?.metrics.estimatedCostUsd, 1e12)
    }

    func testAByteOrderMarkStartingAFileIsSkippedAndNowhereElse() throws {
        let good = line.text
        let path = TestFiles.write(["\u{FEFF}" + good, "\u{FEFF}" + line.with("eventId", #""e2""#).text],
                                   to: TestFiles.directory().appendingPathComponent("bom.ndjson"))
        var rejected: [RejectedLine] = []
        let counters = try ParallelInput().count([.file(path)]) { rejected.append($0) }
        XCTAssertEqual(counters.eventsAccepted, 1)
        XCTAssertEqual(rejected.map(\.line), [2], "only the file's first bytes may be a byte-order mark")
    }

    /// Costs are kept to the nano-dollar: a later 0.3 after 0.30000000000000004 is neither a
    /// regression nor, for the same eventId, a conflicting duplicate.
    func testCostsCompareAsKeptInNanoDollars() throws {
        let a = EventLine("c1", "s1", "2026-11-16T10:00:00Z").with { $0.cost = 0.1 + 0.2 }
        let b = EventLine("c2", "s1", "2026-11-16T11:00:00Z").with { $0.cost = 0.3 }
        let again = EventLine("c1", "s1", "2026-11-16T10:00:00Z").with { $0.cost = 0.3 }
        let report = try ReportHarness.report([a, b, again], .week("2026-W47"))
        XCTAssertEqual(report.input.metricRegressions, 0)
        XCTAssertEqual(report.input.counters.duplicates, 1)
        XCTAssertEqual(report.input.counters.conflictingDuplicates, 0)
        let lower = EventLine("c3", "s1", "2026-11-16T12:00:00Z").with { $0.cost = 0.299999999 }
        XCTAssertEqual(try ReportHarness.report([a, b, lower], .week("2026-W47")).input.metricRegressions, 1)
    }

    /// Integers are exact beyond 2^53: in rule comparisons, in a finding's figures and text.
    func testCountsBeyondTwoToThe53AreExactInRulesFiguresAndText() throws {
        func event(_ tokens: String) -> String {
            #"{"schemaVersion":"1.0","eventId":"b1","capturedAt":"2026-11-17T09:00:00Z","session":{"id":"s1","sourceType":"agent-task","status":"running"},"metrics":{"tokenTotal":"# + tokens + #"},"metadata":{"operatorAction":"view"}}"#
        }
        let yaml = """
            rules:
              - id: big-tokens
                severity: low
                scope: session
                title: "{{id}} used {{tokenTotal}} tokens"
                rationale: r
                recommendation: r
                when: tokenTotal > 9007199254740992
                examples:
                  - name: fires
                    week: 2026-W47
                    events: '\(event("9007199254740993"))'
                    expect: [s1]
                  - name: quiet
                    week: 2026-W47
                    events: '\(event("9007199254740992"))'
                    expect: []
            """
        let rules = try RuleSet.load(yaml: yaml, path: "big.yml")
        XCTAssertEqual(try RuleExampleCheck.run(rules, path: "big.yml").failures.map(\.description), [])
        let report = try ReportHarness.report([event("9007199254740993")], .week("2026-W47"), rules: rules)
        let finding = try XCTUnwrap(report.findings.first?.finding)
        XCTAssertEqual(finding.figures["tokenTotal"], .integer(9_007_199_254_740_993))
        XCTAssertEqual(finding.title, "s1 used 9,007,199,254,740,993 tokens")
        XCTAssertTrue(ReportHarness.json(report).contains(#""tokenTotal": 9007199254740993"#))
    }
}
