import Foundation
import XCTest
@testable import AgentVizReport

/// The decoder never traps, whatever the bytes: truncations and seeded random mutations of
/// valid lines all end in an event or a rejection with a reason and a detail.
final class DecoderRobustnessTests: XCTestCase {
    private let seeds: [String] = [
        decoderGeneratorLine,
        DecoderTestLine().text,
        DecoderTestLine().with("session.title", #""é\u00e9 \ud83d\ude00 \"q\" \\ tab\t""#)
            .with("extra", #"{"a":[1,-2.5e-3,true,false,null,{"b":"c"}],"d":[]}"#).text,
        #"{"schemaVersion":"1.0","eventId":"e","capturedAt":"2026-11-22T23:30:00-01:00","session":{"id":"s","sourceType":"agent-task","status":"failed","title":"日本語のタイトル"},"metadata":{"operatorAction":"resume_session"}}"#,
    ]

    func testEveryPrefixOfAValidLineIsMalformed() {
        for seed in seeds {
            let bytes = Array(seed.utf8)
            XCTAssertNotNil(try? decode(bytes).get(), "seed must be valid")
            for n in 0..<bytes.count {
                let result = decode(Array(bytes[..<n]))
                guard case .failure(let rejection) = result else {
                    XCTFail("prefix of \(n) bytes accepted"); continue
                }
                XCTAssertEqual(rejection.reason, .malformedJSON, "prefix \(n): \(rejection.detail)")
                XCTAssertFalse(rejection.detail.isEmpty)
            }
        }
    }

    func testEverySuffixDoesNotCrash() {
        for seed in seeds {
            let bytes = Array(seed.utf8)
            for n in 1..<bytes.count {
                assertWellFormedOutcome(decode(Array(bytes[n...])), Array(bytes[n...]))
            }
        }
    }

    func testSeededRandomMutations() {
        var rng = DecoderTestRNG(seed: 20_261_122)
        let interesting: [UInt8] = Array(#"{}[]":,\-+.0123456789eEtfnu "#.utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xF8, 0xFF, 0x0D, 0x0A]
        var outcomes: [String: Int] = [:]
        for iteration in 0..<(Int(ProcessInfo.processInfo.environment["FUZZ_ITERATIONS"] ?? "") ?? 20_000) {
            var bytes = Array(seeds[iteration % seeds.count].utf8)
            let mutations = 1 + Int(rng.next() % 4)
            for _ in 0..<mutations {
                let position = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count))
                let byte = rng.next() % 2 == 0 ? interesting[Int(rng.next() % UInt64(interesting.count))] : UInt8(truncatingIfNeeded: rng.next())
                switch rng.next() % 5 {
                case 0 where !bytes.isEmpty: bytes[position] ^= UInt8(1 << (rng.next() % 8))  // bit flip
                case 1 where !bytes.isEmpty: bytes[position] = byte  // replace
                case 2: bytes.insert(byte, at: position)  // insert
                case 3 where !bytes.isEmpty: bytes.remove(at: position)  // delete
                default: bytes.removeLast(Int(rng.next() % UInt64(bytes.count + 1)))  // truncate
                }
            }
            let result = decode(bytes)
            assertWellFormedOutcome(result, bytes)
            switch result {
            case .success: outcomes["accepted", default: 0] += 1
            case .failure(let r): outcomes[r.reason.rawValue, default: 0] += 1
            }
        }
        // The mutations reach every stage of the checks, not only the JSON scanner.
        for reason in ["accepted", "malformed-json", "missing-field", "invalid-field"] {
            XCTAssertGreaterThan(outcomes[reason, default: 0], 0, "\(reason): \(outcomes)")
        }
    }

    func testRandomBytesDoNotCrash() {
        var rng = DecoderTestRNG(seed: 99)
        for _ in 0..<5_000 {
            let count = Int(rng.next() % 64)
            var bytes: [UInt8] = [UInt8(ascii: "{")]
            for _ in 0..<count { bytes.append(UInt8(truncatingIfNeeded: rng.next())) }
            assertWellFormedOutcome(decode(bytes), bytes)
        }
    }

    /// Decodes from a buffer of exactly the line's size, so that a read past the end is a
    /// read outside the allocation (which the address sanitizer reports).
    private func decode(_ bytes: [UInt8]) -> Result<Event, Rejection> {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        defer { buffer.deallocate() }
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
        return EventDecoder.decode(UnsafeRawBufferPointer(buffer))
    }

    private func assertWellFormedOutcome(_ result: Result<Event, Rejection>, _ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        switch result {
        case .success(let event):
            XCTAssertFalse(event.eventId.isEmpty, file: file, line: line)
            XCTAssertFalse(event.sessionId.isEmpty, file: file, line: line)
            XCTAssertTrue(event.schemaVersion.hasPrefix("1.") || event.schemaVersion.hasPrefix("0"), event.schemaVersion, file: file, line: line)
            // An accepted line is valid UTF-8 JSON: the standard library must agree on the text.
            XCTAssertNotNil(String(validating: bytes, as: UTF8.self), file: file, line: line)
        case .failure(let rejection):
            XCTAssertFalse(rejection.detail.isEmpty, file: file, line: line)
            XCTAssertLessThan(rejection.detail.count, 200, rejection.detail, file: file, line: line)
        }
    }
}
