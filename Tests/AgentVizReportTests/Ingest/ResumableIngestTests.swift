import Foundation
import XCTest
@testable import AgentVizReport

/// Re-ingest reads only what was appended, and anything it cannot prove unchanged again.
final class ResumableIngestTests: XCTestCase {
    var dir: URL!
    var file: URL!
    var store: EventStore!

    override func setUpWithError() throws {
        dir = TestFiles.directory()
        file = dir.appendingPathComponent("events.ndjson")
        store = try EventStore(path: dir.appendingPathComponent("store.sqlite").path)
    }

    func lines(_ ids: ClosedRange<Int>) -> String {
        ids.map { EventLine("e\($0)", "s\($0 % 3)", "2026-11-16T10:00:\(String(format: "%02d", $0 % 60))Z").json + "\n" }.joined()
    }

    func write(_ text: String) throws { try text.write(to: file, atomically: false, encoding: .utf8) }

    func append(_ text: String) throws {
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// Runs an ingest; returns how it started on the file, the counters and the rejected lines.
    func ingest(full: Bool = false) throws -> (FileIngestStart?, IngestCounters, [RejectedLine]) {
        var start: FileIngestStart?
        var rejected: [RejectedLine] = []
        let counters = try ResumableIngest(store: store, readEverything: full)
            .run([.file(file.path)], onFile: { start = $1 }, onRejected: { rejected.append($0) })
        return (start, counters, rejected)
    }

    func testUnchangedFileIsNotReadAgain() throws {
        try write(lines(1...50))
        let (first, counters, _) = try ingest()
        XCTAssertEqual(first, .fromStart)
        XCTAssertEqual(counters.eventsAccepted, 50)
        let (second, again, _) = try ingest()
        XCTAssertEqual(second, .unchanged)
        XCTAssertEqual(again, IngestCounters())
        XCTAssertEqual(try store.eventCount(), 50)
    }

    func testAppendedLinesAreReadFromWhereTheLastRunStoppedWithTrueLineNumbers() throws {
        try write(lines(1...20))
        _ = try ingest()
        let size = Int64(try Data(contentsOf: file).count)
        try append(lines(21...25) + "{not json\n")
        let (start, counters, rejected) = try ingest()
        XCTAssertEqual(start, .resumed(offset: size))
        XCTAssertEqual(counters.linesRead, 6)
        XCTAssertEqual(counters.eventsAccepted, 5)
        XCTAssertEqual(rejected.map(\.line), [26], "line numbers count the lines read before")
        XCTAssertEqual(try store.eventCount(), 25)
    }

    func testRewrittenFileIsReadFromTheStart() throws {
        try write(lines(1...20))
        _ = try ingest()
        try write(lines(101...130))   // same inode, new content, larger
        let (start, counters, _) = try ingest()
        XCTAssertEqual(start, .fromStart)
        XCTAssertEqual(counters.eventsAccepted, 30)
    }

    func testTruncatedFileIsReadFromTheStart() throws {
        try write(lines(1...20))
        _ = try ingest()
        try write(lines(1...5))
        let (start, counters, _) = try ingest()
        XCTAssertEqual(start, .fromStart)
        XCTAssertEqual(counters.duplicates, 5)
        XCTAssertEqual(counters.eventsAccepted, 0)
    }

    func testRotatedFileIsReadFromTheStart() throws {
        try write(lines(1...20))
        _ = try ingest()
        let rotated = dir.appendingPathComponent("new.ndjson")
        try (lines(1...20) + lines(21...22)).write(to: rotated, atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(at: file)
        try FileManager.default.moveItem(at: rotated, to: file)  // new inode, same path
        let (start, counters, _) = try ingest()
        XCTAssertEqual(start, .fromStart)
        XCTAssertEqual(counters.eventsAccepted, 2)
        XCTAssertEqual(counters.duplicates, 20)
    }

    func testUnfinishedLastLineIsReadAgainOnceCompleted() throws {
        let complete = lines(1...3)
        let last = EventLine("e4", "s1", "2026-11-16T11:00:00Z").json
        try write(complete + String(last.prefix(30)))
        let (_, first, rejected) = try ingest()
        XCTAssertEqual(first.eventsAccepted, 3)
        XCTAssertEqual(rejected.map(\.line), [4])
        XCTAssertEqual(try ingest().0, .unchanged, "a partial line alone is not news")
        try append(String(last.dropFirst(30)) + "\n")
        let (start, second, again) = try ingest()
        XCTAssertEqual(start, .resumed(offset: Int64(complete.utf8.count)))
        XCTAssertEqual(second.eventsAccepted, 1)
        XCTAssertEqual(again.count, 0)
        XCTAssertEqual(try store.eventCount(), 4)
        // The partial line's rejection is taken back: the store counts as one clean read.
        XCTAssertEqual(try store.ingestCounters(), IngestCounters(linesRead: 4, eventsAccepted: 4))
    }

    func testAnAcceptedLastLineWithoutNewlineIsCountedOnceAsTheFileGrows() throws {
        let all = lines(1...3)
        try write(String(all.dropLast()))  // the third line is complete JSON, without its newline
        XCTAssertEqual(try ingest().1.eventsAccepted, 3)
        XCTAssertEqual(try ingest().0, .unchanged, "unchanged: not read again, not counted again")
        try append("\n" + lines(4...5))
        let (_, grown, rejected) = try ingest()
        XCTAssertEqual(grown.eventsAccepted, 2)
        XCTAssertEqual(grown.linesRead, 2)
        XCTAssertEqual(rejected, [])
        XCTAssertEqual(try store.ingestCounters(), IngestCounters(linesRead: 5, eventsAccepted: 5))
    }

    func testFullReadsEverythingAgain() throws {
        try write(lines(1...10))
        _ = try ingest()
        let (start, counters, _) = try ingest(full: true)
        XCTAssertEqual(start, .fromStart)
        XCTAssertEqual(counters.duplicates, 10)
    }

    func testReportAfterIncrementalIngestsEqualsOneReadOfTheWholeFile() throws {
        let all = try String(contentsOfFile: TestFiles.fixture("sample-history.ndjson"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var written = 0
        for end in [1000, 2500, 4000, all.count] {
            try append(all[written..<end].map { $0 + "\n" }.joined(), creating: written == 0)
            written = end
            _ = try ingest()
        }
        let request = try ReportHarness.request(.week("2026-W45"))
        let viaStore = try ReportSource.store(store).report(request)
        let viaInput = try ReportSource.input([.file(TestFiles.fixture("sample-history.ndjson"))]).report(request)
        XCTAssertEqual(viaStore.totals, viaInput.totals)
        XCTAssertEqual(try store.eventCount(), viaInput.input.counters.eventsAccepted)
    }

    private func append(_ text: String, creating: Bool) throws {
        if creating { try write(text) } else { try append(text) }
    }
}
