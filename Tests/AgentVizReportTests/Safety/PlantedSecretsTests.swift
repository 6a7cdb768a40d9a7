import Foundation
import XCTest
@testable import AgentVizReport

/// Every rule's kind of secret, built at run time (no token-shaped literal sits in the repo).
enum PlantedSecrets {
    static let all: [(rule: String, secret: String)] = [
        ("github-token", "gh" + "p_" + "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY2zA4"),
        ("github-token", "github" + "_pat_" + "11ABCDEFG0123456789abc_defGHIJKLMNOPQRSTUV"),
        ("aws-access-key", "AK" + "IA" + "IOSFODNN7EXAMPLE"),
        ("slack-token", "xo" + "xb-" + "1234567890-0987654321-AbCdEfGh"),
        ("openai-key", "sk" + "-proj-" + "Abc123Def456Ghi789Jkl012Mno345"),
        ("anthropic-key", "sk" + "-ant-" + "api03-Abc123Def456Ghi789Jkl012Mno345"),
        ("google-api-key", "AI" + "za" + "SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"),
        ("stripe-key", "sk" + "_live_" + "51Habc123DEF456ghi789"),
        ("jwt", "ey" + "JhbGciOiJIUzI1NiJ9" + "." + "eyJzdWIiOiIxMjM0NTY3ODkwIn0" + "." + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6y"),
    ]
    /// Secrets that only count as one in their context: the context and the secret part.
    static let inContext: [(rule: String, text: String, secret: String)] = [
        ("url-credentials", "https://deploy:" + "Hunter2Secret9" + "@git.example.com/x", "Hunter2Secret9"),
        ("generic-secret", "password=" + "Tr0ub4dor&3x", "Tr0ub4dor"),
        ("bearer-token", "Bearer " + "mF_9.B5f-4.1JqMabcDEF123", "mF_9.B5f-4.1JqMabcDEF123"),
        ("private-key", "-----BEGIN RSA PRIVATE" + " KEY-----\nMIIEpAIBAAKCAQEA75t3cH8Y\n-----END RSA PRIVATE" + " KEY-----", "MIIEpAIBAAKCAQEA75t3cH8Y"),
    ]
}

final class PlantedSecretsTests: XCTestCase {
    func testEveryRuleNamesItselfInTheMarkAndLeavesNoPartOfTheSecret() {
        let r = SecretRedactor()
        for (rule, secret) in PlantedSecrets.all {
            let out = r.redact("see " + secret + " here")
            XCTAssertEqual(out.text, "see [REDACTED:\(rule)] here", rule)
        }
        for (rule, text, secret) in PlantedSecrets.inContext {
            let out = r.redact(text)
            XCTAssertTrue(out.text.contains("[REDACTED:\(rule)]"), "\(rule): \(out.text)")
            XCTAssertFalse(out.text.contains(secret), "\(rule): \(out.text)")
        }
        XCTAssertEqual(r.redact("https://deploy:" + "Hunter2Secret9" + "@git.example.com/x").text,
                       "https://[REDACTED:url-credentials]@git.example.com/x", "scheme and host stay")
    }

    func testOrdinaryTextThatLooksAlikeStays() {
        let r = SecretRedactor()
        for text in ["Fix token refresh", "token: refresh", "password reset flow", "ask-for-review",
                     "task-sk-1234567890123456789012345", "skip the sk- prefix check", "https://github.com/acme/api",
                     "mailto:someone@example.com", "AIza short", "sk_live_short", "pwd: /home/me", "api_key: none",
                     "feature/token-rotation", "git@github.com:acme/api.git"] {
            XCTAssertEqual(r.redact(text).text, text)
        }
    }

    func testSafeTextEscapesControlsAndNeverStartsAWorkflowCommand() {
        XCTAssertEqual(SafeText.escape("a\u{1B}[31mb\u{7}c\u{9B}d\u{202E}e\u{7F}"), #"a\u001b[31mb\u0007c\u009bd\u202ee\u007f"#)
        XCTAssertEqual(SafeText.line("::error title=x::boom"), #"\u003a:error title=x::boom"#)
        XCTAssertEqual(SafeText.line("  ::error::x"), #"  \u003a:error::x"#, "the runner trims leading blanks")
        XCTAssertEqual(SafeText.line("##[error]x"), #"\u0023#[error]x"#, "the older syntax too")
        XCTAssertEqual(SafeText.lines("ok\n::warning::x\n\u{1B}c"), "ok\n\\u003a:warning::x\n\\u001bc")
        XCTAssertEqual(SafeText.escape("x\ny"), #"x\u000ay"#, "one message is one line")
        XCTAssertEqual(SafeText.escape("é 😀 \\"), "é 😀 \\", "ordinary text and backslashes stay")
    }

    /// The issue's audit, end to end through the built binary: each secret planted in a
    /// title, a branch, a repository, the source and in a rejected line's value; then
    /// validate, ingest into a file store, and every report format with titles included.
    /// Not one secret may appear in the store file, its WAL, stdout or stderr.
    func testNoPlantedSecretLeavesTheProcess() throws {
        let dir = TestFiles.directory()
        var lines: [String] = []
        var secrets: [String] = []
        var n = 0
        func json(_ s: String) -> String {
            let data = try! JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes])
            return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
        }
        let planted = PlantedSecrets.all.map { ($0.secret, $0.secret) } + PlantedSecrets.inContext.map { ($0.text, $0.secret) }
        for (text, secret) in planted {
            secrets.append(secret)
            for field in ["title", "branch", "repository"] {
                n += 1
                var session = ["id": "s\(n)", "sourceType": "agent-task", "status": "running", field: "x " + text]
                if field != "repository" { session["repository"] = "acme/api" }
                let object: [String: Any] = [
                    "schemaVersion": "1.0", "eventId": "e\(n)", "capturedAt": "2026-11-17T10:00:00Z",
                    "source": "gh-agent-viz " + text, "session": session,
                    "metrics": ["tokenInput": 10, "tokenOutput": 5, "estimatedCostUsd": 0.5],
                    "metadata": ["operatorAction": "view"]]
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                lines.append(String(decoding: data, as: UTF8.self))
            }
            // Rejected lines that quote a value: an unknown status and a bad timestamp.
            lines.append(#"{"schemaVersion":"1.0","eventId":"r\#(n)","capturedAt":"2026-11-17T10:00:00Z","session":{"id":"s","sourceType":"agent-task","status":"#
                         + json(text) + #"},"metadata":{"operatorAction":"view"}}"#)
            lines.append(#"{"schemaVersion":"1.0","eventId":"t\#(n)","capturedAt":"#
                         + json(text) + #","session":{"id":"s","sourceType":"agent-task","status":"running"},"metadata":{"operatorAction":"view"}}"#)
        }
        let input = TestFiles.write(lines, to: dir.appendingPathComponent("planted.ndjson"))
        let db = dir.appendingPathComponent("store.sqlite").path
        var outputs: [String] = []
        for args in [["validate", input], ["ingest", input, "--db", db, "--quiet"],
                     ["weekly", "--db", db, "--week", "2026-W47", "--include-titles"],
                     ["weekly", "--db", db, "--week", "2026-W47", "--include-titles", "--format", "json"],
                     ["weekly", "--input", input, "--week", "2026-W47", "--include-titles"],
                     ["weekly", "--input", input, "--week", "2026-W47", "--include-titles", "--format", "json"],
                     // Drill-down and CSV: the same text through the new outputs.
                     ["weekly", "--input", input, "--week", "2026-W47", "--include-titles", "--format", "csv", "--table", "sessions"],
                     ["weekly", "--db", db, "--week", "2026-W47", "--format", "csv", "--table", "repositories"],
                     ["sessions", "--db", db, "--week", "2026-W47", "--include-titles"],
                     ["sessions", "--input", input, "--week", "2026-W47", "--include-titles", "--format", "json"],
                     ["sessions", "--input", input, "--week", "2026-W47", "--include-titles", "--format", "csv"],
                     ["session", "s1", "--db", db, "--include-titles"],
                     ["session", "s2", "--input", input, "--include-titles", "--format", "json"],
                     ["session", "s3", "--input", input, "--include-titles"]] {
            let result = try Binary.run(args)
            outputs += [result.stdout, result.stderr]
        }
        XCTAssertTrue(outputs[0].isEmpty && outputs[1].contains("[REDACTED:"), "validate printed the rejected lines, redacted")
        XCTAssertTrue(outputs[4].contains("[REDACTED:"), "the Markdown report shows the marks")
        // The WAL is checkpointed into the store file when the last connection closes; read
        // whatever files the store left.
        let storeFiles = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("store.sqlite") }
        for name in storeFiles {
            outputs.append(String(decoding: try Data(contentsOf: dir.appendingPathComponent(name)), as: UTF8.self))
        }
        var leaks: [String] = []
        for secret in secrets {
            for (k, text) in outputs.enumerated() where text.contains(secret) { leaks.append("\(secret.prefix(12))… in output \(k)") }
        }
        XCTAssertEqual(leaks, [], "0 of \(secrets.count) secrets may leak, planted \(lines.count) lines")
    }
}

/// The fuzz target's replay mode (a normal build of `agentviz-fuzz`) runs every fixture line
/// through the same checks as the fuzzer.
final class FuzzReplayTests: XCTestCase {
    func testTheReplayToolChecksEveryFixtureLine() throws {
        let tool = Binary.url.deletingLastPathComponent().appendingPathComponent("agentviz-fuzz")
        let process = Process()
        process.executableURL = tool
        let dir = TestFiles.root.appendingPathComponent("fixtures/edge")
        process.arguments = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted().map { dir.appendingPathComponent($0).path }
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertTrue(text.hasSuffix("rejected, no crash\n"), text)
        XCTAssertFalse(text.hasPrefix("0 lines"), text)
    }
}
