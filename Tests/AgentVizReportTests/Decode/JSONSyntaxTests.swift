import Foundation
import XCTest
@testable import AgentVizReport

/// malformed-json: strict RFC 8259, checked on the whole line before any field rule.
final class JSONSyntaxTests: XCTestCase {
    let valid = DecoderTestLine()

    func testTheBaseLineIsAccepted() {
        assertDecoded(valid.text)
        assertDecoded(decoderGeneratorLine)
    }

    func testTopLevelMustBeAnObject() {
        for text in ["[]", "[1]", #""x""#, "1", "null", "true"] {
            assertDecodeRejected(text, .malformedJSON, "not a JSON object")
        }
        assertDecodeRejected("", .malformedJSON, "empty line")
        assertDecodeRejected("   \t", .malformedJSON, "empty line")
    }

    func testWhitespaceAroundTokensIsAllowedIncludingStrayCR() {
        let line = " \t\r{ \"schemaVersion\" \r: \"1.0\" ,\r\t\"eventId\":\"e\",\"capturedAt\" :\"2026-11-22T10:00:00Z\","
            + "\"session\":\r{\r\"id\":\"s\" , \"sourceType\" : \"agent-task\" ,\"status\":\"running\"\r} ,"
            + "\"metrics\" : { \"tokenInput\" : 5 } , \"metadata\":{\"operatorAction\":\"view\" , \"x\" : [ 1 , { } , [ ] ] } \r} \r\t "
        let event = assertDecoded(line)
        XCTAssertEqual(event?.metrics.tokenTotal, 5)
        XCTAssertEqual(event?.sessionId, "s")
        assertDecoded("{\r\n" + String(valid.text.dropFirst()))
    }

    func testTrailingGarbageIsRejected() {
        assertDecodeRejected(valid.text + "x", .malformedJSON, "after the JSON object")
        assertDecodeRejected(valid.text + "{}", .malformedJSON)
        assertDecodeRejected(valid.text + ",", .malformedJSON)
        assertDecodeRejected(valid.text + " \u{0}", .malformedJSON)
        assertDecodeRejected(valid.text + "\u{A0}", .malformedJSON)  // NBSP is not JSON whitespace
    }

    func testObjectAndArrayGrammar() {
        let cases = [
            #"{"schemaVersion":"1.0",}"#,  // trailing comma
            #"{"schemaVersion" "1.0"}"#,  // no colon
            #"{"schemaVersion":"1.0" "eventId":"x"}"#,  // no comma
            #"{'schemaVersion':'1.0'}"#,  // single quotes
            #"{schemaVersion:"1.0"}"#,  // bare key
            #"{"a":1 /* c */}"#,  // comment
            #"{"a":[1,2,]}"#,
            #"{"a":[1 2]}"#,
            #"{"a":[,]}"#,
            #"{"a":{"b":1,}}"#,
            #"{"a":}"#,
            #"{,"a":1}"#,
            #"{"a"::1}"#,
            #"{"a":1}}"#,
            #"{"a":[1]]}"#,
            #"{"a":{]}"#,
        ]
        for text in cases { assertDecodeRejected(text, .malformedJSON) }
    }

    func testLiterals() {
        for raw in ["tru", "nul", "True", "NULL", "fals", "truee", "NaN", "Infinity", "-Infinity", "undefined"] {
            assertDecodeRejected(valid.with("extra", raw).text, .malformedJSON)
        }
        assertDecoded(valid.with("extra", "[true,false,null]").text)
    }

    func testNumberGrammar() {
        for raw in ["01", "+1", ".5", "1.", "1e", "1e+", "-", "--1", "0x10", "1.5.2", "1e5.0", "00", "-01", "1_000", "- 1"] {
            assertDecodeRejected(valid.with("extra", raw).text, .malformedJSON)
            assertDecodeRejected(valid.with("metrics.tokenInput", raw).text, .malformedJSON)
        }
        for raw in ["0", "-0", "1.5e3", "1E2", "1e-2", "-0.0", "123456789012345678901234567890", "1e999", "0.000"] {
            XCTAssertNoThrow(try EventDecoder.decode(valid.with("extra", raw).text).get(), raw)
        }
    }

    func testStringEscapes() {
        let title = assertDecoded(valid.with("session.title", #""a\"b\\c\/d\b\f\n\r\te""#).text)?.title
        XCTAssertEqual(title, "a\"b\\c/d\u{8}\u{C}\n\r\te")
        XCTAssertEqual(assertDecoded(valid.with("session.title", #""\u00e9\u20AC\u0000""#).text)?.title, "é€\u{0}")
        XCTAssertEqual(assertDecoded(valid.with("session.title", #""smile \ud83d\ude00!""#).text)?.title, "smile 😀!")
        XCTAssertEqual(assertDecoded(valid.with("session.title", #""\uD83D\uDE00""#).text)?.title, "😀")
        for raw in [
            #""\x41""#, #""\u12""#, #""\u12G4""#, #""\U0041""#, #""\'""#, #""\""#, #""abc\"#,
        ] {
            assertDecodeRejected(valid.with("session.title", raw).text, .malformedJSON)
        }
    }

    func testLoneSurrogatesAreRejected() {
        for raw in [#""\ud83d""#, #""\ud83d x""#, #""\ud83d\u0041""#, #""\ude00""#, #""\ude00\ud83d""#, #""\ud83d\ud83d""#, #""\ud83d\n""#] {
            assertDecodeRejected(valid.with("session.title", raw).text, .malformedJSON, "surrogate")
        }
        assertDecodeRejected(valid.with("unknownField", #""\udfff""#).text, .malformedJSON, "surrogate")
    }

    func testControlCharactersInsideStrings() {
        for c in [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F] as [UInt8] {
            var bytes = Array(valid.with("session.title", #""ab@cd""#).text.utf8)
            let at = bytes.firstIndex(of: UInt8(ascii: "@"))!
            bytes[at] = c
            guard case .failure(let rejection) = decodeLineBytes(bytes) else { return XCTFail("accepted control \(c)") }
            XCTAssertEqual(rejection.reason, .malformedJSON)
            XCTAssertTrue(rejection.detail.contains("control character"), rejection.detail)
        }
        // DEL (0x7F) is not a control character for JSON.
        XCTAssertEqual(assertDecoded(valid.with("session.title", "\"a\u{7F}b\"").text)?.title, "a\u{7F}b")
    }

    func testUTF8IsValidated() {
        func line(withTitleBytes title: [UInt8]) -> [UInt8] {
            let text = valid.with("session.title", #""@""#).text
            var bytes = Array(text.utf8)
            let at = bytes.firstIndex(of: UInt8(ascii: "@"))!
            bytes.replaceSubrange(at...at, with: title)
            return bytes
        }
        let bad: [[UInt8]] = [
            [0xC0, 0x80], [0xC1, 0xBF],  // overlong 2-byte
            [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF],  // overlong 3-byte
            [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],  // overlong 4-byte
            [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],  // UTF-16 surrogates
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xFE],  // beyond U+10FFFF
            [0x80], [0xBF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98],  // stray / truncated
            [0xC3, 0x28], [0xE2, 0x28, 0xA1], [0xF0, 0x9F, 0x28, 0x80],  // bad continuation
        ]
        for sequence in bad {
            guard case .failure(let rejection) = decodeLineBytes(line(withTitleBytes: sequence)) else {
                XCTFail("accepted \(sequence)"); continue
            }
            XCTAssertEqual(rejection.reason, .malformedJSON, "\(sequence)")
            XCTAssertTrue(rejection.detail.contains("UTF-8"), rejection.detail)
        }
        let good: [([UInt8], String)] = [
            ([0xC3, 0xA9], "é"), ([0xE2, 0x82, 0xAC], "€"), ([0xED, 0x9F, 0xBF], "\u{D7FF}"),
            ([0xEE, 0x80, 0x80], "\u{E000}"), ([0xF0, 0x9F, 0x98, 0x80], "😀"), ([0xF4, 0x8F, 0xBF, 0xBF], "\u{10FFFF}"),
        ]
        for (sequence, expected) in good {
            guard case .success(let event) = decodeLineBytes(line(withTitleBytes: sequence)) else {
                XCTFail("rejected \(sequence)"); continue
            }
            XCTAssertEqual(event.title, expected)
        }
        // Invalid UTF-8 in an unknown member, and outside any string.
        var bytes = Array(valid.with("x", #""@""#).text.utf8)
        bytes[bytes.firstIndex(of: UInt8(ascii: "@"))!] = 0xFF
        XCTAssertEqual(try? decodeLineBytes(bytes).get(), nil)
        var outside = Array(valid.text.utf8)
        outside.insert(0xC3, at: 1)
        XCTAssertEqual(rejectionReason(decodeLineBytes(outside)), .malformedJSON)
        // A multi-byte sequence cut by the end of the line.
        XCTAssertEqual(rejectionReason(decodeLineBytes(Array(Array(#"{"a":"é"#.utf8).dropLast()))), .malformedJSON)
    }

    func testLongStringsWithEscapesAndNonASCIIEverywhere() {
        let long = String(repeating: "abcdefgh", count: 200)
        let title = "é\(long)\\u00e9😀\(long)\\n"
        let event = assertDecoded(valid.with("session.title", "\"\(title)\"").text)
        XCTAssertEqual(event?.title, "é\(long)é😀\(long)\n")
    }

    func testNestingDepthLimit() {
        // The line's object is level 1, so 255 nested arrays inside it make 256 levels.
        let ok = valid.with("deep", String(repeating: "[", count: 255) + String(repeating: "]", count: 255)).text
        assertDecoded(ok)
        let tooDeep = valid.with("deep", String(repeating: "[", count: 256) + String(repeating: "]", count: 256)).text
        assertDecodeRejected(tooDeep, .malformedJSON, "nesting deeper than 256")
        let objects = valid.with("deep", String(repeating: #"{"a":"#, count: 256) + "1" + String(repeating: "}", count: 256)).text
        assertDecodeRejected(objects, .malformedJSON, "nesting")
        let mixed = valid.with("deep", String(repeating: #"[{"a":"#, count: 127) + "1" + String(repeating: "}]", count: 127)).text
        assertDecoded(mixed)
        // Far deeper than the limit, and unterminated: still a clean rejection, no stack overflow.
        assertDecodeRejected(#"{"a":"# + String(repeating: "[", count: 1_000_000), .malformedJSON)
        assertDecodeRejected(String(repeating: "{\"a\":", count: 100_000), .malformedJSON)
    }

    func testMaximumNestingFitsInASmallThreadStack() {
        // Readers may decode on worker threads: nesting is handled without recursion, so
        // even the deepest line allowed needs little stack.
        let deepest = valid.with("deep", String(repeating: "[{\"a\":", count: 127) + "[1]" + String(repeating: "}]", count: 127)).text
        let tooDeep = valid.with("deep", String(repeating: "[", count: 300) + String(repeating: "]", count: 300)).text
        let done = expectation(description: "decoded on a thread with a 128 KiB stack")
        final class Box: @unchecked Sendable { var results: [Result<Event, Rejection>] = [] }
        let box = Box()
        let thread = Thread {
            box.results = [EventDecoder.decode(deepest), EventDecoder.decode(tooDeep)]
            done.fulfill()
        }
        thread.stackSize = 128 * 1024
        thread.start()
        wait(for: [done], timeout: 30)
        XCTAssertNotNil(try? box.results.first?.get())
        if case .failure(let r)? = box.results.last { XCTAssertEqual(r.reason, .malformedJSON) } else { XCTFail("accepted") }
    }

    func testDuplicateKeysAreMalformedWhicheverObjectHoldsThem() {
        let line = valid.text.replacingOccurrences(of: #""eventId":"evt-0001""#, with: #""eventId":"first","eventId":"second""#)
        assertDecodeRejected(line, .malformedJSON, "duplicate member name \"eventId\"")
        let status = valid.text.replacingOccurrences(of: #""status":"running""#, with: #""status":"bogus","status":"failed""#)
        assertDecodeRejected(status, .malformedJSON, "\"session.status\"")
        let twoSessions = valid.text.replacingOccurrences(
            of: #","metrics":"#, with: #","session":{"sourceType":"agent-task","status":"queued"},"metrics":"#)
        assertDecodeRejected(twoSessions, .malformedJSON, "\"session\"")
        let replacedByNull = valid.text.replacingOccurrences(of: #","metrics":"#, with: #","session":null,"metrics":"#)
        assertDecodeRejected(replacedByNull, .malformedJSON, "\"session\"")
    }

    func testEscapedMemberNamesAreTheSameNames() {
        let line = valid.text
            .replacingOccurrences(of: #""eventId""#, with: #""\u0065ventId""#)
            .replacingOccurrences(of: #""status""#, with: #""st\u0061tus""#)
            .replacingOccurrences(of: #""session""#, with: #""\u0073ession""#)
        let event = assertDecoded(line)
        XCTAssertEqual(event?.eventId, "evt-0001")
        XCTAssertEqual(event?.status, .running)
        let escapedValues = valid.with("session.status", #""\u0072unning""#).with("capturedAt", #""2026-11-22T10:00:00\u005a""#)
        XCTAssertEqual(assertDecoded(escapedValues.text)?.capturedAt, decoderInstant("2026-11-22T10:00:00Z"))
        // A name that only differs after unescaping is still unknown (and ignored).
        XCTAssertNotNil(assertDecoded(valid.with("title\\u0000", "1").text))
    }

    func testEveryProblemNamesAColumn() {
        let r = assertDecodeRejected(#"{"a":1,}"#, .malformedJSON)
        XCTAssertEqual(r?.detail, "expected a quoted member name (column 8)")
        XCTAssertEqual(assertDecodeRejected(#"{"a":1"#, .malformedJSON)?.detail, "unexpected end of line (truncated JSON) (column 7)")
    }

    private func rejectionReason(_ result: Result<Event, Rejection>) -> RejectReason? {
        if case .failure(let r) = result { return r.reason }
        return nil
    }
}

