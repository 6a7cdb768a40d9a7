import Foundation
import XCTest
@testable import AgentVizReport

final class LineReaderTests: XCTestCase {
    /// Reads `bytes` through a pipe-free temp file and returns what the reader reported.
    func lines(_ bytes: [UInt8], limit: Int = 64, chunk: Int = 7) throws -> [(Int, String?)] {
        let url = TestFiles.directory().appendingPathComponent("in.ndjson")
        try Data(bytes).write(to: url)
        var out: [(Int, String?)] = []
        try InputSource.file(url.path).withDescriptor { fd in
            try LineReader(limit: limit, chunkSize: chunk).forEachLine(fd: fd) { n, content in
                switch content {
                case .bytes(let b): out.append((n, String(decoding: b, as: UTF8.self)))
                case .tooLong: out.append((n, nil))
                }
            }
        }
        return out
    }

    func testSplitsLinesAndNumbersThemPhysically() throws {
        let got = try lines(Array("a\n\nbc\nd".utf8))
        XCTAssertEqual(got.map(\.0), [1, 2, 3, 4])
        XCTAssertEqual(got.map(\.1), ["a", "", "bc", "d"])
    }

    func testStripsCarriageReturnOfCRLF() throws {
        let got = try lines(Array("a\r\nb\r\n".utf8))
        XCTAssertEqual(got.map(\.1), ["a", "b"])
    }

    func testMissingFinalNewlineStillGivesTheLastLine() throws {
        XCTAssertEqual(try lines(Array("x\ny".utf8)).map(\.1), ["x", "y"])
        XCTAssertEqual(try lines([]).count, 0)
    }

    func testOverLongLineIsSkippedToTheNextNewline() throws {
        let long = String(repeating: "z", count: 200)
        let got = try lines(Array("ok\n\(long)\nafter\n\(long)".utf8), limit: 64, chunk: 16)
        XCTAssertEqual(got.map(\.0), [1, 2, 3, 4])
        XCTAssertEqual(got.map(\.1), ["ok", nil, "after", nil])
    }

    func testLineOfExactlyTheLimitIsKept() throws {
        let exact = String(repeating: "q", count: 64)
        XCTAssertEqual(try lines(Array("\(exact)\n\(exact)\r\n\(exact)q\n".utf8), limit: 64, chunk: 5).map(\.1),
                       [exact, exact, nil])
    }

    /// Random line lengths and chunk sizes against a plain split.
    func testMatchesAPlainSplitForRandomShapes() throws {
        var rng = SplitMix(seed: 7)
        for _ in 0..<60 {
            var text = ""
            for _ in 0..<Int(rng.next() % 20) {
                let length = Int(rng.next() % 90)
                text += String(repeating: "a", count: length) + (rng.next() % 4 == 0 ? "\r\n" : "\n")
            }
            if rng.next() % 2 == 0 { text += "tail" }
            let limit = 50, chunk = 1 + Int(rng.next() % 40)
            // Split the bytes, not the String: Swift treats "\r\n" as one Character.
            var expected: [String?] = Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
                var l = Array(line)
                if l.last == UInt8(ascii: "\r") { l.removeLast() }
                return l.count > limit ? nil : String(decoding: l, as: UTF8.self)
            }
            if text.utf8.last == UInt8(ascii: "\n") || text.isEmpty { expected.removeLast() }
            XCTAssertEqual(try lines(Array(text.utf8), limit: limit, chunk: chunk).map(\.1), expected, "chunk \(chunk)")
        }
    }

    func testTwoMebibyteLineIsRejectedWithoutStoppingTheRun() throws {
        let dir = TestFiles.directory()
        let good = EventLine("e1", "s1", "2026-11-16T10:00:00Z").json
        let huge = "{\"pad\":\"" + String(repeating: "x", count: 2 << 20) + "\"}"
        let path = TestFiles.write([good, huge, good.replacingOccurrences(of: "e1", with: "e2")], to: dir.appendingPathComponent("big.ndjson"))
        var rejected: [RejectedLine] = []
        let counters = try ParallelInput().count([.file(path)]) { rejected.append($0) }
        XCTAssertEqual(counters.linesRead, 3)
        XCTAssertEqual(counters.eventsAccepted, 2)
        XCTAssertEqual(rejected.map(\.line), [2])
        XCTAssertEqual(rejected.first?.rejection.reason, .lineTooLong)
        XCTAssertTrue(rejected.first?.description.hasPrefix("\(path):2: line-too-long: ") ?? false)
    }

    /// Runs of identical rejections are kept as runs, and still reported line by line.
    func testManyIdenticalBadLinesAreEachReportedWithTheirNumber() throws {
        let good = EventLine("e1", "s1", "2026-11-16T10:00:00Z").json
        var lines = Array(repeating: "{", count: 5_000)
        lines[2_500] = good
        lines[2_501] = ""
        let path = TestFiles.write(lines, to: TestFiles.directory().appendingPathComponent("bad.ndjson"))
        var rejected: [RejectedLine] = []
        let counters = try ParallelInput(chunkBytes: 1_000).count([.file(path)]) { rejected.append($0) }
        XCTAssertEqual(counters.eventsAccepted, 1)
        XCTAssertEqual(counters.rejected, 4_998)
        XCTAssertEqual(rejected.map(\.line), Array(1...2_500) + Array(2_503...5_000))
        XCTAssertEqual(Set(rejected.map(\.rejection.reason)), [.malformedJSON])
    }
}
