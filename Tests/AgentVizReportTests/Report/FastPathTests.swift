import Foundation
import XCTest
@testable import AgentVizReport

/// The fast `--input` path (parallel chunks, compact events) against the plain one (one
/// `Event` per line), figure by figure, on generated history and every edge fixture, with
/// files cut into chunks everywhere.
final class FastPathTests: XCTestCase {
    func fast(_ sources: [InputSource], _ request: ReportRequest, chunkBytes: Int, workers: Int = 2) throws -> (Report, [RejectedLine]) {
        var rejected: [RejectedLine] = []
        var builder = request.makeRollupBuilder()
        let history = try ParallelInput(workers: workers, chunkBytes: chunkBytes).read(sources, onRejected: { rejected.append($0) })
        history.rollup(into: &builder)
        return (ReportBuilder.build(rollup: builder.finish(), counters: history.counters, request: request), rejected)
    }

    func plain(_ sources: [InputSource], _ request: ReportRequest) throws -> (Report, [RejectedLine]) {
        try PlainOracle.report(sources, request)
    }

    func assertSame(_ a: (Report, [RejectedLine]), _ b: (Report, [RejectedLine]), _ context: String, line: UInt = #line) {
        let (fastReport, fastRejected) = a, (plainReport, plainRejected) = b
        XCTAssertEqual(fastReport.totals, plainReport.totals, context, line: line)
        XCTAssertEqual(fastReport.previous, plainReport.previous, context, line: line)
        XCTAssertEqual(fastReport.series.map(\.figures), plainReport.series.map(\.figures), context, line: line)
        XCTAssertEqual(fastReport.input, plainReport.input, context, line: line)
        XCTAssertEqual(fastRejected.map(\.description), plainRejected.map(\.description), context, line: line)
        XCTAssertEqual(ReportHarness.json(fastReport), ReportHarness.json(plainReport), context, line: line)
    }

    func testGeneratedHistoryGivesTheSameReportForAnyChunking() throws {
        let sample = [InputSource.file(TestFiles.fixture("sample-history.ndjson"))]
        for week in ["2026-W41", "2026-W45", "2026-W47"] {
            let request = try ReportHarness.request(.week(week), rules: try RuleSources.load(files: [], includeDefault: true))
            let expected = try plain(sample, request)
            for chunk in [1 << 20, 64 << 10, 4096, 700] {
                assertSame(try fast(sample, request, chunkBytes: chunk), expected, "\(week), chunks of \(chunk) bytes")
            }
        }
    }

    func testEveryEdgeFixtureGivesTheSameCountsRejectionsAndFigures() throws {
        let dir = TestFiles.root.appendingPathComponent("fixtures/edge")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        let request = try ReportHarness.request(.week("2026-W47"))
        for name in names {
            let source = [InputSource.file(dir.appendingPathComponent(name).path)]
            let expected = try plain(source, request)
            for chunk in [1 << 20, 64, 1] {
                assertSame(try fast(source, request, chunkBytes: chunk), expected, "\(name), chunks of \(chunk) bytes")
                // validate's counting-only read agrees too.
                var rejected: [RejectedLine] = []
                let counters = try ParallelInput(chunkBytes: chunk).count(source) { rejected.append($0) }
                XCTAssertEqual(counters, expected.0.input.counters, name)
                XCTAssertEqual(rejected.map(\.description), expected.1.map(\.description), name)
            }
        }
        // Several files at once: duplicates across files, line numbers per file.
        let all = names.map { InputSource.file(dir.appendingPathComponent($0).path) }
        assertSame(try fast(all, request, chunkBytes: 128), try plain(all, request), "all edge files together")
    }

    func testShuffledGeneratedLinesAcrossManyChunksAndOneWorker() throws {
        var lines = try String(contentsOfFile: TestFiles.fixture("sample-history.ndjson"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        var rng = SplitMix(seed: 3)
        lines.shuffle(using: &rng)
        let path = TestFiles.write(lines, to: TestFiles.directory().appendingPathComponent("shuffled.ndjson"))
        let request = try ReportHarness.request(.week("2026-W45"))
        let expected = try plain([.file(path)], request)
        assertSame(try fast([.file(path)], request, chunkBytes: 5000, workers: 1), expected, "one worker")
        assertSame(try fast([.file(path)], request, chunkBytes: 5000, workers: 2), expected, "two workers")
    }
}
