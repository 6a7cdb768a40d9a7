import Foundation
import XCTest
@testable import AgentVizReport

/// `reports/weekly-sample.{md,json}` are the reports of the sample history. Set
/// `AGENTVIZ_RECORD_GOLDEN=1` to rewrite them on purpose; the run then fails so a
/// recording never passes by accident.
final class GoldenReportTests: XCTestCase {
    static let week = "2026-W45"
    static let now = "2026-11-25T12:00:00Z"

    func sampleReport() throws -> Report {
        let calendar = try WindowCalendar(timeZone: "UTC")
        let request = ReportRequest(
            window: try calendar.week(Self.week), calendar: calendar, generatedAt: .at(Self.now),
            rules: try RuleSources.load(files: [], includeDefault: true))
        return try ReportSource.input([.file(TestFiles.fixture("sample-history.ndjson"))]).report(request)
    }

    func check(_ text: String, against name: String) throws {
        let url = TestFiles.root.appendingPathComponent("reports/" + name)
        if ProcessInfo.processInfo.environment["AGENTVIZ_RECORD_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            XCTFail("recorded \(name); unset AGENTVIZ_RECORD_GOLDEN and run again")
            return
        }
        let committed = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(text, committed, "\(name) is out of date: run AGENTVIZ_RECORD_GOLDEN=1 swift test --filter GoldenReportTests, review the diff, commit")
    }

    func testMarkdownGolden() throws {
        try check(MarkdownReportRenderer().render(try sampleReport()), against: "weekly-sample.md")
    }

    func testJSONGolden() throws {
        try check(JSONReportRenderer().render(try sampleReport()), against: "weekly-sample.json")
    }

    func testGoldenHasFindings() throws {
        XCTAssertFalse(try sampleReport().findings.isEmpty, "the sample week should show the rules at work")
    }

    func testCommittedSchemaIsCurrent() throws {
        let url = TestFiles.root.appendingPathComponent("schemas/report-v1.schema.json")
        if ProcessInfo.processInfo.environment["AGENTVIZ_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try ReportSchema.text.write(to: url, atomically: true, encoding: .utf8)
            XCTFail("recorded the schema; run again")
            return
        }
        XCTAssertEqual(ReportSchema.text, try String(contentsOf: url, encoding: .utf8),
                       "schemas/report-v1.schema.json is out of date: run AGENTVIZ_RECORD_GOLDEN=1 swift test --filter GoldenReportTests")
    }
}

/// Every report the tests make is validated against the published schema.
final class ReportSchemaTests: XCTestCase {
    func validate(_ report: Report, file: StaticString = #filePath, line: UInt = #line) throws {
        let validator = try MiniSchemaValidator(schemaText: ReportSchema.text)
        let errors = try validator.errors(in: JSONReportRenderer().render(report))
        XCTAssertEqual(errors, [], file: file, line: line)
    }

    func testReportsOfEveryKindValidate() throws {
        let sample = try String(contentsOfFile: TestFiles.fixture("sample-history.ndjson"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let rules = try RuleSources.load(files: [], includeDefault: true)
        for period: PeriodSelection in [.week("2026-W45"), .week("2026-W30"), .day("2026-10-20"), .month("2026-10"),
                                         .range(since: "2026-10-10", until: "2026-10-24")] {
            try validate(try ReportHarness.report(sample, period, rules: rules))
        }
        try validate(try ReportHarness.report(sample, .week("2026-W45"), tz: "Europe/Berlin", rules: rules))
    }

    func testEdgeFixtureReportsValidate() throws {
        let dir = TestFiles.root.appendingPathComponent("fixtures/edge")
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() {
            // Read the file as-is (some fixtures are deliberately not valid UTF-8).
            let source = ReportSource.input([.file(dir.appendingPathComponent(name).path)])
            try validate(try source.report(ReportHarness.request(.week("2026-W47"))))
        }
    }

    func testValidatorCatchesABrokenReport() throws {
        let validator = try MiniSchemaValidator(schemaText: ReportSchema.text)
        XCTAssertFalse(try validator.errors(in: "{\"reportVersion\": \"1.0\"}").isEmpty)
        let good = JSONReportRenderer().render(try ReportHarness.report([EventLine("e", "s", "2026-11-17T00:00:00Z")], .week("2026-W47")))
        let broken = good.replacingOccurrences(of: "\"activeSessions\": 1", with: "\"activeSessions\": \"one\"")
        XCTAssertFalse(try validator.errors(in: broken).isEmpty)
    }
}
