import XCTest
@testable import AgentVizReport

final class PriceTableLoaderTests: XCTestCase {
    func testTheBuiltInTableLoadsAndPricesTheGeneratorsModels() throws {
        let table = try PriceTableLoader.parse(PriceTableLoader.builtInText, name: "built-in")
        XCTAssertEqual(table, PriceTableLoader.builtIn())
        XCTAssertEqual(table.date.map(RFC3339.formatDay), "2026-06-01")
        let at = Timestamp.at("2026-11-01T00:00:00Z")
        for model in ["claude-sonnet-4.6", "claude-opus-4.7", "gpt-5-mini", "gpt-5.5", "claude-haiku-4.5"] {
            XCTAssertNoThrow(try table.price(of: model, at: at).get(), model)
        }
        XCTAssertEqual(table.price(of: "acme-experimental-1", at: at), .failure(.unknownModel))
        XCTAssertEqual(table.price(of: "gpt-5-mini", at: Timestamp.at("2026-05-31T23:59:59Z")), .failure(.notYetPriced))
        // GitHub's published Sonnet 4.6 price, exactly: $3 in, $0.30 cached, $3.75 cache write, $15 out.
        XCTAssertEqual(try table.price(of: "claude-sonnet-4.6", at: at).get(),
                       PriceTable.Price(input: 3_000_000_000, cachedInput: 300_000_000, cacheWrite: 3_750_000_000, output: 15_000_000_000))
        // "Not applicable" cache writes are priced at the input price.
        XCTAssertEqual(try table.price(of: "gpt-5-mini", at: at).get().cacheWrite, 250_000_000)
    }

    func testDecimalsAreExact() {
        XCTAssertEqual(PriceTableLoader.decimalNanos("0.075"), 75_000_000)
        XCTAssertEqual(PriceTableLoader.decimalNanos("3"), 3_000_000_000)
        XCTAssertEqual(PriceTableLoader.decimalNanos("0.000000001"), 1)
        for bad in ["-1", "1e3", "0.0000000001", "1.", ".5", "$3", "", "abc"] {
            XCTAssertNil(PriceTableLoader.decimalNanos(bad), bad)
        }
    }

    func testEveryProblemIsReportedWithItsLine() {
        let text = """
            ok: [{effective: 2026-06-01, input: 1, output: 2}]
            m1:
              - {effective: 2026-13-01, input: 1, output: 2}
              - {effective: 2026-06-01, input: -1, output: 2, cachedInput: 0.1}
              - {effective: 2026-07-01, output: 2, colour: red}
            m2: 3
            """
        XCTAssertThrowsError(try PriceTableLoader.parse(text, name: "p.yml")) { error in
            let lines = (error as! PriceTableError).description.split(separator: "\n").map(String.init)
            XCTAssertEqual(lines.count, 5, lines.joined(separator: "\n"))
            XCTAssertTrue(lines[0].hasPrefix("p.yml:3:17: m1[1].effective: expected a date YYYY-MM-DD"), lines[0])
            XCTAssertTrue(lines[1].hasPrefix("p.yml:4:36: m1[2].input: expected a number"), lines[1])
            XCTAssertTrue(lines.contains { $0.contains("m1[3]: unknown key 'colour'") }, lines.joined(separator: "\n"))
            XCTAssertTrue(lines.contains { $0.contains("m1[3]: missing key 'input'") }, lines.joined(separator: "\n"))
            XCTAssertTrue(lines.contains { $0.hasPrefix("p.yml:6:") && $0.contains("m2: expected a list of prices") }, lines.joined(separator: "\n"))
        }
    }

    func testTwoPricesOnOneDayAndANonMappingAreErrors() {
        XCTAssertThrowsError(try PriceTableLoader.parse("m: [{effective: 2026-06-01, input: 1, output: 1}, {effective: 2026-06-01, input: 2, output: 2}]", name: "p"))
        XCTAssertThrowsError(try PriceTableLoader.parse("- a\n- b\n", name: "p")) { error in
            XCTAssertTrue("\(error)".contains("expected a mapping of model ids"), "\(error)")
        }
    }
}
