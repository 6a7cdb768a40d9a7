import XCTest
@testable import AgentVizReport

/// The key is only a hash: two different ids under one key must stay two events.
final class EventStoreCollisionTests: XCTestCase {
    /// Four keys for every id: collisions everywhere.
    private static func tinyHash(_ id: String) -> UInt64 { UInt64(id.utf8.count % 4) }

    func testDifferentIdsWithOneKeyAreDifferentEvents() throws {
        let store = try EventStore(path: ":memory:", keyHash: Self.tinyHash)
        let events = (0..<200).map { StoreFixtures.event("id-\($0)", capturedAt: Int64($0)) }
        XCTAssertEqual(try store.insert(events), InsertOutcome(inserted: 200))
        XCTAssertEqual(try store.eventCount(), 200)
        XCTAssertEqual(Set(try store.allEvents().map(\.eventId)), Set(events.map(\.eventId)))
    }

    func testDuplicatesAndConflictsAreStillFoundUnderACollidingKey() throws {
        let dir = try StoreFixtures.Directory()
        defer { dir.remove() }
        let path = dir.path("events.sqlite")
        // "ab" and "cd" share a key; so do "a", "e" and "abcde".
        let first = ["ab", "cd", "a", "e", "abcde"].map { StoreFixtures.event($0) }
        do {
            let store = try EventStore(path: path, keyHash: Self.tinyHash)
            XCTAssertEqual(try store.insert(first + [StoreFixtures.event("cd", title: "conflict")]),
                           InsertOutcome(inserted: 5, duplicates: 1, conflictingDuplicates: 1))
        }
        let store = try EventStore(path: path, keyHash: Self.tinyHash)
        let again = [StoreFixtures.event("cd"), StoreFixtures.event("e", title: "conflict"), StoreFixtures.event("new"), StoreFixtures.event("ef")]
        XCTAssertEqual(try store.insert(again), InsertOutcome(inserted: 2, duplicates: 2, conflictingDuplicates: 1))
        XCTAssertEqual(try store.allEvents().map(\.eventId).sorted(), ["a", "ab", "abcde", "cd", "e", "ef", "new"])
    }

    func testTheRealKeyHashIsStableFNV1a() {
        // Keys are persisted, so the default key hash must never change.
        XCTAssertEqual(FNV1a64.hash(""), 0xCBF2_9CE4_8422_2325)
        XCTAssertEqual(FNV1a64.hash("a"), 0xAF63_DC4C_8601_EC8C)
        XCTAssertEqual(FNV1a64.hash("foobar"), 0x8594_4171_F739_67E8)
    }
}
