import Foundation
import XCTest

@testable import AgentVizReport

// Secrets are assembled at run time so that no token-shaped literal sits in the repository
// (secret scanners would flag it, and it must not look like a leaked credential).
private let alnum36 = "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY2zA4"  // 36 alphanumerics
private func gh(_ kind: String, _ body: String = alnum36) -> String { "gh" + kind + "_" + body }
private let pat = "github" + "_pat_" + "11ABCDEFG0123456789abc_defGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuv"
private let akia = "AK" + "IA" + "IOSFODNN7EXAMPLE"
private let asia = "AS" + "IA" + "Y3FDSNDKFKSIDJSW"
private let bearerToken = "mF_9.B5f-4.1JqM" + "abcDEF123~+/xyz=="
private let slack = "xo" + "xb-" + "1234567890-0987654321-AbCdEfGhIjKlMnOp"
private let jwt =
    "ey" + "JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + "." + "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ" + "."
    + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
private let pemBody = "MIIEpAIBAAKCAQEA75t3cH8Y5v1x\nq2bq0c0bW1kZm9vYmFyYmF6cXV4\nPLACEHOLDERKEYMATERIAL=="
/// `-----BEGIN <kind> PRIVATE KEY-----`.
private func header(_ kind: String) -> String { "-----BEGIN " + kind + " PRIVATE" + " KEY-----" }
private func pem(_ label: String) -> String {
    "-----BEGIN " + label + "-----\n" + pemBody + "\n-----END " + label + "-----"
}

final class SecretRedactorTests: XCTestCase {
    let r = SecretRedactor()

    /// Asserts the redacted text and count, and that no listed secret survives.
    private func check(
        _ input: String, _ expected: String, _ matches: Int, secrets: [String] = [],
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let out = r.redact(input)
        // These cases predate the rule ids in the mark; `testEveryRuleNamesItselfInTheMark` checks those.
        let text = out.text.replacingOccurrences(of: #"\[REDACTED:[a-z0-9-]+\]"#, with: "[REDACTED]", options: .regularExpression)
        XCTAssertEqual(text, expected, file: file, line: line)
        XCTAssertEqual(out.matches, matches, file: file, line: line)
        for secret in secrets {
            XCTAssertFalse(out.text.contains(secret), "secret survived in \(out.text)", file: file, line: line)
        }
        // Redacting again changes nothing.
        let again = r.redact(out.text)
        XCTAssertEqual(again.text, out.text, file: file, line: line)
        XCTAssertEqual(again.matches, 0, file: file, line: line)
    }

    private func unchanged(_ input: String, file: StaticString = #filePath, line: UInt = #line) {
        check(input, input, 0, file: file, line: line)
    }

    // MARK: - Each pattern

    func testGitHubTokens() {
        for kind in ["p", "o", "u", "s", "r"] {
            let token = gh(kind)
            check(token, "[REDACTED]", 1, secrets: [token])
            check("token " + token + " leaked", "token [REDACTED] leaked", 1, secrets: [token])
            // Longer than 36: the whole run goes.
            let long = gh(kind, alnum36 + "EXTRA123")
            check("x=" + long + ".", "x=[REDACTED].", 1, secrets: [alnum36])
        }
        // Inside a longer word, the token is still redacted (the prefix is distinctive).
        check("prefix" + gh("p") + "/suffix", "prefix[REDACTED]/suffix", 1)
    }

    func testGitHubTokenNearMisses() {
        unchanged(gh("p", String(alnum36.dropLast())))  // 35 characters
        unchanged("gh" + "x_" + alnum36)
        unchanged("gh" + "P_" + alnum36)
        unchanged("ghp " + alnum36)
        unchanged("gh" + "p_" + String(alnum36.prefix(20)) + "-" + String(alnum36.suffix(16)))
        unchanged("ghp_")
        unchanged("gh")
        unchanged("g")
    }

    func testFineGrainedPAT() {
        check(pat, "[REDACTED]", 1, secrets: [pat])
        let short = "github" + "_pat_" + "1234567890123456789012"  // exactly 22
        check("use " + short, "use [REDACTED]", 1, secrets: [short])
        unchanged("github" + "_pat_" + "123456789012345678901")  // 21
        unchanged("Ask about github_pat docs")
        unchanged("github_pat_ is the prefix of fine-grained tokens")
        unchanged("see github.com/org/repo")
    }

    func testAWSAccessKeyIds() {
        check(akia, "[REDACTED]", 1, secrets: [akia])
        check(asia, "[REDACTED]", 1, secrets: [asia])
        check("aws_access_key_id=" + akia, "aws_access_key_id=[REDACTED]", 1, secrets: [akia])
        check("(" + akia + ")", "([REDACTED])", 1)
        check("_" + akia + "_", "_[REDACTED]_", 1)
        check("key " + akia + "\n", "key [REDACTED]\n", 1)
        unchanged("AK" + "IA" + "IOSFODNN7EXAMPL")  // AKIA + 15
        unchanged("AK" + "IA" + "IOSFODNN7EXAMPLE1")  // AKIA + 17: a longer word
        unchanged("X" + akia)  // inside a longer word
        unchanged(akia + "x")
        unchanged("AK" + "IA" + "iosfodnn7example")  // lower case
        unchanged("AKIA")
        unchanged("ASIAN markets")
        unchanged("ABIA" + "IOSFODNN7EXAMPLE")
    }

    func testBearerTokens() {
        check("Authorization: Bearer " + bearerToken, "Authorization: Bearer [REDACTED]", 1, secrets: [bearerToken])
        check("bearer " + bearerToken + " rest", "bearer [REDACTED] rest", 1, secrets: [bearerToken])
        check("BEARER\t" + bearerToken, "BEARER\t[REDACTED]", 1)
        check("BeArEr   " + bearerToken + ", next", "BeArEr   [REDACTED], next", 1)
        check("Bearer " + "abcdefghij012345", "Bearer [REDACTED]", 1)  // exactly 16
        check("Bearer " + jwt, "Bearer [REDACTED]", 1, secrets: [jwt])  // one match, not two
        unchanged("Bearer of bad news")
        unchanged("Bearer " + "abcdefghij01234")  // 15
        unchanged("Bearer")
        unchanged("Bearer ")
        unchanged("Bearer" + "abcdefghij0123456789")  // no whitespace
        unchanged("The bearer bond was sold")
        unchanged("Bearer: " + "abcdefghij0123456789")  // colon, not whitespace
    }

    func testPEMPrivateKeys() {
        for label in ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY",
            "ENCRYPTED PRIVATE KEY", "DSA PRIVATE KEY", "PGP PRIVATE KEY BLOCK"]
        {
            let key = pem(label)
            check(key, "[REDACTED]", 1, secrets: [pemBody, "MIIEpAIBAAKCAQEA"])
            check("before " + key + " after", "before [REDACTED] after", 1, secrets: ["MIIEpAIBAAKCAQEA"])
        }
        // No END: everything to the end of the text goes.
        let open = "key: " + header("RSA") + "\n" + pemBody + "\nmore text"
        check(open, "key: [REDACTED]", 1, secrets: ["MIIEpAIBAAKCAQEA", "more text"])
        // An END of another label does not close it.
        let mismatched = header("RSA") + "\n" + pemBody + "\n-----END EC " + "PRIVATE KEY----- tail"
        check(mismatched, "[REDACTED]", 1, secrets: ["tail"])
        // Two keys.
        check(pem("EC PRIVATE KEY") + " and " + pem("PRIVATE KEY"), "[REDACTED] and [REDACTED]", 2)
        unchanged("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----")
        unchanged("-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----")
        unchanged("-----BEGIN RSA PRIVATE KEY")
        unchanged("----- BEGIN PRIVATE KEY -----")
        unchanged("fix-the-build --- and -----")
    }

    func testSlackTokens() {
        for kind in ["a", "b", "p", "r", "s"] {
            let token = "xo" + "x" + kind + "-" + "1234567890"
            check("slack " + token, "slack [REDACTED]", 1, secrets: [token])
        }
        check(slack + " in title", "[REDACTED] in title", 1, secrets: [slack])
        unchanged("xoxo hugs")
        unchanged("xoxb-" + "123456789")  // 9
        unchanged("xo" + "xc-" + "1234567890")  // not a listed kind
        unchanged("xox-1234567890123")
    }

    func testJWTs() {
        check(jwt, "[REDACTED]", 1, secrets: [jwt])
        check("token=" + jwt + "&x=1", "token=[REDACTED]&x=1", 1, secrets: [jwt])
        // Unsigned (alg none) JWT: empty signature.
        let unsigned = "ey" + "JhbGciOiJub25lIn0" + "." + "eyJzdWIiOiIxMjM0NTY3ODkwIn0" + "."
        check("t " + unsigned + " end", "t [REDACTED] end", 1, secrets: [unsigned])
        unchanged("eyJ")
        unchanged("eyJ alone")
        unchanged("eyJabc.def.ghi")
        unchanged("eyJhbGciOiJIUzI1NiJ9.short.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV")
        unchanged("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0")  // two segments
        unchanged("eyJhbGciOiJIUzI1NiJ9.abcdefghijklmn.short")
        unchanged("hey Jude, eyes on the release")
    }

    // MARK: - Combinations and positions

    func testSeveralSecretsInOneString() {
        let input = gh("p") + " then " + akia + ", Bearer " + bearerToken + " and " + slack + " / " + jwt
        check(
            input, "[REDACTED] then [REDACTED], Bearer [REDACTED] and [REDACTED] / [REDACTED]", 5,
            secrets: [gh("p"), akia, bearerToken, slack, jwt])
        check(gh("o") + gh("s"), "[REDACTED][REDACTED]", 2, secrets: [alnum36])  // glued together
        check(gh("o") + "," + gh("s"), "[REDACTED],[REDACTED]", 2)
    }

    func testPositions() {
        check(gh("u") + " at start", "[REDACTED] at start", 1)
        check("at end " + gh("u"), "at end [REDACTED]", 1)
        check("in " + gh("u") + " middle", "in [REDACTED] middle", 1)
        check(akia, "[REDACTED]", 1)
        check("\n" + slack + "\n", "\n[REDACTED]\n", 1)
    }

    func testNonASCIIText() {
        check("Привет 😀 " + gh("p"), "Привет 😀 [REDACTED]", 1, secrets: [gh("p")])
        check(gh("p") + "é and ü", "[REDACTED]é and ü", 1)
        check("日本語" + akia + "中文", "日本語[REDACTED]中文", 1)
        check("Ünïcödé Bearer " + bearerToken + " 🚀", "Ünïcödé Bearer [REDACTED] 🚀", 1)
        unchanged("Привет мир 😀 — Grüße, ça va? 日本語")
        unchanged("e\u{301}yJ combining")
    }

    func testOrdinaryTitlesAreUntouchedAndNotCopied() {
        let titles = [
            "Fix login flow", "Bearer of bad news", "Ask about github_pat docs", "xoxo hugs", "eyJ",
            "Refactor AKIA validation", "feature/add-ghp-support", "main", "release/2026-11",
            "Update README.md", "Merge branch 'fix-bug-1234' into main", "Bump ghost from 5.0 to 6.0",
            "ASIA-PACIFIC rollout", "Handle -----BEGIN CERTIFICATE----- blocks", "a", "", "-", "----- ---",
            "Expose bearer auth option", "bearer token docs", "gho_ prefixes explained",
        ]
        for title in titles {
            let out = r.redact(title)
            XCTAssertEqual(out.text, title)
            XCTAssertEqual(out.matches, 0, title)
        }
    }

    func testCopiedBufferPathGivesTheSameResult() {
        // `redact` falls back to a copy of the UTF-8 for strings without contiguous storage.
        for input in ["xx " + gh("r") + " yy", "Fix login flow", "Привет 😀 " + akia, ""] {
            let viaCopy = Array(input.utf8).withUnsafeBufferPointer { SecretRedactor.redact(input, $0) }
            let direct = r.redact(input)
            XCTAssertEqual(viaCopy.text, direct.text)
            XCTAssertEqual(viaCopy.matches, direct.matches)
        }
    }

    func testCleanTextIsReturnedWithoutCopying() {
        // Long enough to live on the heap: the result shares the input's storage.
        let title = "Refactor the session timeline for weekly reports (Bearer of bad news)"
        let out = r.redact(title)
        let a = title.utf8.withContiguousStorageIfAvailable { $0.baseAddress }
        let b = out.text.utf8.withContiguousStorageIfAvailable { $0.baseAddress }
        XCTAssertNotNil(a as Any?)
        XCTAssertEqual(a, b)
    }

    func testHostileInputStaysLinear() {
        // Each of these would take minutes with a matcher that rescans from every trigger.
        let n = 200_000
        let cases: [(String, Int)] = [
            (String(repeating: "eyJ", count: n), 0),
            (String(repeating: "eyJ", count: n) + "." + String(repeating: "a", count: n), 0),
            (String(repeating: "ey", count: n) + "." + String(repeating: "eyJ", count: n) + ".", 0),
            (String(repeating: "github" + "_pat_", count: n / 4), 1),  // one long match
            (String(repeating: "gh" + "p_", count: n), 0),
            (String(repeating: "xo" + "xb-", count: n), 1),
            (String(repeating: "AK" + "IA", count: n), 0),
            (String(repeating: "bearer ", count: n), 0),
            ("Bearer" + String(repeating: " ", count: n) + "x", 0),
            (String(repeating: "-", count: n), 0),
            (String(repeating: "-----BEGIN ", count: n / 4), 0),
            (String(repeating: header("RSA") + " ", count: n / 8), 1),
            (String(repeating: pem("EC PRIVATE KEY"), count: n / 64), n / 64),
        ]
        for (input, matches) in cases {
            let start = Date()
            let out = r.redact(input)
            XCTAssertEqual(out.matches, matches, String(input.prefix(40)))
            XCTAssertLessThan(Date().timeIntervalSince(start), 5, String(input.prefix(40)))
        }
    }

    // MARK: - Property: random compositions of known fragments

    func testRandomCompositions() {
        // Each fragment with its expected redaction. Joined by separators that can neither
        // start nor extend a match, the expected output is the join of the expectations.
        let fragments: [(String, String, Int)] = [
            (gh("p"), "[REDACTED]", 1), (gh("s", alnum36 + "Q"), "[REDACTED]", 1), (pat, "[REDACTED]", 1),
            (akia, "[REDACTED]", 1), (asia, "[REDACTED]", 1), ("Bearer " + bearerToken, "Bearer [REDACTED]", 1),
            (slack, "[REDACTED]", 1), (jwt, "[REDACTED]", 1), (pem("RSA PRIVATE KEY"), "[REDACTED]", 1),
            ("Fix login flow", "Fix login flow", 0), ("Bearer of bad news", "Bearer of bad news", 0),
            ("xoxo hugs", "xoxo hugs", 0), ("eyJ", "eyJ", 0), ("Привет 😀", "Привет 😀", 0),
            (gh("p", String(alnum36.dropLast())), gh("p", String(alnum36.dropLast())), 0),
            ("AK" + "IA" + "IOSFODNN7EXAMP", "AK" + "IA" + "IOSFODNN7EXAMP", 0), ("-----", "-----", 0),
            ("github_pat_", "github_pat_", 0), ("e", "e", 0), ("g", "g", 0), ("x", "x", 0), ("B", "B", 0),
        ]
        let separators = [" ", ", ", "\n", " 😀 ", " | ", "; "]
        var rng = SplitMix64(seed: 42)
        for _ in 0..<2000 {
            var input = ""
            var expected = ""
            var matches = 0
            let n = Int(rng.next() % 8) + 1
            for k in 0..<n {
                let f = fragments[Int(rng.next() % UInt64(fragments.count))]
                if k > 0 {
                    let sep = separators[Int(rng.next() % UInt64(separators.count))]
                    input += sep
                    expected += sep
                }
                input += f.0
                expected += f.1
                matches += f.2
            }
            let out = r.redact(input)
            let text = out.text.replacingOccurrences(of: #"\[REDACTED:[a-z0-9-]+\]"#, with: "[REDACTED]", options: .regularExpression)
            XCTAssertEqual(text, expected, "input: \(input.debugDescription)")
            XCTAssertEqual(out.matches, matches, "input: \(input.debugDescription)")
        }
    }

    func testRandomBytesNeverCrash() {
        // Random text over an alphabet rich in trigger characters: no crash, valid output,
        // never longer than input plus the replacements, idempotent.
        let alphabet = Array("ghpousr_itAKISBbearxo-eyJ.=~+/ \n0123456789ZQkLMNPRSTUVWXYé😀ПРИВЕТ")
        var rng = SplitMix64(seed: 7)
        for _ in 0..<3000 {
            let length = Int(rng.next() % 120)
            var s = ""
            for _ in 0..<length { s.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            let out = r.redact(s)
            XCTAssertLessThanOrEqual(out.text.utf8.count, s.utf8.count + out.matches * 10)
            if out.matches == 0 { XCTAssertEqual(out.text, s) }
            XCTAssertEqual(r.redact(out.text).matches, 0, s.debugDescription)
        }
    }
}

private typealias SplitMix64 = SplitMix
