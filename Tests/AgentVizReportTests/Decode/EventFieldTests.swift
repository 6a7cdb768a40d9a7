import Foundation
import XCTest
@testable import AgentVizReport

/// Field rules of ANALYTICS.md §1: required and optional fields, schema versions, the
/// precedence of reasons, and what a rejection's detail may say.
final class EventFieldTests: XCTestCase {
    let valid = DecoderTestLine()

    // MARK: Accepted events

    func testAFullEventDecodesEveryField() throws {
        let event = try XCTUnwrap(assertDecoded(valid.text))
        XCTAssertEqual(event, Event(
            schemaVersion: "1.0", eventId: "evt-0001", capturedAt: decoderInstant("2026-11-22T10:00:00Z"),
            source: "gh-agent-viz", sessionId: "sess-1", sourceType: .agentTask, status: .running,
            repository: "acme/api", branch: "feature/x", title: "Fix the thing", prNumber: 42,
            updatedAt: decoderInstant("2026-11-22T09:59:00Z"),
            metrics: Metrics(durationSeconds: 120, tokenInput: 1000, tokenOutput: 200, tokenTotal: 1200, estimatedCostUsd: 0.006),
            operatorAction: .view, debugEnabled: false))
    }

    func testAGeneratorLineDecodes() throws {
        let event = try XCTUnwrap(assertDecoded(decoderGeneratorLine))
        XCTAssertEqual(event.eventId, "4fda6510-bae7-49ef-8f29-700e13399754")
        XCTAssertEqual(event.capturedAt, decoderInstant("2026-10-01T00:01:16Z"))
        XCTAssertEqual(event.sourceType, .localCopilot)
        XCTAssertEqual(event.repository, "acme/agent-api")
        XCTAssertEqual(event.prNumber, 2503)
        XCTAssertEqual(event.metrics, Metrics(durationSeconds: 0, tokenInput: 3302, tokenOutput: 456, tokenTotal: 3758, estimatedCostUsd: 0.016746))
        XCTAssertEqual(event.operatorAction, .view)
        XCTAssertEqual(event.debugEnabled, false)
    }

    func testStringAndByteEntryPointsAgree() {
        let bytes = Array(decoderGeneratorLine.utf8)
        let fromBytes = bytes.withUnsafeBytes { EventDecoder.decode($0) }
        XCTAssertEqual(try? fromBytes.get(), try? EventDecoder.decode(decoderGeneratorLine).get())
    }

    func testMinimalEventHasOnlyRequiredFields() throws {
        let line = #"{"schemaVersion":"1.0","eventId":"e","capturedAt":"2026-11-22T10:00:00Z","session":{"id":"s","sourceType":"local-copilot","status":"queued"},"metadata":{"operatorAction":"open_pr"}}"#
        let event = try XCTUnwrap(assertDecoded(line))
        assertOnlyRequiredFields(event)
        XCTAssertEqual(event.operatorAction, .openPR)
    }

    func testEveryEnumValue() {
        for s in SourceType.allCases { XCTAssertEqual(assertDecoded(valid.with("session.sourceType", "\"\(s.rawValue)\"").text)?.sourceType, s) }
        for s in SessionStatus.allCases { XCTAssertEqual(assertDecoded(valid.with("session.status", "\"\(s.rawValue)\"").text)?.status, s) }
        for a in OperatorAction.allCases {
            XCTAssertEqual(assertDecoded(valid.with("metadata.operatorAction", "\"\(a.rawValue)\"").text)?.operatorAction, a)
        }
    }

    func testOptionalNullsMeanAbsent() throws {
        var line = valid
        for path in ["source", "session.repository", "session.branch", "session.title", "session.prNumber", "session.updatedAt",
                     "metrics.durationSeconds", "metrics.tokenInput", "metrics.tokenOutput", "metrics.tokenTotal",
                     "metrics.estimatedCostUsd", "metadata.debugEnabled"] {
            line.set(path, "null")
        }
        let event = try XCTUnwrap(assertDecoded(line.text))
        assertOnlyRequiredFields(event)
        XCTAssertEqual(assertDecoded(valid.with("metrics", "null").text)?.metrics, Metrics())
        XCTAssertEqual(assertDecoded(valid.with("metrics", "{}").text)?.metrics, Metrics())
    }

    func testUnknownFieldsAreIgnoredAtEveryLevel() throws {
        let nested = #"{"a":[1,2.5e3,{"b":null,"c":[true,false,"\u00e9"]}],"d":{},"e":[]}"#
        let line = valid.with("futureField", nested).with("session.futureField", nested)
            .with("metrics.cacheTokens", "12").with("metadata.client", #""cli""#).with("x", "-0.5")
        let event = try XCTUnwrap(assertDecoded(line.text))
        XCTAssertEqual(event, try XCTUnwrap(assertDecoded(valid.text)))
        // Known names nested under unknown objects are not the envelope's fields.
        XCTAssertEqual(assertDecoded(valid.with("wrapper", #"{"eventId":"other","session":{"id":""}}"#).text)?.eventId, "evt-0001")
        // Unknown members before the known ones, in any order.
        let reordered = #"{"z":{"q":[1]},"metadata":{"debugEnabled":true,"operatorAction":"resume_session"},"session":{"status":"failed","id":"s","sourceType":"agent-task"},"capturedAt":"2026-01-01T00:00:00Z","eventId":"e","schemaVersion":"1.9"}"#
        let r = try XCTUnwrap(assertDecoded(reordered))
        XCTAssertEqual(r.operatorAction, .resumeSession)
        XCTAssertEqual(r.debugEnabled, true)
        XCTAssertEqual(r.schemaVersion, "1.9")
    }

    // MARK: Schema versions

    func testAcceptedSchemaVersions() {
        for version in ["1.0", "1.2", "1.2.3", "1.10.0", "1.0.0", "01.0"] {
            XCTAssertEqual(assertDecoded(valid.with("schemaVersion", "\"\(version)\"").text)?.schemaVersion, version)
        }
    }

    func testUnsupportedMajorVersions() {
        for version in ["2.0", "3.1", "0.9", "2.0.0", "10.0", "99999999999999999999999.1"] {
            let r = assertDecodeRejected(valid.with("schemaVersion", "\"\(version)\"").text, .unsupportedSchemaVersion, "1.x")
            XCTAssertTrue(r?.detail.contains(String(version.prefix(40))) ?? false, r?.detail ?? "")
        }
    }

    func testInvalidSchemaVersions() {
        for version in ["1", "1.x", "1.2.3.4", "", "v1.0", " 1.0", "1.0 ", "1..0", ".1", "1.", "1.0-beta", "١.٠", "2"] {
            assertDecodeRejected(valid.with("schemaVersion", "\"\(version)\"").text, .invalidSchemaVersion, "MAJOR.MINOR")
        }
        assertDecodeRejected(valid.with("schemaVersion", "1.0").text, .invalidSchemaVersion, "found a number")
        assertDecodeRejected(valid.with("schemaVersion", "1").text, .invalidSchemaVersion)
        assertDecodeRejected(valid.with("schemaVersion", "true").text, .invalidSchemaVersion, "found a boolean")
        assertDecodeRejected(valid.with("schemaVersion", #"{"major":1}"#).text, .invalidSchemaVersion)
        assertDecodeRejected(valid.with("schemaVersion", #"["1.0"]"#).text, .invalidSchemaVersion)
        // Escapes are decoded first: "\u0031.0" is "1.0".
        XCTAssertEqual(assertDecoded(valid.with("schemaVersion", #""\u0031.0""#).text)?.schemaVersion, "1.0")
    }

    func testMissingOrNullSchemaVersionIsMissingField() {
        assertDecodeRejected(valid.with("schemaVersion", nil).text, .missingField, "schemaVersion")
        assertDecodeRejected(valid.with("schemaVersion", "null").text, .missingField, "schemaVersion", "null")
    }

    // MARK: Missing fields

    func testEachRequiredFieldAbsentOrNull() {
        for path in ["eventId", "capturedAt", "session.id", "session.sourceType", "session.status", "metadata.operatorAction"] {
            let absent = assertDecodeRejected(valid.with(path, nil).text, .missingField, path)
            XCTAssertEqual(absent?.detail, "\(path): required field is missing")
            assertDecodeRejected(valid.with(path, "null").text, .missingField, path, "null")
        }
    }

    func testAbsentSessionOrMetadataMakesTheirRequiredMembersMissing() {
        assertDecodeRejected(valid.with("session", nil).text, .missingField, "session.id")
        assertDecodeRejected(valid.with("session", "null").text, .missingField, "session.id")
        assertDecodeRejected(valid.with("metadata", nil).text, .missingField, "metadata.operatorAction")
        assertDecodeRejected(valid.with("metadata", "null").text, .missingField, "metadata.operatorAction")
        assertDecodeRejected(valid.with("session", "{}").text, .missingField, "session.id")
        assertDecodeRejected(valid.with("metadata", "{}").text, .missingField, "metadata.operatorAction")
        assertDecodeRejected("{}", .missingField, "schemaVersion")
    }

    func testNonObjectSessionOrMetadataIsInvalidNotMissing() {
        for raw in [#""s""#, "[]", "1", "true"] {
            assertDecodeRejected(valid.with("session", raw).text, .invalidField, "session: expected an object")
            assertDecodeRejected(valid.with("metadata", raw).text, .invalidField, "metadata: expected an object")
            // ... unless another required field is missing.
            assertDecodeRejected(valid.with("session", raw).with("eventId", nil).text, .missingField, "eventId")
            assertDecodeRejected(valid.with("session", raw).with("metadata.operatorAction", nil).text, .missingField, "metadata.operatorAction")
            assertDecodeRejected(valid.with("metadata", raw).with("session.status", nil).text, .missingField, "session.status")
        }
        assertDecodeRejected(valid.with("session", "[]").text, .invalidField, "found an array")
    }

    // MARK: Invalid required fields

    func testInvalidRequiredValues() {
        let cases: [(String, String, String)] = [
            ("eventId", #""""#, "eventId: expected a non-empty string, found an empty string"),
            ("eventId", "7", "eventId: expected a non-empty string, found a number"),
            ("eventId", #"{"id":1}"#, "eventId: expected a non-empty string, found an object"),
            ("capturedAt", #""2026-02-30T00:00:00Z""#, #"capturedAt: expected an RFC 3339 timestamp with Z or an offset, found "2026-02-30T00:00:00Z""#),
            ("capturedAt", #""2026-11-22T10:00:00""#, "capturedAt: expected an RFC 3339"),
            ("capturedAt", "1795341600", "capturedAt: expected an RFC 3339 timestamp with Z or an offset, found a number"),
            ("session.id", #""""#, "session.id: expected a non-empty string"),
            ("session.id", "12", "session.id: expected a non-empty string, found a number"),
            ("session.sourceType", #""copilot""#, #"session.sourceType: expected one of local-copilot, agent-task, found "copilot""#),
            ("session.sourceType", #""Agent-Task""#, "session.sourceType: expected one of"),
            ("session.status", #""done""#, #"session.status: expected one of running, queued, completed, failed, unknown, found "done""#),
            ("session.status", #""""#, #"found """#),
            ("session.status", "1", "session.status: expected one of running, queued, completed, failed, unknown, found a number"),
            ("session.status", #""running ""#, "session.status"),
            ("metadata.operatorAction", #""click""#, #"metadata.operatorAction: expected one of view, open_pr, view_logs, resume_session, found "click""#),
            ("metadata.operatorAction", "false", "found a boolean"),
        ]
        for (path, raw, detail) in cases {
            assertDecodeRejected(valid.with(path, raw).text, .invalidField, detail)
        }
    }

    // MARK: Optional fields

    func testInvalidOptionalValues() {
        let cases: [(String, String, String)] = [
            ("source", "1", "source: expected a string, found a number"),
            ("source", "{}", "source: expected a string, found an object"),
            ("session.repository", #""""#, "session.repository: expected a non-empty string, found an empty string"),
            ("session.repository", "[]", "session.repository: expected a non-empty string, found an array"),
            ("session.branch", "5", "session.branch: expected a string, found a number"),
            ("session.title", "true", "session.title: expected a string, found a boolean"),
            ("session.prNumber", "0", "session.prNumber: expected an integer >= 1"),
            ("session.prNumber", "-3", "session.prNumber: expected an integer >= 1"),
            ("session.prNumber", "1.5", "session.prNumber: expected an integer >= 1"),
            ("session.prNumber", #""12""#, "session.prNumber: expected an integer >= 1, found a string"),
            ("session.prNumber", "9223372036854775808", "session.prNumber: out of range"),
            ("session.prNumber", "1e19", "session.prNumber: out of range"),
            ("session.updatedAt", #""yesterday""#, #"session.updatedAt: expected an RFC 3339 timestamp with Z or an offset, found "yesterday""#),
            ("session.updatedAt", "0", "session.updatedAt: expected an RFC 3339"),
            ("metrics", "[]", "metrics: expected an object, found an array"),
            ("metrics", #""lots""#, "metrics: expected an object, found a string"),
            ("metrics", "0", "metrics: expected an object, found a number"),
            ("metadata.debugEnabled", #""false""#, "metadata.debugEnabled: expected a boolean, found a string"),
            ("metadata.debugEnabled", "0", "metadata.debugEnabled: expected a boolean, found a number"),
        ]
        for (path, raw, detail) in cases {
            assertDecodeRejected(valid.with(path, raw).text, .invalidField, detail)
        }
        XCTAssertEqual(assertDecoded(valid.with("source", #""""#).text)?.source, "")
        XCTAssertEqual(assertDecoded(valid.with("session.branch", #""""#).text)?.branch, "")
        XCTAssertEqual(assertDecoded(valid.with("session.title", #""""#).text)?.title, "")
        XCTAssertEqual(assertDecoded(valid.with("session.prNumber", "1").text)?.prNumber, 1)
        XCTAssertEqual(assertDecoded(valid.with("session.prNumber", "1e2").text)?.prNumber, 100)
        XCTAssertEqual(assertDecoded(valid.with("session.prNumber", "9223372036854775807").text)?.prNumber, Int64.max)
        XCTAssertEqual(assertDecoded(valid.with("session.updatedAt", #""2026-11-22T09:59:00.5+02:00""#).text)?.updatedAt,
                       decoderInstant("2026-11-22T07:59:00.5Z"))
        XCTAssertEqual(assertDecoded(valid.with("metadata.debugEnabled", "true").text)?.debugEnabled, true)
    }

    func testWholeNumberMetrics() {
        for field in ["durationSeconds", "tokenInput", "tokenOutput", "tokenTotal"] {
            let path = "metrics.\(field)"
            func value(_ raw: String) -> Int64? {
                guard let m = assertDecoded(valid.with(path, raw).text)?.metrics else { return nil }
                switch field {
                case "durationSeconds": return m.durationSeconds
                case "tokenInput": return m.tokenInput
                case "tokenOutput": return m.tokenOutput
                default: return m.tokenTotal
                }
            }
            XCTAssertEqual(value("0"), 0)
            XCTAssertEqual(value("-0"), 0)
            XCTAssertEqual(value("0.0"), 0)
            XCTAssertEqual(value("-0.0e5"), 0)
            XCTAssertEqual(value("100.0"), 100)
            XCTAssertEqual(value("1e2"), 100)
            XCTAssertEqual(value("1E+2"), 100)
            XCTAssertEqual(value("1.5e1"), 15)
            XCTAssertEqual(value("12500e-2"), 125)
            XCTAssertEqual(value("9007199254740993"), 9_007_199_254_740_993)  // not rounded through a Double
            XCTAssertEqual(value("9223372036854775807"), Int64.max)
            XCTAssertEqual(value("922337203685477580.70e1"), Int64.max)
            for bad in ["1.5", "-1", "-1.5", "1e-1", "0.001", "-1e30"] {
                assertDecodeRejected(valid.with(path, bad).text, .invalidField, "\(path): expected a whole number >= 0")
            }
            for huge in ["9223372036854775808", "1e19", "1e400", "123456789012345678901234567890", "92233720368547758080e-1"] {
                assertDecodeRejected(valid.with(path, huge).text, .invalidField, "\(path): out of range")
            }
            for wrongType in [#""5""#, "true", "[]", "{}"] {
                assertDecodeRejected(valid.with(path, wrongType).text, .invalidField, "\(path): expected a whole number >= 0, found")
            }
        }
    }

    /// The optional 1.x cost fields (ANALYTICS.md section 7), checked like the other metrics.
    func testVersion11CostFields() throws {
        let line = valid.with("schemaVersion", #""1.1""#).with("session.model", #""claude-sonnet-4.6""#)
            .with("metrics.tokenCacheRead", "300").with("metrics.tokenCacheWrite", "30.0")
            .with("metrics.aiCredits", "0.6").with("metrics.premiumRequests", "2")
        let event = try XCTUnwrap(assertDecoded(line.text))
        XCTAssertEqual(event.model, "claude-sonnet-4.6")
        XCTAssertEqual(event.metrics.tokenCacheRead, 300)
        XCTAssertEqual(event.metrics.tokenCacheWrite, 30)
        XCTAssertEqual(event.metrics.aiCredits, 0.6)
        XCTAssertEqual(event.metrics.premiumRequests, 2)
        XCTAssertNil(assertDecoded(valid.with("session.model", "null").text)?.model)
        let cases: [(String, String, String)] = [
            ("session.model", "5", "session.model: expected a string, found a number"),
            ("metrics.tokenCacheRead", "1.5", "metrics.tokenCacheRead: expected a whole number >= 0"),
            ("metrics.tokenCacheWrite", "-1", "metrics.tokenCacheWrite: expected a whole number >= 0"),
            ("metrics.tokenCacheRead", "9223372036854775808", "metrics.tokenCacheRead: out of range"),
            ("metrics.aiCredits", "-0.5", "metrics.aiCredits: expected a finite number >= 0"),
            ("metrics.aiCredits", #""12""#, "metrics.aiCredits: expected a finite number >= 0, found a string"),
            ("metrics.premiumRequests", "true", "metrics.premiumRequests: expected a finite number >= 0, found a boolean"),
            ("metrics.premiumRequests", "1e400", "metrics.premiumRequests: expected a finite number >= 0"),
        ]
        for (path, raw, detail) in cases {
            assertDecodeRejected(valid.with(path, raw).text, .invalidField, detail)
        }
    }

    /// A secret in a model id is redacted like any text field before it is kept.
    func testModelIsRedacted() throws {
        let event = try XCTUnwrap(assertDecoded(valid.with("session.model", #""ghp_abcdefghijklmnopqrstuvwxyz0123456789""#).text))
        XCTAssertFalse(event.model?.contains("ghp_abcdef") ?? true, event.model ?? "nil")
    }

    func testCost() {
        func cost(_ raw: String) -> Double? { assertDecoded(valid.with("metrics.estimatedCostUsd", raw).text)?.metrics.estimatedCostUsd }
        XCTAssertEqual(cost("0"), 0)
        XCTAssertEqual(cost("-0.0")?.sign, .plus)
        XCTAssertEqual(cost("0.016746"), 0.016746)
        XCTAssertEqual(cost("12.5"), 12.5)
        XCTAssertEqual(cost("1e2"), 100)
        XCTAssertEqual(cost("1e12"), 1e12)
        XCTAssertEqual(cost("999999999999.999"), 999999999999.999)
        XCTAssertEqual(cost("0.1000000000000000055511151231257827"), 0.1)
        for huge in ["1.7976931348623157e308", "123456789012345678", "1000000000000.0001"] {
            assertDecodeRejected(valid.with("metrics.estimatedCostUsd", huge).text, .invalidField, "metrics.estimatedCostUsd: out of range")
        }
        XCTAssertEqual(cost("4.9e-324"), Double.leastNonzeroMagnitude)
        XCTAssertEqual(cost("1e-400"), 0)
        for bad in ["-0.01", "-1", "1e400", "-1e400"] {
            assertDecodeRejected(valid.with("metrics.estimatedCostUsd", bad).text, .invalidField, "metrics.estimatedCostUsd: expected a finite number >= 0")
        }
        assertDecodeRejected(valid.with("metrics.estimatedCostUsd", #""0.5""#).text, .invalidField, "found a string")
    }

    func testCostMatchesTheStandardLibraryOnManyValues() {
        var rng = DecoderTestRNG(seed: 7)
        for _ in 0..<2000 {
            let mantissa = rng.next() % 10_000_000_000_000_000
            let exponent = Int(rng.next() % 60) - 30
            let text = "\(mantissa)e\(exponent)"
            if Double(text)! > 1e12 {
                assertDecodeRejected(valid.with("metrics.estimatedCostUsd", text).text, .invalidField, "out of range")
                continue
            }
            let decoded = assertDecoded(valid.with("metrics.estimatedCostUsd", text).text)?.metrics.estimatedCostUsd
            XCTAssertEqual(decoded, Double(text), text)
            let fraction = "0.\(mantissa)"
            XCTAssertEqual(assertDecoded(valid.with("metrics.estimatedCostUsd", fraction).text)?.metrics.estimatedCostUsd, Double(fraction), fraction)
        }
    }

    func testTokenTotalIsDerivedOnlyWhenAbsent() {
        func metrics(_ members: String) -> Metrics? { assertDecoded(valid.with("metrics", members).text)?.metrics }
        XCTAssertEqual(metrics(#"{"tokenInput":10,"tokenOutput":5}"#), Metrics(tokenInput: 10, tokenOutput: 5, tokenTotal: 15))
        XCTAssertEqual(metrics(#"{"tokenInput":10}"#), Metrics(tokenInput: 10, tokenTotal: 10))
        XCTAssertEqual(metrics(#"{"tokenOutput":7}"#), Metrics(tokenOutput: 7, tokenTotal: 7))
        XCTAssertEqual(metrics(#"{"tokenInput":10,"tokenOutput":5,"tokenTotal":99}"#), Metrics(tokenInput: 10, tokenOutput: 5, tokenTotal: 99))
        XCTAssertEqual(metrics(#"{"tokenInput":10,"tokenTotal":null}"#), Metrics(tokenInput: 10, tokenTotal: 10))
        XCTAssertEqual(metrics(#"{"durationSeconds":3}"#), Metrics(durationSeconds: 3))
        XCTAssertEqual(metrics(#"{"tokenInput":null,"tokenOutput":null}"#), Metrics())
        assertDecodeRejected(valid.with("metrics", #"{"tokenInput":9223372036854775807,"tokenOutput":1}"#).text, .invalidField, "metrics.tokenTotal")
    }

    // MARK: Precedence

    func testPrecedenceOfReasons() {
        let badEverything = valid.with("schemaVersion", #""2.0""#).with("eventId", nil).with("session.status", #""nope""#)
        // malformed-json beats everything
        assertDecodeRejected(badEverything.text + "}", .malformedJSON)
        assertDecodeRejected(String(badEverything.text.dropLast()), .malformedJSON)
        // then the schema version
        assertDecodeRejected(badEverything.text, .unsupportedSchemaVersion)
        assertDecodeRejected(badEverything.with("schemaVersion", #""x""#).text, .invalidSchemaVersion)
        assertDecodeRejected(badEverything.with("schemaVersion", "2").text, .invalidSchemaVersion)
        // then missing fields, all of them before any invalid one (even one listed earlier)
        assertDecodeRejected(badEverything.with("schemaVersion", #""1.1""#).text, .missingField, "eventId")
        assertDecodeRejected(valid.with("eventId", "5").with("metadata.operatorAction", nil).text, .missingField, "metadata.operatorAction")
        assertDecodeRejected(valid.with("capturedAt", #""bad""#).with("session.id", "null").text, .missingField, "session.id")
        assertDecodeRejected(valid.with("schemaVersion", nil).with("eventId", "5").text, .missingField, "schemaVersion")
        // then the first invalid field, in envelope order whatever the key order of the line
        assertDecodeRejected(valid.with("session.status", #""nope""#).with("metadata.debugEnabled", "1").text, .invalidField, "session.status")
        assertDecodeRejected(valid.with("metrics.tokenInput", "-1").with("eventId", #""""#).text, .invalidField, "eventId")
    }

    // MARK: Internal tables

    func testFieldTablesAreConsistent() {
        XCTAssertEqual(EnvelopeField.slotCount, EnvelopeField.allCases.count)
        for field in EnvelopeField.allCases {
            let last = String(field.path.split(separator: ".").last!)
            let packed = Array(last.utf8).withUnsafeBytes { ShortName($0.baseAddress!, start: 0, count: $0.count, end: $0.count) }
            XCTAssertEqual(field.name, packed, field.path)
            XCTAssertEqual(EnvelopeField.names[field.rawValue], field.name)
        }
    }

    // MARK: Privacy of details

    func testDetailsNeverEchoFreeTextAndTruncateEchoedValues() {
        let secret = "ghp_SECRETSECRETSECRET"
        for path in ["session.title", "session.branch"] {
            let r = assertDecodeRejected(valid.with(path, "[\"\(secret)\"]").text, .invalidField, path)
            XCTAssertFalse(r?.detail.contains("SECRET") ?? true)
        }
        let long = String(repeating: "x", count: 500)
        let r = assertDecodeRejected(valid.with("session.status", "\"\(long)\"").text, .invalidField, "…")
        XCTAssertLessThan(r?.detail.count ?? 999, 150)
        let v = assertDecodeRejected(valid.with("schemaVersion", "\"9.\(long)\"").text, .invalidSchemaVersion, "…")
        XCTAssertLessThan(v?.detail.count ?? 999, 150)
        // Terminal control sequences in an echoed value are neutralised.
        let esc = assertDecodeRejected(valid.with("session.status", #""\u001b[31mred\u202e""#).text, .invalidField)
        XCTAssertFalse(esc?.detail.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E } ?? true)
        // Syntax errors say where, not what.
        let m = assertDecodeRejected(valid.with("session.title", "\"\(secret)\\x\"").text, .malformedJSON)
        XCTAssertFalse(m?.detail.contains("SECRET") ?? true)
    }

    /// Every optional field is absent (nil) and the metrics are empty.
    func assertOnlyRequiredFields(_ event: Event, line: UInt = #line) {
        XCTAssertNil(event.source, line: line)
        XCTAssertNil(event.repository, line: line)
        XCTAssertNil(event.branch, line: line)
        XCTAssertNil(event.title, line: line)
        XCTAssertNil(event.prNumber, line: line)
        XCTAssertNil(event.updatedAt, line: line)
        XCTAssertEqual(event.metrics, Metrics(), line: line)
        XCTAssertNil(event.debugEnabled, line: line)
    }
}
