import XCTest
@testable import AgentVizReport

/// ANALYTICS.md section 7, corner by corner, with costs worked out by hand.
final class CostSemanticsTests: XCTestCase {
    /// Two prices for `m1` (the second from 2026-11-04), `m2` without cache prices.
    static let prices = try! PriceTableLoader.parse("""
        m1:
          - {effective: 2026-06-01, input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15}
          - {effective: 2026-11-04, input: 1, cachedInput: 0.1, cacheWrite: 1.25, output: 5}
        m2:
          - {effective: 2026-06-01, input: 2, output: 10}
        later:
          - {effective: 2027-01-01, input: 1, output: 1}
        odd:
          - {effective: 2026-06-01, input: 0.0015, output: 0}
        """, name: "test-prices.yml")

    func line(_ id: String, _ session: String, _ at: String, model: String? = nil, input: Int, output: Int = 0,
              cache: (Int, Int)? = nil, cost: Double? = nil, credits: Double? = nil) -> EventLine {
        EventLine(id, session, at).with {
            $0.model = model
            $0.tokens = (input, output)
            $0.cache = cache.map { (read: $0.0, write: $0.1) }
            $0.cost = cost
            $0.aiCredits = credits
        }
    }

    func week(_ lines: [EventLine], _ label: String = "2026-W45") throws -> WindowFigures {
        try ReportHarness.report(lines, .week(label), prices: Self.prices).totals
    }

    func testComputedCostUsesTheCacheSplitAndThePriceInForceAtTheLastEvent() throws {
        // W45 is 2026-11-02..09. Usage in the window: input 1,000,000 (of which 200,000 cache
        // reads and 100,000 cache writes), output 100,000. Last event on 11-05: the 11-04 price.
        let lines = [
            line("a", "s", "2026-11-03T10:00:00Z", model: "m1", input: 0),
            line("b", "s", "2026-11-05T10:00:00Z", model: "m1", input: 1_000_000, output: 100_000, cache: (200_000, 100_000)),
        ]
        let f = try week(lines)
        // 700,000 x $1 + 200,000 x $0.1 + 100,000 x $1.25 + 100,000 x $5, per million.
        XCTAssertEqual(f.costComputedNanos, 700_000_000 + 20_000_000 + 125_000_000 + 500_000_000)
        XCTAssertEqual(f.usage.costNanos, f.costComputedNanos)
        XCTAssertEqual(f.costReportedNanos, 0)
        XCTAssertEqual(f.aiCreditsNanos, f.usage.costNanos * 100, "credits: cost x 100")
        // The same usage ending before 11-04 takes the older price.
        let early = try week([lines[0], line("b", "s", "2026-11-03T12:00:00Z", model: "m1", input: 1_000_000, output: 100_000, cache: (200_000, 100_000))])
        XCTAssertEqual(early.costComputedNanos, 2_100_000_000 + 60_000_000 + 375_000_000 + 1_500_000_000)
    }

    func testCacheTokensAboveInputLeaveNoNegativeUncachedInputAndMissingCachePricesUseTheInputPrice() throws {
        let f = try week([line("a", "s", "2026-11-03T10:00:00Z", model: "m2", input: 100, output: 0, cache: (150, 50))])
        // max(0, 100 - 150 - 50) = 0 uncached; cache reads and writes at the input price $2.
        XCTAssertEqual(f.costComputedNanos, (150 + 50) * 2_000)
    }

    func testComputedCostIsRoundedToTheNearestNanoDollar() throws {
        // $0.0015 per million: 1 token is 1.5 nano-dollars, 3 tokens 4.5: halves round up.
        XCTAssertEqual(try week([line("a", "s", "2026-11-03T10:00:00Z", model: "odd", input: 1)]).costComputedNanos, 2)
        XCTAssertEqual(try week([line("a", "s", "2026-11-03T10:00:00Z", model: "odd", input: 3)]).costComputedNanos, 5)
        XCTAssertEqual(try week([line("a", "s", "2026-11-03T10:00:00Z", model: "odd", input: 1),
                                 line("b", "t", "2026-11-03T10:00:00Z", model: "odd", input: 1)]).costComputedNanos, 4,
                       "each session's cost is kept to the nano-dollar, then summed")
    }

    func testTheModelIsTheOneAsOfTheWindowEnd() throws {
        let lines = [
            line("a", "s", "2026-11-03T10:00:00Z", model: "m2", input: 0),
            line("b", "s", "2026-11-04T10:00:00Z", input: 1_000_000),  // no model: still m2
            line("c", "s", "2026-11-10T10:00:00Z", model: "m1", input: 2_000_000),  // next week
        ]
        XCTAssertEqual(try week(lines).costComputedNanos, 2_000_000_000, "m2 at $2")
        XCTAssertEqual(try week(lines, "2026-W46").costComputedNanos, 1_000_000_000, "m1 at $1 from 11-04")
    }

    func testAReportedCostAnywhereInTheSessionMakesEveryWindowReported() throws {
        // The cost arrives only the next week: this week the session reported 0 while using tokens.
        let lines = [
            line("a", "s", "2026-11-03T10:00:00Z", model: "m1", input: 1_000),
            line("b", "s", "2026-11-10T10:00:00Z", model: "m1", input: 2_000, cost: 0.25),
        ]
        let w45 = try week(lines), w46 = try week(lines, "2026-W46")
        XCTAssertEqual(w45.costReportedNanos, 0)
        XCTAssertEqual(w45.costComputedNanos, 0, "never computed: its events report a cost")
        XCTAssertEqual(w45.zeroCostSessions, 1)
        XCTAssertEqual(w46.costReportedNanos, 250_000_000, "weeks add up to what it reported")
        XCTAssertEqual(w46.zeroCostSessions, 0)
    }

    func testUnpricedSessionsAreCountedAndAddNothing() throws {
        let lines = [
            line("a", "nomodel", "2026-11-03T10:00:00Z", input: 500),
            line("b", "unknown", "2026-11-03T10:00:00Z", model: "gpt-99", input: 500),
            line("c", "early", "2026-11-03T10:00:00Z", model: "later", input: 500),
            line("d", "idle", "2026-11-03T10:00:00Z", model: "gpt-99", input: 0),
        ]
        let report = try ReportHarness.report(lines, .week("2026-W45"), prices: Self.prices)
        XCTAssertEqual(report.totals.unpricedSessions, 3, "a session without tokens has nothing to price")
        XCTAssertEqual(report.totals.usage.costNanos, 0)
        XCTAssertEqual(report.costBasis.unpriced.map(\.reason), [.noModel, .unknownModel, .notYetPriced])
        XCTAssertEqual(report.costBasis.priceTable, "test-prices.yml")
        XCTAssertEqual(report.costBasis.priceTableDate, Timestamp.at("2027-01-01T00:00:00Z"))
        XCTAssertTrue(MarkdownReportRenderer().render(report).contains("**3 sessions used tokens but could not be priced**"))
    }

    func testReportedCreditsWinOverCostTimesHundred() throws {
        let lines = [
            line("a", "s", "2026-11-03T10:00:00Z", input: 10, cost: 0.5, credits: 10),
            line("b", "s", "2026-11-04T10:00:00Z", input: 20, cost: 1.0, credits: 12.5),
            line("c", "t", "2026-11-04T10:00:00Z", input: 20, cost: 1.0),
        ]
        let f = try week(lines)
        XCTAssertEqual(f.aiCreditsNanos, 12_500_000_000 + 100_000_000_000)
        XCTAssertEqual(f.aiCredits, 112.5)
    }

    func testCostRuleFieldsAndByModel() throws {
        let lines = [
            line("a", "s", "2026-11-03T10:00:00Z", model: "m2", input: 1_000_000),
            line("b", "t", "2026-11-03T10:00:00Z", model: "m1", input: 1_000_000, cost: 0.5),
        ]
        let report = try ReportHarness.report(lines, .week("2026-W45"), prices: Self.prices)
        XCTAssertEqual(report.byModel.map(\.key), ["m2", "m1"], "most costly first: $2.00 computed, $0.50 reported")
        XCTAssertEqual(report.byModel.map(\.figures.costComputedNanos), [2_000_000_000, 0])
        let bySession = Dictionary(uniqueKeysWithValues: report.topSessions.map { ($0.sessionId, $0) })
        XCTAssertEqual(bySession["s"]?.costSource, .computed)
        XCTAssertEqual(bySession["t"]?.costSource, .reported)
        XCTAssertEqual(bySession["t"]?.pricedNanos, 3_000_000_000, "what its tokens cost at m1's price")
    }
}
