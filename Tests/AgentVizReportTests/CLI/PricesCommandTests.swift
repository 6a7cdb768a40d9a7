import Foundation
import XCTest
@testable import AgentVizReport

/// `prices` and `--prices` through the built binary.
final class PricesCommandTests: XCTestCase {
    let v11 = TestFiles.fixture("sample-history-v11.ndjson")
    let now = "--now=2026-12-04T00:00:00Z"

    func testPricesListsTheBuiltInTable() throws {
        let result = try Binary.run(["prices"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("| claude-sonnet-4.6 | 2026-06-01 | $3.00 | $0.30 | $3.75 | $15.00 |"), result.stdout)
        let json = try Binary.run(["prices", "--format", "json"])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["priceTableDate"] as? String, "2026-06-01")
    }

    func testAnotherTablePricesTheUnknownModelAndIsNamedInCostBasis() throws {
        let dir = TestFiles.directory()
        // The built-in table plus the generator's unknown model.
        let table = PriceTableLoader.builtInText + "\nacme-experimental-1:\n  - {effective: 2026-09-01, input: 1, output: 4}\n"
        let path = dir.appendingPathComponent("prices.yml").path
        try table.write(toFile: path, atomically: true, encoding: .utf8)
        let args = ["weekly", "--input", v11, "--week", "2026-W47", "--format", "json", now]
        let builtIn = try report(try Binary.run(args))
        let custom = try report(try Binary.run(args + ["--prices", path]))
        let builtInTotals = try XCTUnwrap(builtIn["totals"] as? [String: Any])
        let customTotals = try XCTUnwrap(custom["totals"] as? [String: Any])
        XCTAssertEqual(builtInTotals["unpricedSessions"] as? Int, 2)
        XCTAssertEqual(customTotals["unpricedSessions"] as? Int, 1, "only the session without a model is left")
        XCTAssertGreaterThan(try XCTUnwrap(customTotals["costComputedUsd"] as? Double), try XCTUnwrap(builtInTotals["costComputedUsd"] as? Double))
        let basis = try XCTUnwrap(custom["costBasis"] as? [String: Any])
        XCTAssertEqual(basis["priceTable"] as? String, path)
        XCTAssertEqual(basis["priceTableDate"] as? String, "2026-09-01")
    }

    func testABadPriceTableIsAUsageErrorBeforeAnyWork() throws {
        let path = TestFiles.directory().appendingPathComponent("bad.yml").path
        try "m1:\n  - {effective: someday, input: 1, output: 2}\n".write(toFile: path, atomically: true, encoding: .utf8)
        for args in [["weekly", "--input", v11, "--prices", path, now], ["prices", "--prices", path]] {
            let result = try Binary.run(args)
            XCTAssertEqual(result.status, 2, result.stderr)
            XCTAssertTrue(result.stderr.contains("\(path):2:17: m1[1].effective: expected a date YYYY-MM-DD"), result.stderr)
            XCTAssertEqual(result.stdout, "")
        }
        let missing = try Binary.run(["weekly", "--input", v11, "--prices", "/nonexistent/prices.yml", now])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("--prices /nonexistent/prices.yml: no such readable file"), missing.stderr)
    }

    /// Hand-computed through the binary: a session with a known model and no reported cost,
    /// priced at the table row in force at its last event in the window (a price change on
    /// 2026-11-04, between its events).
    func testAComputedCostToTheNanoDollarWithTheRowInForceAtTheLastEvent() throws {
        let dir = TestFiles.directory()
        let prices = dir.appendingPathComponent("p.yml").path
        try """
            m1:
              - {effective: 2026-06-01, input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15}
              - {effective: 2026-11-04, input: 1.000000001, cachedInput: 0.1, output: 5}
            """.write(toFile: prices, atomically: true, encoding: .utf8)
        let lines = [
            EventLine("a", "s", "2026-11-03T10:00:00Z").with { $0.model = "m1"; $0.tokens = (0, 0) },
            EventLine("b", "s", "2026-11-05T10:00:00Z").with { $0.tokens = (1_000_003, 100_001); $0.cache = (read: 200_000, write: 100_000) },
        ]
        let r = try report(try Binary.run(["weekly", "--input", TestFiles.write(lines), "--week", "2026-W45", "--format", "json",
                                           "--prices", prices, now]))
        let totals = try XCTUnwrap(r["totals"] as? [String: Any])
        // 700,003 x $1.000000001 + 200,000 x $0.1 + 100,000 x $1.000000001 (no cache-write
        // price: the input price) + 100,001 x $5, per million: 1.320008000800003 -> $1.320008001 (to the nearest nano-dollar).
        XCTAssertEqual(try XCTUnwrap(totals["costComputedUsd"] as? Double), 1.320008001, accuracy: 1e-13)
        XCTAssertEqual(totals["unpricedSessions"] as? Int, 0)
        XCTAssertEqual(try XCTUnwrap(totals["aiCredits"] as? Double), 132.0008001, accuracy: 1e-10)
    }

    private func report(_ result: Binary.Result) throws -> [String: Any] {
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }
}
