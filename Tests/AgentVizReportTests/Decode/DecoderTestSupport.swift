import XCTest
@testable import AgentVizReport

/// Builds event lines for decoder tests: a valid v1 envelope whose members can be replaced
/// (by raw JSON text) or removed, addressed by dotted path (`session.status`). Setting a
/// top-level object key (`session`) replaces the whole object with the raw text given.
struct DecoderTestLine {
    private var top: [(String, String)] = [
        ("schemaVersion", #""1.0""#),
        ("eventId", #""evt-0001""#),
        ("capturedAt", #""2026-11-22T10:00:00Z""#),
        ("source", #""gh-agent-viz""#),
    ]
    private var objects: [(String, [(String, String)])] = [
        ("session", [
            ("id", #""sess-1""#),
            ("sourceType", #""agent-task""#),
            ("status", #""running""#),
            ("repository", #""acme/api""#),
            ("branch", #""feature/x""#),
            ("title", #""Fix the thing""#),
            ("prNumber", "42"),
            ("updatedAt", #""2026-11-22T09:59:00Z""#),
        ]),
        ("metrics", [
            ("durationSeconds", "120"),
            ("tokenInput", "1000"),
            ("tokenOutput", "200"),
            ("tokenTotal", "1200"),
            ("estimatedCostUsd", "0.006"),
        ]),
        ("metadata", [
            ("operatorAction", #""view""#),
            ("debugEnabled", "false"),
        ]),
    ]
    /// Raw replacements for whole top-level objects.
    private var replacedObjects: [String: String?] = [:]

    /// Sets (raw JSON) or removes (nil) the member at `path`; unknown paths are appended.
    @discardableResult
    mutating func set(_ path: String, _ raw: String?) -> DecoderTestLine {
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 1 {
            if objects.contains(where: { $0.0 == path }) {
                replacedObjects[path] = .some(raw)
            } else {
                DecoderTestLine.put(&top, path, raw)
            }
        } else if let i = objects.firstIndex(where: { $0.0 == parts[0] }) {
            DecoderTestLine.put(&objects[i].1, parts[1], raw)
        }
        return self
    }

    func with(_ path: String, _ raw: String?) -> DecoderTestLine {
        var copy = self
        copy.set(path, raw)
        return copy
    }

    private static func put(_ members: inout [(String, String)], _ key: String, _ raw: String?) {
        if let i = members.firstIndex(where: { $0.0 == key }) {
            if let raw { members[i].1 = raw } else { members.remove(at: i) }
        } else if let raw {
            members.append((key, raw))
        }
    }

    var text: String {
        var parts = top.map { "\"\($0.0)\":\($0.1)" }
        for (name, members) in objects {
            if let replaced = replacedObjects[name] {
                if let raw = replaced { parts.append("\"\(name)\":\(raw)") }
                continue
            }
            parts.append("\"\(name)\":{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
        }
        return "{" + parts.joined(separator: ",") + "}"
    }
}

/// A line as the generator writes it (tools/gen_events.py), for fuzzing and full decodes.
let decoderGeneratorLine = #"{"schemaVersion":"1.0","eventId":"4fda6510-bae7-49ef-8f29-700e13399754","capturedAt":"2026-10-01T00:01:16Z","source":"gh-agent-viz","session":{"id":"0761ea95fdc14bdc","sourceType":"local-copilot","status":"running","repository":"acme/agent-api","branch":"feature/infra-6535","title":"Remove flaky test","prNumber":2503,"updatedAt":"2026-10-01T00:00:54Z"},"metrics":{"durationSeconds":0,"tokenInput":3302,"tokenOutput":456,"tokenTotal":3758,"estimatedCostUsd":0.016746},"metadata":{"operatorAction":"view","debugEnabled":false}}"#

extension XCTestCase {
    @discardableResult
    func assertDecoded(_ line: String, file: StaticString = #filePath, line number: UInt = #line) -> Event? {
        switch EventDecoder.decode(line) {
        case .success(let event): return event
        case .failure(let rejection):
            XCTFail("rejected (\(rejection.reason.rawValue): \(rejection.detail)): \(line.prefix(300))", file: file, line: number)
            return nil
        }
    }

    /// Asserts a rejection with `reason` whose detail contains every fragment given.
    @discardableResult
    func assertDecodeRejected(
        _ line: String, _ reason: RejectReason, _ fragments: String..., file: StaticString = #filePath, line number: UInt = #line
    ) -> Rejection? {
        switch EventDecoder.decode(line) {
        case .success:
            XCTFail("accepted, expected \(reason.rawValue): \(line.prefix(300))", file: file, line: number)
            return nil
        case .failure(let rejection):
            XCTAssertEqual(rejection.reason, reason, "detail: \(rejection.detail); line: \(line.prefix(300))", file: file, line: number)
            XCTAssertFalse(rejection.detail.isEmpty, file: file, line: number)
            for fragment in fragments {
                XCTAssertTrue(
                    rejection.detail.contains(fragment), "detail \"\(rejection.detail)\" lacks \"\(fragment)\"",
                    file: file, line: number)
            }
            return rejection
        }
    }

    /// Decodes raw bytes (for invalid UTF-8, which a Swift String cannot hold).
    func decodeLineBytes(_ bytes: [UInt8]) -> Result<Event, Rejection> {
        bytes.withUnsafeBytes { EventDecoder.decode($0) }
    }
}

/// The instant of a `Z` timestamp, for expectations.
func decoderInstant(_ text: String) -> Timestamp {
    guard let t = RFC3339.parse(text) else { fatalError("bad test timestamp \(text)") }
    return t
}

/// A small deterministic generator for reproducible "random" tests.
typealias DecoderTestRNG = SplitMix
