import XCTest
@testable import AgentVizReport

final class RuleTemplateTests: RulesTestCase {
    func testNumbersForPeople() {
        XCTAssertEqual(RuleValueFormat.number(812_400, format: .number), "812,400")
        XCTAssertEqual(RuleValueFormat.number(0, format: .number), "0")
        XCTAssertEqual(RuleValueFormat.number(999, format: .number), "999")
        XCTAssertEqual(RuleValueFormat.number(1000, format: .number), "1,000")
        XCTAssertEqual(RuleValueFormat.number(-1_234_567, format: .number), "-1,234,567")
        XCTAssertEqual(RuleValueFormat.number(37.5, format: .number), "37.50")
        XCTAssertEqual(RuleValueFormat.number(1234.567, format: .number), "1,234.57")
        XCTAssertEqual(RuleValueFormat.number(-0.25, format: .number), "-0.25")
        XCTAssertEqual(RuleValueFormat.number(14398, format: .identifier), "14398")
    }

    func testMoneyAndRatios() {
        XCTAssertEqual(RuleValueFormat.number(1234.56, format: .money), "$1,234.56")
        XCTAssertEqual(RuleValueFormat.number(3.5, format: .money), "$3.50")
        XCTAssertEqual(RuleValueFormat.number(0.004, format: .money), "$0.00")
        XCTAssertEqual(RuleValueFormat.number(-12, format: .money), "-$12.00")
        XCTAssertEqual(RuleValueFormat.number(0.125, format: .ratio), "12.5%")
        XCTAssertEqual(RuleValueFormat.number(0.25, format: .ratio), "25%")
        XCTAssertEqual(RuleValueFormat.number(2.0 / 3.0, format: .ratio), "66.7%")
        XCTAssertEqual(RuleValueFormat.number(15, format: .ratio), "1,500%")
        XCTAssertEqual(RuleValueFormat.number(-0.4, format: .ratio), "-40%")
        XCTAssertEqual(RuleValueFormat.number(-0.0001, format: .ratio), "0%")
    }

    func testValues() {
        XCTAssertEqual(RuleValueFormat.value(.null, format: .money), "n/a")
        XCTAssertEqual(RuleValueFormat.value(.string("acme/api"), format: .plain), "acme/api")
        XCTAssertEqual(RuleValueFormat.value(.bool(true), format: .plain), "true")
    }

    func testRenderUsesEachFieldsFormat() throws {
        let template = try RuleTemplate.parse(
            "{{id}}: {{ tokenTotal }} tokens, {{estimatedCostUsd}}, rate {{failureRate}}, " +
            "cost change {{change.estimatedCostUsd}} from {{previous.estimatedCostUsd}}, " +
            "PR {{prNumber}}, idle {{idleHours}} h, saves {{estimatedSavingsUsd}}, repo {{repository}}").get()
        let values: [String: RuleValue] = [
            "id": .string("s1"), "tokenTotal": .number(812_400), "estimatedCostUsd": .number(1234.5),
            "failureRate": .number(0.125), "change.estimatedCostUsd": .number(0.5),
            "previous.estimatedCostUsd": .number(823), "prNumber": .number(14398), "idleHours": .number(37.5),
            "estimatedSavingsUsd": .number(8), "repository": .null,
        ]
        XCTAssertEqual(template.render(values),
                       "s1: 812,400 tokens, $1,234.50, rate 12.5%, cost change 50% from $823.00, PR 14398, idle 37.50 h, saves $8.00, repo n/a")
        XCTAssertEqual(template.fieldNames.count, 10)
    }

    func testParseKeepsTextAndOffsets() throws {
        let template = try RuleTemplate.parse("a {{ b }} c {{d}}").get()
        XCTAssertEqual(template.parts, [.text("a "), .field("b", offset: 5), .text(" c "), .field("d", offset: 14)])
        XCTAssertEqual(try RuleTemplate.parse("no fields, { single } braces").get().parts, [.text("no fields, { single } braces")])
        XCTAssertEqual(RuleTemplate.parse("x {{y").failure, RuleTemplateError(offset: 2, message: "unclosed '{{'"))
    }
}

extension Result {
    var failure: Failure? { if case .failure(let e) = self { return e } else { return nil } }
}
