import Foundation
import XCTest
@testable import AgentVizReport

/// Every hand-written file under fixtures/edge, read through the real ingest path.
final class EdgeFixtureTests: XCTestCase {
    func ingest(_ names: [String]) throws -> (IngestCounters, [RejectedLine], [Event]) {
        let sources = names.map { InputSource.file(TestFiles.fixture("edge/" + $0)) }
        var rejected: [RejectedLine] = []
        let counters = try ParallelInput().count(sources) { rejected.append($0) }
        let read = try PlainOracle.read(sources)
        XCTAssertEqual(counters, read.counters, "the real reader and the oracle count alike")
        XCTAssertEqual(rejected, read.rejected)
        return (counters, rejected, read.events)
    }

    func testCRLFLinesAreAccepted() throws {
        let (c, rejected, events) = try ingest(["crlf.ndjson"])
        XCTAssertEqual(c.linesRead, 3)
        XCTAssertEqual(rejected, [])
        XCTAssertEqual(events.map(\.eventId), ["e1", "e2", "e3"])
    }

    func testMissingFinalNewline() throws {
        let (c, rejected, _) = try ingest(["no-final-newline.ndjson"])
        XCTAssertEqual(c.eventsAccepted, 3)
        XCTAssertEqual(rejected, [])
    }

    func testTruncatedLastLineIsMalformedAndTheRestCounts() throws {
        let (c, rejected, _) = try ingest(["truncated-last-line.ndjson"])
        XCTAssertEqual(c.eventsAccepted, 2)
        XCTAssertEqual(rejected.map(\.line), [3])
        XCTAssertEqual(rejected.map(\.rejection.reason), [.malformedJSON])
    }

    func testBlankLinesAreSkippedAndNotCounted() throws {
        let (c, rejected, _) = try ingest(["blank-lines.ndjson"])
        XCTAssertEqual(c.linesRead, 2)
        XCTAssertEqual(c.eventsAccepted, 2)
        XCTAssertEqual(rejected, [])
    }

    func testInvalidUTF8IsMalformedButValidNonASCIIIsAccepted() throws {
        let (c, rejected, events) = try ingest(["invalid-utf8.ndjson"])
        XCTAssertEqual(rejected.map(\.line), [2])
        XCTAssertEqual(rejected.first?.rejection.reason, .malformedJSON)
        XCTAssertEqual(c.eventsAccepted, 2)
        XCTAssertEqual(events.last?.repository, "acme/été")
    }

    func testSchemaVersions() throws {
        let (c, rejected, events) = try ingest(["mixed-versions.ndjson"])
        XCTAssertEqual(events.map(\.eventId), ["v1", "v2", "v3"], "1.0, 1.3 with extra fields and 1.2.3 are accepted")
        XCTAssertEqual(rejected.map(\.line), [4, 5, 6, 7])
        XCTAssertEqual(rejected.map(\.rejection.reason),
                       [.unsupportedSchemaVersion, .unsupportedSchemaVersion, .invalidSchemaVersion, .invalidSchemaVersion])
        XCTAssertTrue(rejected[0].rejection.detail.contains("2.0"), rejected[0].rejection.detail)
        XCTAssertTrue(rejected[0].rejection.detail.contains("1."), "names the supported version: \(rejected[0].rejection.detail)")
        XCTAssertTrue(rejected[1].rejection.detail.contains("3.1"))
        XCTAssertEqual(c.rejectedByReason[.unsupportedSchemaVersion], 2)
    }

    func testEveryReasonAndPrecedence() throws {
        let (c, rejected, _) = try ingest(["every-reason.ndjson"])
        XCTAssertEqual(c.eventsAccepted, 0)
        XCTAssertEqual(rejected.map(\.rejection.reason), [
            .malformedJSON, .malformedJSON, .unsupportedSchemaVersion, .invalidSchemaVersion,
            .missingField, .invalidField, .invalidField, .unsupportedSchemaVersion,
        ])
        XCTAssertTrue(rejected[4].rejection.detail.contains("metadata.operatorAction"))
        XCTAssertTrue(rejected[5].rejection.detail.contains("session.status"))
        XCTAssertTrue(rejected[6].rejection.detail.contains("capturedAt"))
        let path = TestFiles.fixture("edge/every-reason.ndjson")
        XCTAssertEqual(rejected[0].description.prefix(path.count + 18), Substring("\(path):1: malformed-json"))
    }

    func testDuplicatesAndConflictsWithinAndAcrossFiles() throws {
        let (c, _, events) = try ingest(["duplicates.ndjson", "duplicates-other-file.ndjson"])
        XCTAssertEqual(events.map(\.eventId), ["d1", "d2", "d3"])
        XCTAssertEqual(events[1].status, .running, "the first accepted line wins")
        XCTAssertEqual(c.duplicates, 4)
        XCTAssertEqual(c.conflictingDuplicates, 1)
        XCTAssertEqual(c.linesRead, 7)
    }

    func testSecretsAreRedactedBeforeAnythingIsKept() throws {
        let (c, _, events) = try ingest(["secrets.ndjson"])
        XCTAssertEqual(events[0].title, "Rotate [REDACTED:github-token] now")
        XCTAssertEqual(events[1].title, "AWS key [REDACTED:aws-access-key] leaked")
        XCTAssertEqual(events[1].branch, "feature/[REDACTED:aws-access-key]")
        XCTAssertEqual(events[2].title, "Fix login flow")
        XCTAssertEqual(c.redactions, 3)
    }
}
