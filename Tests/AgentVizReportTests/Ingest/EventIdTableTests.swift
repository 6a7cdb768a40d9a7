import XCTest
@testable import AgentVizReport

final class EventIdTableTests: XCTestCase {
    /// Against a plain dictionary, through several growths, with ids that share prefixes,
    /// differ only in length, are empty or not ASCII.
    func testAgreesWithADictionary() {
        var table = EventIdTable()
        var plain: [[UInt8]: UInt64] = [:]  // bytes: String's == is canonical equivalence
        var rng = SplitMix(seed: 11)
        var ids = ["", "a", "aa", "é", "e\u{301}", "x\0y"]
        for _ in 0..<30_000 { ids.append("id-\(rng.next() % 20_000)") }
        for (n, id) in ids.enumerated() {
            let fingerprint = UInt64(n)
            let expected = plain[Array(id.utf8)]
            if expected == nil { plain[Array(id.utf8)] = fingerprint }
            XCTAssertEqual(table.insert(id, fingerprint: fingerprint), expected, id)
        }
        XCTAssertEqual(table.count, plain.count)
        XCTAssertNotNil(table.insert("e\u{301}", fingerprint: 0))
        XCTAssertEqual(table.insert("\u{e9}", fingerprint: 0), 3, "é and e + U+0301 are two ids: bytes, not canonical equivalence")
    }
}
