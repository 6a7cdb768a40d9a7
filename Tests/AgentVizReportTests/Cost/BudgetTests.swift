import XCTest
@testable import AgentVizReport

final class BudgetTests: XCTestCase {
    func testParse() throws {
        XCTAssertEqual(try Budget.parse("500usd"), Budget(amountNanos: 500_000_000_000, unit: .usd))
        XCTAssertEqual(try Budget.parse(" $1,234.50 "), Budget(amountNanos: 1_234_500_000_000, unit: .usd))
        XCTAssertEqual(try Budget.parse("40000 Credits"), Budget(amountNanos: 40_000_000_000_000, unit: .credits))
        XCTAssertEqual(try Budget.parse("1credit"), Budget(amountNanos: 1_000_000_000, unit: .credits))
        for bad in ["500", "usd", "-5usd", "0usd", "5 euros", "1e3usd", ""] {
            XCTAssertThrowsError(try Budget.parse(bad), bad) { error in
                XCTAssertTrue("\(error)".contains("for example 500usd or 40000credits"), "\(error)")
            }
        }
    }

    /// A week ending on 1 December is judged in November; one ending mid-month up to its end.
    func testTheMonthToDateOfAWindow() {
        let w48 = Window(kind: .week, label: "2026-W48", start: .at("2026-11-23T00:00:00Z"), end: .at("2026-11-30T00:00:00Z"))
        XCTAssertEqual(Budget.monthToDate(for: w48).start, .at("2026-11-01T00:00:00Z"))
        XCTAssertEqual(Budget.monthToDate(for: w48).end, .at("2026-11-30T00:00:00Z"))
        let w49 = Window(kind: .week, label: "2026-W49", start: .at("2026-11-30T00:00:00Z"), end: .at("2026-12-07T00:00:00Z"))
        XCTAssertEqual(Budget.monthToDate(for: w49).start, .at("2026-12-01T00:00:00Z"), "allowances reset on the 1st, 00:00 UTC")
        let november = Window(kind: .month, label: "2026-11", start: .at("2026-11-01T00:00:00Z"), end: .at("2026-12-01T00:00:00Z"))
        XCTAssertEqual(Budget.monthToDate(for: november).end, .at("2026-12-01T00:00:00Z"))
    }

    func testPaceProjectionAndRunOutDay() {
        // $30 spent in the first 10 days of a 30-day month against $60: $90 projected, and
        // $60 is reached at day 20.
        let budget = Budget(amountNanos: 60_000_000_000, unit: .usd)
        let mtd = Window(kind: .custom, label: "x", start: .at("2026-11-01T00:00:00Z"), end: .at("2026-11-11T00:00:00Z"))
        var figures = WindowFigures()
        figures.usage.costNanos = 30_000_000_000
        let s = BudgetStatus.of(budget, monthToDate: mtd, figures: figures)
        XCTAssertEqual(s.projectedNanos, 90_000_000_000)
        XCTAssertEqual(s.runsOutAt, .at("2026-11-21T00:00:00Z"))
        XCTAssertEqual(s.elapsedShare, 1.0 / 3.0, accuracy: 1e-12)
        XCTAssertFalse(s.alreadyExceeded)
        // Within the budget: no run-out day. In credits: aiCredits is what counts.
        XCTAssertNil(BudgetStatus.of(Budget(amountNanos: 100_000_000_000, unit: .usd), monthToDate: mtd, figures: figures).runsOutAt)
        figures.aiCreditsNanos = 1_000_000_000_000
        let credits = BudgetStatus.of(Budget(amountNanos: 2_000_000_000_000, unit: .credits), monthToDate: mtd, figures: figures)
        XCTAssertEqual(credits.spentNanos, 1_000_000_000_000)
        XCTAssertEqual(credits.projectedNanos, 3_000_000_000_000)
    }

    func testBudgetThroughTheBinary() throws {
        let lines = [
            EventLine("b1", "s1", "2026-11-05T09:00:00Z", "completed").with { $0.tokens = (1000, 0); $0.cost = 50 },
            EventLine("b2", "s2", "2026-11-18T09:00:00Z", "completed").with { $0.tokens = (1000, 0); $0.cost = 30 },
        ]
        let input = TestFiles.write(lines)
        let args = ["weekly", "--input", input, "--week", "2026-W47", "--now", "2026-12-01T00:00:00Z"]
        let md = try Binary.run(args + ["--budget", "100usd"])
        XCTAssertEqual(md.status, 0, md.stderr)
        XCTAssertTrue(md.stdout.contains("Budget 2026-11: $80.00 of $100.00 spent by 2026-11-23T00:00:00Z (73.3% of the month); "
            + "at this pace the month ends at $109.09: **the budget runs out on 2026-11-28**."), md.stdout)
        XCTAssertTrue(md.stdout.contains("### `budget-pace` (high, 1 finding)"), md.stdout)
        let gate = try Binary.run(args + ["--budget", "100usd", "--fail-on", "high"])
        XCTAssertEqual(gate.status, 3)
        XCTAssertTrue(gate.stderr.contains("high budget-pace 2026-W47"), gate.stderr)
        let json = try Binary.run(args + ["--budget", "100usd", "--format", "json"])
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let budget = try XCTUnwrap(report["budget"] as? [String: Any])
        XCTAssertEqual(budget["spent"] as? Double, 80)
        XCTAssertEqual(budget["runsOutAt"] as? String, "2026-11-28T12:00:00Z")
        let none = try Binary.run(args + ["--format", "json"])
        let noBudget = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(none.stdout.utf8)) as? [String: Any])
        XCTAssertTrue(noBudget["budget"] is NSNull)
        let bad = try Binary.run(args + ["--budget", "lots"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("--budget 'lots' is not a budget"), bad.stderr)
    }
}
