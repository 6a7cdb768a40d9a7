import Foundation
import XCTest
@testable import AgentVizReport

/// Two connections (as two processes would) writing one file: BEGIN IMMEDIATE plus the busy
/// timeout make them take turns, never fail with "database is locked".
final class EventStoreConcurrencyTests: XCTestCase {
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var outcomes: [InsertOutcome] = []
        private var errors: [String] = []

        func add(_ outcome: InsertOutcome) { lock.withLock { outcomes.append(outcome) } }
        func add(_ error: Error) { lock.withLock { errors.append(String(describing: error)) } }
        var snapshot: ([InsertOutcome], [String]) { lock.withLock { (outcomes, errors) } }
    }

    func testTwoStoresOnOneFileFromTwoThreads() throws {
        let dir = try StoreFixtures.Directory()
        defer { dir.remove() }
        let path = dir.path("shared/events.sqlite")
        let results = Results()
        // Both open a fresh file at once (racing on creation and migrations), then write
        // overlapping ids: 0..<6000 and 3000..<9000, in batches of 150, interleaved with reads.
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            do {
                let store = try EventStore(path: path)
                let ids = (worker * 3_000)..<(worker * 3_000 + 6_000)
                for start in stride(from: ids.lowerBound, to: ids.upperBound, by: 150) {
                    let batch = (start..<min(start + 150, ids.upperBound)).map {
                        StoreFixtures.event("event-\($0)", session: "s\($0 % 10)", capturedAt: Int64($0))
                    }
                    results.add(try store.insert(batch))
                    _ = try store.eventCount()
                }
                try store.addIngestCounters(IngestCounters(linesRead: 6_000))
            } catch {
                results.add(error)
            }
        }
        let (outcomes, errors) = results.snapshot
        XCTAssertEqual(errors, [])
        XCTAssertEqual(outcomes.map(\.inserted).reduce(0, +), 9_000)
        XCTAssertEqual(outcomes.map(\.duplicates).reduce(0, +), 3_000)
        XCTAssertEqual(outcomes.map(\.conflictingDuplicates).reduce(0, +), 0)
        let store = try EventStore(path: path)
        let ids = try store.allEvents().map(\.eventId)
        XCTAssertEqual(ids.count, 9_000)
        XCTAssertEqual(Set(ids), Set((0..<9_000).map { "event-\($0)" }), "every event exactly once")
        XCTAssertEqual(try store.ingestCounters().linesRead, 12_000)
    }
}
