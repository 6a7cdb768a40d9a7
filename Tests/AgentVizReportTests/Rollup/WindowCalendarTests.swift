import Foundation
import XCTest

@testable import AgentVizReport

/// An RFC 3339 instant for expectations (`2026-11-16T00:00:00Z`).
private func ts(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Timestamp {
    guard let t = WindowCalendar.parseInstant(Array(text.utf8)) else {
        XCTFail("bad test instant \(text)", file: file, line: line)
        return Timestamp(microseconds: 0)
    }
    return t
}

private func cal(_ zone: String = "UTC") -> WindowCalendar {
    try! WindowCalendar(timeZone: zone)
}

private let hour: Int64 = 3_600_000_000

/// Asserts the label and exact UTC bounds of a window.
private func assertWindow(
    _ w: Window, _ kind: PeriodKind, _ label: String, _ start: String, _ end: String,
    hours: Int64? = nil, file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(w.kind, kind, file: file, line: line)
    XCTAssertEqual(w.label, label, file: file, line: line)
    XCTAssertEqual(w.start, ts(start), "start \(w.start)", file: file, line: line)
    XCTAssertEqual(w.end, ts(end), "end \(w.end)", file: file, line: line)
    if let hours {
        XCTAssertEqual(w.durationMicroseconds, hours * hour, file: file, line: line)
    }
}

/// Asserts that `body` throws a `WindowError` whose description is exactly `message`.
private func assertError<T>(
    _ message: String, file: StaticString = #filePath, line: UInt = #line,
    _ body: () throws(WindowError) -> T
) {
    do {
        let value = try body()
        XCTFail("expected error '\(message)', got \(value)", file: file, line: line)
    } catch {
        XCTAssertEqual(error.description, message, file: file, line: line)
        XCTAssertFalse(error.description.contains("\n"), file: file, line: line)
    }
}

final class WindowValueTests: XCTestCase {
    func testContainsIsHalfOpen() {
        let w = Window(kind: .day, label: "x", start: Timestamp(seconds: 10), end: Timestamp(seconds: 20))
        XCTAssertTrue(w.contains(Timestamp(seconds: 10)))
        XCTAssertTrue(w.contains(Timestamp(microseconds: 19_999_999)))
        XCTAssertFalse(w.contains(Timestamp(seconds: 20)))
        XCTAssertFalse(w.contains(Timestamp(microseconds: 9_999_999)))
        XCTAssertEqual(w.durationMicroseconds, 10_000_000)
    }

    func testPeriodKindRawValues() {
        XCTAssertEqual(PeriodKind.allCases.map(\.rawValue), ["day", "week", "month", "custom"])
    }
}

final class WindowCalendarZoneTests: XCTestCase {
    func testDefaultIsUTC() throws {
        let c = try WindowCalendar()
        XCTAssertEqual(c.timeZoneIdentifier, "UTC")
        assertWindow(try c.day("2026-11-20"), .day, "2026-11-20", "2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z")
    }

    func testKnownZonesAreAcceptedAndKeepTheirName() throws {
        for id in ["UTC", "Etc/UTC", "GMT", "Europe/Berlin", "America/New_York", "Asia/Kolkata",
            "Australia/Lord_Howe", "Pacific/Chatham", "US/Eastern", "Etc/GMT+5"]
        {
            XCTAssertEqual(try WindowCalendar(timeZone: id).timeZoneIdentifier, id)
        }
    }

    func testUnknownZones() {
        for id in ["Mars/Phobos", "", "utc", "europe/berlin", "GMT+2", "UTC+1", "PST", "Z",
            "Europe/", "/etc/passwd", "../../etc/passwd", "Europe/Berlin ", "Europe"]
        {
            assertError("unknown time zone '\(id)' (expected an IANA name such as Europe/Berlin or UTC)") {
                () throws(WindowError) in try WindowCalendar(timeZone: id)
            }
        }
    }

    func testEtcGMTPlusFiveIsFiveHoursBehind() throws {
        // POSIX sign convention: Etc/GMT+5 is UTC-05:00.
        assertWindow(
            try cal("Etc/GMT+5").day("2026-11-20"), .day, "2026-11-20",
            "2026-11-20T05:00:00Z", "2026-11-21T05:00:00Z")
    }
}

final class WindowCalendarWeekTests: XCTestCase {
    func testWeek47Of2026() throws {
        assertWindow(
            try cal().week("2026-W47"), .week, "2026-W47", "2026-11-16T00:00:00Z", "2026-11-23T00:00:00Z",
            hours: 168)
    }

    func testWeek53Of2026AndWeek1Of2027() throws {
        let c = cal()
        assertWindow(try c.week("2026-W53"), .week, "2026-W53", "2026-12-28T00:00:00Z", "2027-01-04T00:00:00Z")
        assertWindow(try c.week("2027-W01"), .week, "2027-W01", "2027-01-04T00:00:00Z", "2027-01-11T00:00:00Z")
        XCTAssertEqual(c.window(.week, containing: ts("2026-12-31T12:00:00Z")).label, "2026-W53")
        XCTAssertEqual(c.window(.week, containing: ts("2027-01-01T00:00:00Z")).label, "2026-W53")
        XCTAssertEqual(c.window(.week, containing: ts("2027-01-03T23:59:59.999999Z")).label, "2026-W53")
        XCTAssertEqual(c.window(.week, containing: ts("2027-01-04T00:00:00Z")).label, "2027-W01")
    }

    func testWeekYearDiffersFromCalendarYear() throws {
        let c = cal()
        // 2024-12-30 (a Monday) starts 2025-W01.
        assertWindow(
            c.window(.week, containing: ts("2024-12-30T00:00:00Z")), .week, "2025-W01",
            "2024-12-30T00:00:00Z", "2025-01-06T00:00:00Z")
        XCTAssertEqual(c.window(.week, containing: ts("2024-12-29T23:59:59Z")).label, "2024-W52")
        // 2021-01-01..03 belong to 2020-W53 (2020 has 53 weeks).
        XCTAssertEqual(c.window(.week, containing: ts("2021-01-03T12:00:00Z")).label, "2020-W53")
        XCTAssertEqual(c.window(.week, containing: ts("2021-01-04T00:00:00Z")).label, "2021-W01")
        // 2026-W01 starts in 2025.
        assertWindow(try c.week("2026-W01"), .week, "2026-W01", "2025-12-29T00:00:00Z", "2026-01-05T00:00:00Z")
        XCTAssertEqual(c.window(.week, containing: ts("2025-12-31T00:00:00Z")).label, "2026-W01")
        // 2027-01-01..03 are in 2026-W53; 2010-01-03 is in 2009-W53; 2008-12-29 in 2009-W01.
        XCTAssertEqual(c.window(.week, containing: ts("2010-01-03T00:00:00Z")).label, "2009-W53")
        XCTAssertEqual(c.window(.week, containing: ts("2008-12-29T00:00:00Z")).label, "2009-W01")
        // Leap day inside a week.
        assertWindow(
            c.window(.week, containing: ts("2024-02-29T12:00:00Z")), .week, "2024-W09",
            "2024-02-26T00:00:00Z", "2024-03-04T00:00:00Z")
    }

    func testYearsWith53Weeks() {
        let long = (1990...2045).filter { WindowCalendar.isoWeeksInYear(Int64($0)) == 53 }
        XCTAssertEqual(long, [1992, 1998, 2004, 2009, 2015, 2020, 2026, 2032, 2037, 2043])
        for year in 1990...2045 where !long.contains(year) {
            XCTAssertEqual(WindowCalendar.isoWeeksInYear(Int64(year)), 52)
        }
    }

    func testEveryWeekLabelRoundTrips() throws {
        let c = cal()
        for year in 2019...2031 {
            let weeks = WindowCalendar.isoWeeksInYear(Int64(year))
            for week in 1...weeks {
                let label = "\(year)-W" + (week < 10 ? "0\(week)" : "\(week)")
                let w = try c.week(label)
                XCTAssertEqual(w.label, label)
                XCTAssertEqual(w.durationMicroseconds, 168 * hour)
                XCTAssertEqual(WindowCalendar.weekdayIndex(WindowCalendar.floorDiv(w.start.microseconds, 86_400_000_000)), 0)
                XCTAssertEqual(c.window(.week, containing: w.start), w)
                XCTAssertEqual(c.window(.week, containing: Timestamp(microseconds: w.end.microseconds - 1)), w)
            }
        }
    }

    func testWeekOutOfRange() {
        let c = cal()
        assertError("invalid week '2026-W54': 2026 has 53 ISO weeks (expected 2026-W01 to 2026-W53)") {
            () throws(WindowError) in try c.week("2026-W54")
        }
        assertError("invalid week '2025-W53': 2025 has 52 ISO weeks (expected 2025-W01 to 2025-W52)") {
            () throws(WindowError) in try c.week("2025-W53")
        }
        assertError("invalid week '2026-W00': 2026 has 53 ISO weeks (expected 2026-W01 to 2026-W53)") {
            () throws(WindowError) in try c.week("2026-W00")
        }
        assertError("invalid week '2027-W99': 2027 has 52 ISO weeks (expected 2027-W01 to 2027-W52)") {
            () throws(WindowError) in try c.week("2027-W99")
        }
    }

    func testMalformedWeek() {
        let c = cal()
        for label in ["2026-47", "2026W47", "26-W47", "2026-w47", "2026-W4", "2026-W047", "", " 2026-W47",
            "2026-W47 ", "2026-W4x", "+026-W47", "2026-11", "2026-W-1", "２０２６-W47"]
        {
            assertError("invalid week '\(label)' (expected YYYY-Www, for example 2026-W47)") {
                () throws(WindowError) in try c.week(label)
            }
        }
    }
}

final class WindowCalendarDayMonthTests: XCTestCase {
    func testDay() throws {
        let c = cal()
        assertWindow(try c.day("2026-11-20"), .day, "2026-11-20", "2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z", hours: 24)
        assertWindow(try c.day("2024-02-29"), .day, "2024-02-29", "2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z")
        assertWindow(try c.day("2026-12-31"), .day, "2026-12-31", "2026-12-31T00:00:00Z", "2027-01-01T00:00:00Z")
        assertWindow(try c.day("2000-02-29"), .day, "2000-02-29", "2000-02-29T00:00:00Z", "2000-03-01T00:00:00Z")
        XCTAssertEqual(c.window(.day, containing: ts("2026-11-20T23:59:59.999999Z")).label, "2026-11-20")
        XCTAssertEqual(c.window(.day, containing: ts("2026-11-21T00:00:00Z")).label, "2026-11-21")
        XCTAssertEqual(c.window(.day, containing: ts("1969-12-31T23:59:59Z")).label, "1969-12-31")
    }

    func testDayErrors() {
        let c = cal()
        let expected = "(expected YYYY-MM-DD, for example 2026-11-20)"
        assertError("invalid day '2026-02-29': the day must be 01 to 28 in 2026-02 \(expected)") {
            () throws(WindowError) in try c.day("2026-02-29")
        }
        assertError("invalid day '1900-02-29': the day must be 01 to 28 in 1900-02 \(expected)") {
            () throws(WindowError) in try c.day("1900-02-29")
        }
        assertError("invalid day '2026-11-31': the day must be 01 to 30 in 2026-11 \(expected)") {
            () throws(WindowError) in try c.day("2026-11-31")
        }
        assertError("invalid day '2026-11-00': the day must be 01 to 30 in 2026-11 \(expected)") {
            () throws(WindowError) in try c.day("2026-11-00")
        }
        assertError("invalid day '2026-13-01': the month must be 01 to 12 \(expected)") {
            () throws(WindowError) in try c.day("2026-13-01")
        }
        for label in ["2026-1-20", "20261120", "2026/11/20", "2026-11-20T00:00:00Z", "", "today", "2026-11-2x"] {
            assertError("invalid day '\(label)' \(expected)") { () throws(WindowError) in try c.day(label) }
        }
    }

    func testMonth() throws {
        let c = cal()
        assertWindow(try c.month("2026-11"), .month, "2026-11", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", hours: 30 * 24)
        assertWindow(try c.month("2024-02"), .month, "2024-02", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z", hours: 29 * 24)
        assertWindow(try c.month("2026-02"), .month, "2026-02", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z", hours: 28 * 24)
        assertWindow(try c.month("2026-12"), .month, "2026-12", "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z")
        assertWindow(try c.month("2027-01"), .month, "2027-01", "2027-01-01T00:00:00Z", "2027-02-01T00:00:00Z")
        XCTAssertEqual(c.window(.month, containing: ts("2024-02-29T23:59:59Z")).label, "2024-02")
        XCTAssertEqual(c.window(.month, containing: ts("2024-03-01T00:00:00Z")).label, "2024-03")
    }

    func testMonthErrors() {
        let c = cal()
        let expected = "(expected YYYY-MM, for example 2026-11)"
        assertError("invalid month '2026-13': the month must be 01 to 12 \(expected)") {
            () throws(WindowError) in try c.month("2026-13")
        }
        assertError("invalid month '2026-00': the month must be 01 to 12 \(expected)") {
            () throws(WindowError) in try c.month("2026-00")
        }
        for label in ["2026-1", "2026/11", "202611", "2026-11-01", "", "Nov 2026"] {
            assertError("invalid month '\(label)' \(expected)") { () throws(WindowError) in try c.month(label) }
        }
    }
}

final class WindowCalendarDaylightSavingTests: XCTestCase {
    func testBerlinSpringForwardWeekIs167Hours() throws {
        let c = cal("Europe/Berlin")
        // Clocks go 02:00 CET -> 03:00 CEST on Sunday 2026-03-29 (01:00Z).
        let w = try c.week("2026-W13")
        assertWindow(w, .week, "2026-W13", "2026-03-22T23:00:00Z", "2026-03-29T22:00:00Z", hours: 167)
        XCTAssertEqual(c.window(.week, containing: ts("2026-03-29T21:59:59Z")), w)
        XCTAssertEqual(c.window(.week, containing: ts("2026-03-29T22:00:00Z")).label, "2026-W14")
        XCTAssertEqual(c.window(.week, containing: ts("2026-03-22T22:59:59Z")).label, "2026-W12")
        assertWindow(try c.week("2026-W14"), .week, "2026-W14", "2026-03-29T22:00:00Z", "2026-04-05T22:00:00Z", hours: 168)
        assertWindow(try c.day("2026-03-29"), .day, "2026-03-29", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", hours: 23)
        assertWindow(try c.month("2026-03"), .month, "2026-03", "2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z", hours: 31 * 24 - 1)
    }

    func testBerlinFallBackWeekIs169Hours() throws {
        let c = cal("Europe/Berlin")
        // Clocks go 03:00 CEST -> 02:00 CET on Sunday 2026-10-25 (01:00Z).
        let w = try c.week("2026-W43")
        assertWindow(w, .week, "2026-W43", "2026-10-18T22:00:00Z", "2026-10-25T23:00:00Z", hours: 169)
        XCTAssertEqual(c.window(.week, containing: ts("2026-10-25T00:30:00Z")), w)  // 02:30 CEST
        XCTAssertEqual(c.window(.week, containing: ts("2026-10-25T01:30:00Z")), w)  // 02:30 CET
        XCTAssertEqual(c.window(.week, containing: ts("2026-10-25T22:59:59Z")), w)
        XCTAssertEqual(c.window(.week, containing: ts("2026-10-25T23:00:00Z")).label, "2026-W44")
        assertWindow(try c.day("2026-10-25"), .day, "2026-10-25", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", hours: 25)
        assertWindow(try c.month("2026-10"), .month, "2026-10", "2026-09-30T22:00:00Z", "2026-10-31T23:00:00Z", hours: 31 * 24 + 1)
        // Winter: plain +01:00.
        assertWindow(try c.week("2026-W47"), .week, "2026-W47", "2026-11-15T23:00:00Z", "2026-11-22T23:00:00Z", hours: 168)
        assertWindow(try c.week("2026-W53"), .week, "2026-W53", "2026-12-27T23:00:00Z", "2027-01-03T23:00:00Z")
    }

    func testNewYorkDaylightSavingWeeks() throws {
        let c = cal("America/New_York")
        // 2026-03-08 02:00 EST -> 03:00 EDT; 2026-11-01 02:00 EDT -> 01:00 EST.
        assertWindow(try c.week("2026-W10"), .week, "2026-W10", "2026-03-02T05:00:00Z", "2026-03-09T04:00:00Z", hours: 167)
        assertWindow(try c.week("2026-W44"), .week, "2026-W44", "2026-10-26T04:00:00Z", "2026-11-02T05:00:00Z", hours: 169)
        assertWindow(try c.day("2026-03-08"), .day, "2026-03-08", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z", hours: 23)
        assertWindow(try c.day("2026-11-01"), .day, "2026-11-01", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", hours: 25)
        // An instant late on Sunday evening local time is still in that local week.
        XCTAssertEqual(c.window(.week, containing: ts("2026-11-02T04:30:00Z")).label, "2026-W44")  // Sun 23:30 EST
        XCTAssertEqual(c.window(.week, containing: ts("2026-11-02T05:00:00Z")).label, "2026-W45")
        // New Year's Eve in New York is still 2026-W53 after midnight UTC.
        XCTAssertEqual(c.window(.week, containing: ts("2027-01-04T04:59:59Z")).label, "2026-W53")
        XCTAssertEqual(c.window(.day, containing: ts("2027-01-01T03:00:00Z")).label, "2026-12-31")
        XCTAssertEqual(c.window(.month, containing: ts("2027-01-01T03:00:00Z")).label, "2026-12")
    }

    func testMidnightThatDoesNotExistStartsAfterTheGap() throws {
        // Havana: 2026-03-08 00:00 CST -> 01:00 CDT (05:00Z); the day starts at 05:00Z.
        let havana = cal("America/Havana")
        assertWindow(try havana.day("2026-03-07"), .day, "2026-03-07", "2026-03-07T05:00:00Z", "2026-03-08T05:00:00Z", hours: 24)
        assertWindow(try havana.day("2026-03-08"), .day, "2026-03-08", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z", hours: 23)
        // Santiago: 2026-09-06 00:00 -04 -> 01:00 -03 (04:00Z).
        let santiago = cal("America/Santiago")
        assertWindow(try santiago.day("2026-09-06"), .day, "2026-09-06", "2026-09-06T04:00:00Z", "2026-09-07T03:00:00Z", hours: 23)
        // Sao Paulo (2018): 2018-11-04 00:00 -03 -> 01:00 -02 (03:00Z), a Sunday.
        let saoPaulo = cal("America/Sao_Paulo")
        assertWindow(try saoPaulo.day("2018-11-04"), .day, "2018-11-04", "2018-11-04T03:00:00Z", "2018-11-05T02:00:00Z", hours: 23)
        assertWindow(try saoPaulo.week("2018-W45"), .week, "2018-W45", "2018-11-05T02:00:00Z", "2018-11-12T02:00:00Z")
        assertWindow(try saoPaulo.week("2018-W44"), .week, "2018-W44", "2018-10-29T03:00:00Z", "2018-11-05T02:00:00Z", hours: 167)
        // Sao Paulo (2019): 2019-02-17 00:00 -02 -> 2019-02-16 23:00 -03: Saturday has 25 hours.
        assertWindow(try saoPaulo.day("2019-02-16"), .day, "2019-02-16", "2019-02-16T02:00:00Z", "2019-02-17T03:00:00Z", hours: 25)
        XCTAssertEqual(saoPaulo.window(.day, containing: ts("2019-02-17T02:30:00Z")).label, "2019-02-16")
    }

    func testGapAcrossMidnightStartsAtTheTransition() throws {
        // Toronto 1919-03-30 23:30 EST -> 1919-03-31 00:30 EDT (04:30Z): the gap straddles
        // midnight, so the Monday starts at the transition, not at a whole hour.
        let c = cal("America/Toronto")
        assertWindow(try c.day("1919-03-30"), .day, "1919-03-30", "1919-03-30T05:00:00Z", "1919-03-31T04:30:00Z")
        assertWindow(try c.day("1919-03-31"), .day, "1919-03-31", "1919-03-31T04:30:00Z", "1919-04-01T04:00:00Z")
        assertWindow(try c.week("1919-W14"), .week, "1919-W14", "1919-03-31T04:30:00Z", "1919-04-07T04:00:00Z")
        XCTAssertEqual(c.window(.week, containing: ts("1919-03-31T04:29:59Z")).label, "1919-W13")
    }

    func testMidnightThatOccursTwiceStartsAtItsFirstOccurrence() throws {
        // Havana: 2026-11-01 01:00 CDT -> 00:00 CST (05:00Z), so 00:00 happens at 04:00Z and 05:00Z.
        let c = cal("America/Havana")
        assertWindow(try c.day("2026-10-31"), .day, "2026-10-31", "2026-10-31T04:00:00Z", "2026-11-01T04:00:00Z", hours: 24)
        assertWindow(try c.day("2026-11-01"), .day, "2026-11-01", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", hours: 25)
        XCTAssertEqual(c.window(.day, containing: ts("2026-11-01T04:30:00Z")).label, "2026-11-01")  // 00:30 CDT
        XCTAssertEqual(c.window(.day, containing: ts("2026-11-01T05:30:00Z")).label, "2026-11-01")  // 00:30 CST
    }

    func testSkippedDayIsAnEmptyWindow() throws {
        // Samoa skipped 2011-12-30 entirely (-10:00 -> +14:00 at 10:00Z).
        let c = cal("Pacific/Apia")
        assertWindow(try c.day("2011-12-29"), .day, "2011-12-29", "2011-12-29T10:00:00Z", "2011-12-30T10:00:00Z", hours: 24)
        assertWindow(try c.day("2011-12-30"), .day, "2011-12-30", "2011-12-30T10:00:00Z", "2011-12-30T10:00:00Z", hours: 0)
        assertWindow(try c.day("2011-12-31"), .day, "2011-12-31", "2011-12-30T10:00:00Z", "2011-12-31T10:00:00Z", hours: 24)
        XCTAssertEqual(c.window(.day, containing: ts("2011-12-30T10:00:00Z")).label, "2011-12-31")
        XCTAssertEqual(c.window(.day, containing: ts("2011-12-30T09:59:59Z")).label, "2011-12-29")
        assertWindow(try c.week("2011-W52"), .week, "2011-W52", "2011-12-26T10:00:00Z", "2012-01-01T10:00:00Z", hours: 144)
    }

    func testHalfHourAndQuarterHourZones() throws {
        assertWindow(try cal("Asia/Kolkata").day("2026-11-20"), .day, "2026-11-20", "2026-11-19T18:30:00Z", "2026-11-20T18:30:00Z")
        assertWindow(try cal("Asia/Kathmandu").day("2026-11-20"), .day, "2026-11-20", "2026-11-19T18:15:00Z", "2026-11-20T18:15:00Z")
        // Lord Howe moves its clocks by 30 minutes (2026-04-05 02:00 +11 -> 01:30 +10:30).
        let w = try cal("Australia/Lord_Howe").day("2026-04-05")
        XCTAssertEqual(w.durationMicroseconds, 24 * hour + hour / 2)
    }

    func testLocalWindowsTileTheTimelineAndMatchFoundation() throws {
        // Property: for each zone, consecutive local days touch, every instant is in the day
        // window that `window(.day, containing:)` returns, and each day starts where
        // Foundation's `Calendar.startOfDay` says (an independent oracle).
        let zones = ["Europe/Berlin", "America/New_York", "America/Havana", "America/Sao_Paulo",
            "America/Santiago", "Australia/Lord_Howe", "Pacific/Chatham", "Asia/Tehran", "Africa/Cairo"]
        let first = CivilDate.days(year: 2016, month: 1, day: 1)
        let last = CivilDate.days(year: 2028, month: 12, day: 31)
        for id in zones {
            let c = cal(id)
            var foundation = Calendar(identifier: .gregorian)
            foundation.timeZone = TimeZone(identifier: id)!
            var previousEnd: Timestamp? = nil
            var d = first
            while d <= last {
                let label = WindowCalendar.dateLabel(d)
                let w = try c.day(label)
                if let previousEnd { XCTAssertEqual(w.start, previousEnd, "\(id) \(label)") }
                previousEnd = w.end
                XCTAssertGreaterThanOrEqual(w.durationMicroseconds, 22 * hour, "\(id) \(label)")
                XCTAssertLessThanOrEqual(w.durationMicroseconds, 26 * hour, "\(id) \(label)")
                // Noon local is safely inside the day.
                let noon = Timestamp(microseconds: w.start.microseconds + 12 * hour)
                XCTAssertEqual(c.window(.day, containing: noon), w, "\(id) \(label)")
                XCTAssertEqual(c.window(.day, containing: w.start), w, "\(id) \(label)")
                XCTAssertEqual(c.window(.day, containing: Timestamp(microseconds: w.end.microseconds - 1)), w)
                let oracle = foundation.startOfDay(for: Date(timeIntervalSince1970: Double(noon.microseconds) / 1e6))
                XCTAssertEqual(Int64(oracle.timeIntervalSince1970) * 1_000_000, w.start.microseconds, "\(id) \(label)")
                d += 1
            }
        }
    }

    func testLocalWeeksAndMonthsTile() throws {
        for id in ["UTC", "Europe/Berlin", "America/New_York", "Pacific/Apia"] {
            let c = cal(id)
            for kind in [PeriodKind.week, .month] {
                var w = c.window(kind, containing: ts("2010-01-01T00:00:00Z"))
                for _ in 0..<(kind == .week ? 1000 : 240) {
                    let next = c.window(kind, containing: w.end)
                    XCTAssertEqual(next.start, w.end, "\(id) \(w.label)")
                    XCTAssertEqual(c.previous(next), w, "\(id) \(next.label)")
                    XCTAssertEqual(c.window(kind, containing: Timestamp(microseconds: next.end.microseconds - 1)), next)
                    let parsed = kind == .week ? try c.week(next.label) : try c.month(next.label)
                    XCTAssertEqual(parsed, next)
                    w = next
                }
            }
        }
    }
}

final class WindowCalendarLastCompleteTests: XCTestCase {
    func testLastCompleteWeek() {
        let c = cal()
        let w47 = c.lastComplete(.week, before: ts("2026-11-25T12:00:00Z"))  // a Wednesday
        assertWindow(w47, .week, "2026-W47", "2026-11-16T00:00:00Z", "2026-11-23T00:00:00Z")
        // Exactly Monday 00:00: the week that just ended is complete.
        XCTAssertEqual(c.lastComplete(.week, before: ts("2026-11-23T00:00:00Z")), w47)
        XCTAssertEqual(c.lastComplete(.week, before: ts("2026-11-22T23:59:59.999999Z")).label, "2026-W46")
        XCTAssertEqual(c.lastComplete(.week, before: ts("2027-01-05T08:00:00Z")).label, "2026-W53")
        XCTAssertEqual(c.lastComplete(.week, before: ts("2027-01-04T00:00:00Z")).label, "2026-W53")
        XCTAssertEqual(c.lastComplete(.week, before: ts("2027-01-11T00:00:00Z")).label, "2027-W01")
    }

    func testLastCompleteDayAndMonth() {
        let c = cal()
        XCTAssertEqual(c.lastComplete(.day, before: ts("2026-11-20T00:00:00Z")).label, "2026-11-19")
        XCTAssertEqual(c.lastComplete(.day, before: ts("2026-11-20T15:00:00Z")).label, "2026-11-19")
        XCTAssertEqual(c.lastComplete(.day, before: ts("2024-03-01T09:00:00Z")).label, "2024-02-29")
        XCTAssertEqual(c.lastComplete(.month, before: ts("2026-01-15T00:00:00Z")).label, "2025-12")
        XCTAssertEqual(c.lastComplete(.month, before: ts("2026-03-01T00:00:00Z")).label, "2026-02")
        XCTAssertEqual(c.lastComplete(.month, before: ts("2026-02-28T23:59:59Z")).label, "2026-01")
    }

    func testLastCompleteInAZone() {
        let c = cal("Europe/Berlin")
        // Monday 00:00 CET is Sunday 23:00Z: the Berlin week has ended although the UTC one has not.
        assertWindow(
            c.lastComplete(.week, before: ts("2026-11-22T23:00:00Z")), .week, "2026-W47",
            "2026-11-15T23:00:00Z", "2026-11-22T23:00:00Z")
        XCTAssertEqual(c.lastComplete(.week, before: ts("2026-11-22T22:59:59Z")).label, "2026-W46")
        XCTAssertEqual(cal().lastComplete(.week, before: ts("2026-11-22T23:00:00Z")).label, "2026-W46")
        // The week after spring forward.
        XCTAssertEqual(c.lastComplete(.week, before: ts("2026-03-30T10:00:00Z")).label, "2026-W13")
        XCTAssertEqual(c.lastComplete(.day, before: ts("2026-03-29T22:00:00Z")).label, "2026-03-29")
    }
}

final class WindowCalendarSeriesTests: XCTestCase {
    func testPreviousAcrossYearBoundary() throws {
        let c = cal()
        XCTAssertEqual(c.previous(try c.week("2027-W01")), try c.week("2026-W53"))
        XCTAssertEqual(c.previous(try c.week("2026-W01")), try c.week("2025-W52"))
        XCTAssertEqual(c.previous(try c.day("2027-01-01")), try c.day("2026-12-31"))
        XCTAssertEqual(c.previous(try c.day("2024-03-01")), try c.day("2024-02-29"))
        XCTAssertEqual(c.previous(try c.month("2027-01")), try c.month("2026-12"))
        XCTAssertEqual(c.previous(try c.month("2024-03")), try c.month("2024-02"))
    }

    func testSeries() throws {
        let c = cal()
        let weeks = c.series(endingWith: try c.week("2027-W02"), count: 4)
        XCTAssertEqual(weeks.map(\.label), ["2026-W52", "2026-W53", "2027-W01", "2027-W02"])
        for (a, b) in zip(weeks, weeks.dropFirst()) { XCTAssertEqual(a.end, b.start) }
        XCTAssertEqual(c.series(endingWith: try c.week("2026-W47"), count: 1), [try c.week("2026-W47")])
        XCTAssertEqual(
            c.series(endingWith: try c.month("2027-02"), count: 3).map(\.label), ["2026-12", "2027-01", "2027-02"])
        XCTAssertEqual(
            c.series(endingWith: try c.day("2024-03-01"), count: 3).map(\.label),
            ["2024-02-28", "2024-02-29", "2024-03-01"])
        let eight = c.series(endingWith: try c.week("2026-W47"), count: 8)
        XCTAssertEqual(eight.first?.label, "2026-W40")
        XCTAssertEqual(eight.count, 8)
    }

    func testSeriesAcrossDaylightSaving() throws {
        let c = cal("Europe/Berlin")
        let weeks = c.series(endingWith: try c.week("2026-W14"), count: 3)
        XCTAssertEqual(weeks.map(\.label), ["2026-W12", "2026-W13", "2026-W14"])
        XCTAssertEqual(weeks.map { $0.durationMicroseconds / hour }, [168, 167, 168])
        for (a, b) in zip(weeks, weeks.dropFirst()) { XCTAssertEqual(a.end, b.start) }
    }

    func testPreviousCustomIsTheSameDurationBefore() throws {
        let c = cal()
        let w = try c.custom(since: "2026-11-01", until: "2026-11-15")
        assertWindow(c.previous(w), .custom, "2026-10-18..2026-11-01", "2026-10-18T00:00:00Z", "2026-11-01T00:00:00Z")
        let hours = try c.custom(since: "2026-11-20T09:30:00Z", until: "2026-11-20T12:00:00Z")
        assertWindow(
            c.previous(hours), .custom, "2026-11-20T07:00:00Z..2026-11-20T09:30:00Z",
            "2026-11-20T07:00:00Z", "2026-11-20T09:30:00Z")
        let series = c.series(endingWith: w, count: 3)
        XCTAssertEqual(series.map(\.label), ["2026-10-04..2026-10-18", "2026-10-18..2026-11-01", "2026-11-01..2026-11-15"])
        // In a zone, bounds that are local midnights are shown as dates; a 167-hour range
        // before a daylight-saving week does not end on a midnight.
        let berlin = cal("Europe/Berlin")
        let dst = try berlin.custom(since: "2026-03-23", until: "2026-03-30")
        XCTAssertEqual(dst.durationMicroseconds, 167 * hour)
        assertWindow(
            berlin.previous(dst), .custom, "2026-03-16T00:00:00Z..2026-03-23",
            "2026-03-16T00:00:00Z", "2026-03-22T23:00:00Z")
    }
}

final class WindowCalendarCustomTests: XCTestCase {
    func testDates() throws {
        assertWindow(
            try cal().custom(since: "2026-11-01", until: "2026-11-15"), .custom, "2026-11-01..2026-11-15",
            "2026-11-01T00:00:00Z", "2026-11-15T00:00:00Z")
        assertWindow(
            try cal("Europe/Berlin").custom(since: "2026-11-01", until: "2026-11-15"), .custom,
            "2026-11-01..2026-11-15", "2026-10-31T23:00:00Z", "2026-11-14T23:00:00Z")
        assertWindow(
            try cal().custom(since: "2024-02-29", until: "2024-03-01"), .custom, "2024-02-29..2024-03-01",
            "2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z", hours: 24)
    }

    func testInstants() throws {
        let c = cal("America/New_York")
        assertWindow(
            try c.custom(since: "2026-11-20T09:30:00Z", until: "2026-11-20T10:30:00.5+01:00"), .custom,
            "2026-11-20T09:30:00Z..2026-11-20T10:30:00.5+01:00", "2026-11-20T09:30:00Z", "2026-11-20T09:30:00.5Z")
        let w = try c.custom(since: "2026-11-20t09:30:00.1234567z", until: "2026-11-21 00:00:00-05:00")
        XCTAssertEqual(w.start.microseconds, ts("2026-11-20T09:30:00Z").microseconds + 123_456)
        XCTAssertEqual(w.end, ts("2026-11-21T05:00:00Z"))
        // A date and an instant mixed: the date is local midnight in New York.
        assertWindow(
            try c.custom(since: "2026-11-20", until: "2026-11-20T12:00:00Z"), .custom,
            "2026-11-20..2026-11-20T12:00:00Z", "2026-11-20T05:00:00Z", "2026-11-20T12:00:00Z")
    }

    func testEmptyOrReversedRange() {
        let c = cal()
        assertError(
            "empty range: since '2026-11-20' (2026-11-20T00:00:00Z) is not before until '2026-11-20' "
                + "(2026-11-20T00:00:00Z) (expected since < until)"
        ) { () throws(WindowError) in try c.custom(since: "2026-11-20", until: "2026-11-20") }
        assertError(
            "empty range: since '2026-11-21' (2026-11-21T00:00:00Z) is not before until '2026-11-20T23:00:00Z' "
                + "(2026-11-20T23:00:00Z) (expected since < until)"
        ) { () throws(WindowError) in try c.custom(since: "2026-11-21", until: "2026-11-20T23:00:00Z") }
        assertError(
            "empty range: since '2026-11-20T01:00:00+01:00' (2026-11-20T00:00:00Z) is not before until "
                + "'2026-11-20' (2026-11-20T00:00:00Z) (expected since < until)"
        ) { () throws(WindowError) in try c.custom(since: "2026-11-20T01:00:00+01:00", until: "2026-11-20") }
    }

    func testInvalidBounds() {
        let c = cal()
        let expected = "(expected a date YYYY-MM-DD or an RFC 3339 instant such as 2026-11-20T09:30:00Z)"
        assertError("invalid since '2026-13-01': no such date \(expected)") {
            () throws(WindowError) in try c.custom(since: "2026-13-01", until: "2026-12-01")
        }
        assertError("invalid until '2026-02-29': no such date \(expected)") {
            () throws(WindowError) in try c.custom(since: "2026-02-01", until: "2026-02-29")
        }
        for bad in ["yesterday", "", "2026-11-20T09:30:00", "2026-11-20T24:00:00Z", "2026-11-20T09:60:00Z",
            "2026-11-20T09:30:60Z", "2026-11-20T09:30Z", "2026-11-20T09:30:00+0100", "2026-11-20T09:30:00+24:00",
            "2026-11-20T09:30:00.Z", "2026-11-20T09:30:00Z ", "2026-11-20X09:30:00Z", "2026-02-30T00:00:00Z",
            "2026-W47", "2026-11", "1763631000"]
        {
            assertError("invalid since '\(bad)' \(expected)") {
                () throws(WindowError) in try c.custom(since: bad, until: "2027-01-01")
            }
            assertError("invalid until '\(bad)' \(expected)") {
                () throws(WindowError) in try c.custom(since: "2000-01-01", until: bad)
            }
        }
    }
}
