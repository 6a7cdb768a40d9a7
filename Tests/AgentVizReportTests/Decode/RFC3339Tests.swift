import XCTest
@testable import AgentVizReport

final class RFC3339Tests: XCTestCase {
    private func micros(_ text: String) -> Int64? { RFC3339.parse(text)?.microseconds }

    func testEpochAndSimpleInstants() {
        XCTAssertEqual(micros("1970-01-01T00:00:00Z"), 0)
        XCTAssertEqual(micros("1970-01-02T00:00:01Z"), 86_401_000_000)
        XCTAssertEqual(micros("1969-12-31T23:59:59Z"), -1_000_000)
        XCTAssertEqual(micros("2026-11-22T10:00:00Z"), 1_795_341_600_000_000)
    }

    func testLowercaseSeparatorsAreAccepted() {
        XCTAssertEqual(micros("2026-11-22t10:00:00z"), micros("2026-11-22T10:00:00Z"))
    }

    func testOffsetsGiveTheUTCInstant() {
        XCTAssertEqual(RFC3339.parse("2026-11-22T23:30:00-01:00"), RFC3339.parse("2026-11-23T00:30:00Z"))
        XCTAssertEqual(RFC3339.parse("2026-11-22T05:30:00+05:30"), RFC3339.parse("2026-11-22T00:00:00Z"))
        XCTAssertEqual(RFC3339.parse("2026-01-01T00:15:00+01:00"), RFC3339.parse("2025-12-31T23:15:00Z"))
        XCTAssertEqual(RFC3339.parse("2026-11-22T10:00:00+00:00"), RFC3339.parse("2026-11-22T10:00:00Z"))
        XCTAssertEqual(RFC3339.parse("2026-11-22T10:00:00-00:00"), RFC3339.parse("2026-11-22T10:00:00Z"))
        XCTAssertEqual(RFC3339.parse("2026-11-22T10:00:00+23:59"), RFC3339.parse("2026-11-21T10:01:00Z"))
    }

    func testFractionsAreTruncatedToMicroseconds() {
        let base = micros("2026-11-22T10:00:00Z")!
        XCTAssertEqual(micros("2026-11-22T10:00:00.5Z"), base + 500_000)
        XCTAssertEqual(micros("2026-11-22T10:00:00.123456Z"), base + 123_456)
        XCTAssertEqual(micros("2026-11-22T10:00:00.1234569Z"), base + 123_456)
        XCTAssertEqual(micros("2026-11-22T10:00:00.999999999Z"), base + 999_999)
        XCTAssertEqual(micros("2026-11-22T10:00:00.000001Z"), base + 1)
        XCTAssertEqual(micros("2026-11-22T11:00:00.25+01:00"), base + 250_000)
    }

    func testLeapYears() {
        XCTAssertNotNil(RFC3339.parse("2024-02-29T00:00:00Z"))
        XCTAssertNotNil(RFC3339.parse("2000-02-29T00:00:00Z"))
        XCTAssertNil(RFC3339.parse("2026-02-29T00:00:00Z"))
        XCTAssertNil(RFC3339.parse("1900-02-29T00:00:00Z"))
        XCTAssertNil(RFC3339.parse("2024-02-30T00:00:00Z"))
        XCTAssertEqual(
            RFC3339.parse("2024-03-01T00:00:00Z")!.microseconds - RFC3339.parse("2024-02-29T00:00:00Z")!.microseconds,
            86_400_000_000)
    }

    func testImpossibleDatesAndTimes() {
        for bad in [
            "2026-00-10T00:00:00Z", "2026-13-10T00:00:00Z", "2026-04-31T00:00:00Z", "2026-01-00T00:00:00Z",
            "2026-01-32T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z", "2026-01-01T23:59:60Z",
            "2026-01-01T00:00:00+24:00", "2026-01-01T00:00:00+01:60",
        ] {
            XCTAssertNil(RFC3339.parse(bad), bad)
        }
    }

    func testGrammarViolations() {
        for bad in [
            "", "2026", "2026-11-22", "2026-11-22T10:00:00", "2026-11-22 10:00:00Z", "2026-11-22T10:00Z",
            "2026-1-22T10:00:00Z", "26-11-22T10:00:00Z", "+2026-11-22T10:00:00Z", "2026-11-22T10:00:00.Z",
            "2026-11-22T10:00:00ZZ", "2026-11-22T10:00:00Z ", " 2026-11-22T10:00:00Z", "2026-11-22T10:00:00+0100",
            "2026-11-22T10:00:00+01", "2026-11-22T10:00:00+01:00:00", "2026-11-22T10:00:00UTC",
            "2026/11/22T10:00:00Z", "2026-11-22T10-00-00Z", "2026-11-22T1a:00:00Z", "2026-11-22T10:00:00,5Z",
            "２０２６-11-22T10:00:00Z",
        ] {
            XCTAssertNil(RFC3339.parse(bad), bad)
        }
    }

    func testYearRangeEdges() {
        XCTAssertNotNil(RFC3339.parse("0000-01-01T00:00:00Z"))
        XCTAssertNotNil(RFC3339.parse("9999-12-31T23:59:59.999999Z"))
    }

    func testRoundTripsThroughFormat() {
        for text in ["2026-11-22T10:00:00Z", "1999-12-31T23:59:59.5Z", "2024-02-29T12:34:56.000001Z", "1960-06-01T00:00:00Z"] {
            XCTAssertEqual(RFC3339.format(RFC3339.parse(text)!), text)
        }
    }

    func testByteAndStringOverloadsAgree() {
        let text = "2026-11-22T23:30:00.75-01:00"
        let fromBytes = Array(text.utf8).withUnsafeBytes { RFC3339.parse($0) }
        XCTAssertEqual(fromBytes, RFC3339.parse(text))
        XCTAssertNil(RFC3339.parse(UnsafeRawBufferPointer(start: nil, count: 0)))
    }
}
