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

    private func report(_ result: Binary.Result) throws -> [String: Any] {
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }
}
