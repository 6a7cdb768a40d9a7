import Foundation
import XCTest
@testable import AgentVizReport

/// Two connections (as two processes would) ingesting into one file: BEGIN IMMEDIATE plus
/// the busy timeout make them take turns, never fail with "database is locked", and the
/// dedupe asks the store once the other writer has stored events.
final class EventStoreConcurrencyTests: XCTestCase {
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var counters: [IngestCounters] = []
        private var errors: [String] = []

        func add(_ c: IngestCounters) { lock.withLock { counters.append(c) } }
        func add(_ error: Error) { lock.withLock { errors.append(String(describing: error)) } }
        var snapshot: ([IngestCounters], [String]) { lock.withLock { (counters, errors) } }
    }

    func testTwoStoresOnOneFileFromTwoThreads() throws {
        let dir = try StoreFixtures.Directory()
        defer { dir.remove() }
        let path = dir.path("shared/events.sqlite")
        // Overlapping ids: 0..<6000 and 3000..<9000, cut into small chunks so the two
        // writers interleave transaction by transaction.
        let files = (0..<2).map { worker in
            TestFiles.write((worker * 3_000..<worker * 3_000 + 6_000).map {
                StoreFixtures.line("event-\($0)", session: "s\($0 % 10)")
            }, to: dir.url.appendingPathComponent("in-\(worker).ndjson"))
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            do {
                let store = try EventStore(path: path)
                let ingest = ResumableIngest(store: store, input: ParallelInput(chunkBytes: 20_000))
                results.add(try ingest.run([.file(files[worker])]))
            } catch {
                results.add(error)
            }
        }
        let (counters, errors) = results.snapshot
        XCTAssertEqual(errors, [])
        XCTAssertEqual(counters.map(\.eventsAccepted).reduce(0, +), 9_000)
        XCTAssertEqual(counters.map(\.duplicates).reduce(0, +), 3_000)
        let store = try EventStore(path: path)
        let ids = try store.allEvents().map(\.eventId)
        XCTAssertEqual(ids.count, 9_000)
        XCTAssertEqual(Set(ids), Set((0..<9_000).map { "event-\($0)" }), "every event exactly once")
        XCTAssertEqual(try store.ingestCounters().linesRead, 12_000)
        XCTAssertEqual(try store.ingestCounters().duplicates, 3_000)
    }
}
