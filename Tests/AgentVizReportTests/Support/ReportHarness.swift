import Foundation
@testable import AgentVizReport

/// Runs the real report pipeline on in-test events.
enum ReportHarness {
    static let now = Timestamp.at("2027-02-01T00:00:00Z")

    static func request(
        _ period: PeriodSelection, tz: String = "UTC", series: Int = 8, rules: RuleSet = .empty,
        prices: PriceTable = PriceTableLoader.builtIn()
    ) throws -> ReportRequest {
        let calendar = try WindowCalendar(timeZone: tz)
        let window = try period.window(in: calendar, now: now)
        return ReportRequest(window: window, calendar: calendar, seriesCount: series, generatedAt: now, rules: rules, prices: prices)
    }

    static func report(_ lines: [EventLine], _ period: PeriodSelection, prices: PriceTable) throws -> Report {
        let path = TestFiles.write(lines.map(\.json), to: TestFiles.directory().appendingPathComponent("in.ndjson"))
        return try ReportSource.input([.file(path)]).report(request(period, prices: prices))
    }

    static func report(_ lines: [String], _ period: PeriodSelection, tz: String = "UTC", series: Int = 8, rules: RuleSet = .empty) throws -> Report {
        let path = TestFiles.write(lines, to: TestFiles.directory().appendingPathComponent("in.ndjson"))
        return try ReportSource.input([.file(path)]).report(request(period, tz: tz, series: series, rules: rules))
    }

    static func report(_ lines: [EventLine], _ period: PeriodSelection, tz: String = "UTC", series: Int = 8, rules: RuleSet = .empty) throws -> Report {
        try report(lines.map(\.json), period, tz: tz, series: series, rules: rules)
    }

    static func json(_ report: Report) -> String { JSONReportRenderer().render(report) }
}
