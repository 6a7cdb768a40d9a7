import Foundation
import XCTest
@testable import AgentVizReport

/// `--input FILE` and `ingest FILE` then `--db` give the same JSON, byte for byte (input
/// counters included): on every example of every default rule, on generated history cut
/// into many chunks and ingested in several runs, in several zones and period kinds.
final class InputAndStoreAgreeTests: XCTestCase {
    func json(_ source: ReportSource, _ request: ReportRequest) throws -> String {
        ReportHarness.json(try source.report(request))
    }

    func testEveryDefaultRuleExampleGivesTheSameReportBothWays() throws {
        let rules = try RuleSources.load(files: [], includeDefault: true)
        let calendar = try WindowCalendar(timeZone: "UTC")
        let dir = TestFiles.directory()
        var compared = 0
        for rule in rules.rules {
            for example in rule.examples {
                let file = dir.appendingPathComponent("example-\(compared).ndjson")
                try Data(example.events.utf8).write(to: file)
                let window = try PeriodSelection.week(example.week).window(in: calendar, now: example.window.end)
                let request = ReportRequest(window: window, calendar: calendar, generatedAt: example.window.end, rules: rules)
                let store = try EventStore(path: dir.appendingPathComponent("example-\(compared).sqlite").path)
                try ResumableIngest(store: store).run([.file(file.path)])
                XCTAssertEqual(try json(.store(store), request), try json(.input([.file(file.path)]), request),
                               "\(rule.id): \(example.name)")
                compared += 1
            }
        }
        XCTAssertGreaterThanOrEqual(compared, 2 * rules.rules.count, "every rule has a firing and a quiet example")
    }

    func testGeneratedHistoryInSeveralRunsAndChunkSizes() throws {
        let sample = TestFiles.fixture("sample-history.ndjson")
        let lines = try String(contentsOfFile: sample, encoding: .utf8).split(separator: "\n").map(String.init)
        let dir = TestFiles.directory()
        let file = dir.appendingPathComponent("growing.ndjson")
        let store = try EventStore(path: dir.appendingPathComponent("store.sqlite").path)
        // The history arrives in four appends, each ingested with tiny chunks.
        var written = 0
        for end in [700, 2_000, 3_333, lines.count] {
            let part = lines[written..<end].map { $0 + "\n" }.joined()
            if written == 0 { try part.write(to: file, atomically: false, encoding: .utf8) } else {
                let handle = try FileHandle(forWritingTo: file)
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(part.utf8))
                try handle.close()
            }
            written = end
            try ResumableIngest(store: store, input: ParallelInput(chunkBytes: 50_000)).run([.file(file.path)])
        }
        let rules = try RuleSources.load(files: [], includeDefault: true)
        for (period, tz) in [(PeriodSelection.week("2026-W41"), "UTC"), (.week("2026-W45"), "Europe/Berlin"),
                             (.month("2026-10"), "America/New_York"), (.day("2026-10-20"), "Asia/Kolkata")] {
            let request = try ReportHarness.request(period, tz: tz, rules: rules)
            XCTAssertEqual(try json(.store(store), request), try json(.input([.file(sample)]), request), "\(period) \(tz)")
        }
    }

    /// The 1.x cost fields survive the store: model, cache tokens, credits, premium requests.
    func testVersion11HistoryGivesTheSameReportFromTheStore() throws {
        let sample = TestFiles.fixture("sample-history-v11.ndjson")
        let store = try EventStore(path: TestFiles.directory().appendingPathComponent("store.sqlite").path)
        try ResumableIngest(store: store, input: ParallelInput(chunkBytes: 100_000)).run([.file(sample)])
        let rules = try RuleSources.load(files: [], includeDefault: true)
        for period in [PeriodSelection.week("2026-W44"), .week("2026-W47"), .month("2026-11")] {
            let request = try ReportHarness.request(period, rules: rules)
            let fromStore = try json(.store(store), request)
            XCTAssertEqual(fromStore, try json(.input([.file(sample)]), request), "\(period)")
            XCTAssertTrue(fromStore.contains("\"costComputedUsd\""))
        }
    }
}
