import Crypto
import Foundation
import XCTest

/// Issue 13 through the built binary against a real HTTPS server on 127.0.0.1 in this
/// process (certificates made with openssl at test time). Small backoff so the suite stays
/// quick; each fault case prints its attempts and time (`remote-sync case: ...`).
final class RemoteSyncTests: XCTestCase {
    var dir: URL!
    var certs: TestCertificates!
    var servers: [TestHTTPSServer] = []
    static let token = "s3cr3t-test-token-Zq9"

    override func setUpWithError() throws {
        certs = try TestCertificates.shared()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("remote-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDown() {
        for server in servers { server.stop() }
        try? FileManager.default.removeItem(at: dir)
    }

    func server(_ script: [TestHTTPSServer.Reply], certificate: String? = nil, key: String? = nil, clientCA: String? = nil) throws -> TestHTTPSServer {
        let s = try TestHTTPSServer(certificate: certificate ?? certs.serverCert, key: key ?? certs.serverKey, clientCA: clientCA, script: script)
        servers.append(s)
        return s
    }

    /// The config file: remote sync on, our CA trusted, token from a variable, quick backoff.
    func config(endpoint: String, _ extra: [String] = []) throws -> String {
        let base = ["enabled: true", "endpoint: \(endpoint)", "caCertificate: \(certs.ca)", "tokenEnv: AGENTVIZ_TEST_TOKEN",
                    "backoffBaseSeconds: 0.05", "backoffCapSeconds: 0.5"]
        let given = Set(extra.map { $0.prefix { $0 != ":" } })
        let lines = ["analytics:", "  remote:"] + (base.filter { !given.contains($0.prefix { $0 != ":" }) } + extra).map { "    " + $0 }
        let path = dir.appendingPathComponent("config.yml").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func run(_ arguments: [String], config: String) throws -> (Binary.Result, Double) {
        let start = Date()
        let result = try Binary.run(arguments + ["--config", config],
                                    environment: ["HOME": dir.path, "AGENTVIZ_TEST_TOKEN": Self.token],
                                    unsetting: ["AGENTVIZ_CONFIG", "AGENTVIZ_DB"])
        return (result, Date().timeIntervalSince(start))
    }

    /// A JSON report written by the binary, to push.
    func report() throws -> String {
        let path = dir.appendingPathComponent("weekly.json").path
        let r = try Binary.run(["weekly", "--input", "fixtures/sample-history.ndjson", "--week", "2026-W45",
                                "--format", "json", "--output", path, "--include-titles"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return path
    }

    func push(_ server: TestHTTPSServer, _ extra: [String] = [], name: String) throws -> (Binary.Result, Double) {
        let (result, seconds) = try run(["push", try report()], config: try config(endpoint: server.url, extra))
        print("remote-sync case: \(name): \(server.requests.count) request(s) received, exit \(result.status), "
              + String(format: "%.2f s", seconds) + " | " + result.stderr.split(separator: "\n").first.map(String.init)!)
        XCTAssertFalse(result.stdout.contains(Self.token) || result.stderr.contains(Self.token), "the token was printed")
        return (result, seconds)
    }

    func testDeliveredWithTokenHashedIdsAndNoTitles() throws {
        let s = try server([.status(202)])
        let output = dir.appendingPathComponent("out.json").path
        let (r, seconds) = try run(["weekly", "--input", "fixtures/sample-history.ndjson", "--week", "2026-W45",
                                    "--format", "json", "--output", output, "--include-titles", "--push"],
                                   config: try config(endpoint: s.url))
        print("remote-sync case: success: \(s.requests.count) request(s), exit \(r.status), " + String(format: "%.2f s", seconds))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("push: delivered in 1 attempt (202)"), r.stderr)
        XCTAssertFalse(r.stderr.contains(Self.token) || r.stdout.contains(Self.token))
        let local = try String(contentsOfFile: output, encoding: .utf8)
        XCTAssertEqual(s.requests.count, 1)
        let request = s.requests[0]
        XCTAssertEqual(request.header("Authorization"), "Bearer " + Self.token)
        XCTAssertEqual(request.header("Content-Type"), "application/json")
        XCTAssertEqual(request.header("User-Agent"), "agentviz-report/0.1.0")
        XCTAssertEqual(request.header("Idempotency-Key"), SHA256.hash(data: Data(request.body.utf8)).map { String(format: "%02x", $0) }.joined())
        // The local report has ids, branches and titles; the payload has none of them.
        let top = try JSONSerialization.jsonObject(with: Data(local.utf8)) as? [String: Any]
        let sessions = top?["topSessions"] as? [[String: Any]] ?? []
        let plain = sessions.flatMap { s in ["id", "branch", "title"].compactMap { s[$0] as? String } }
        XCTAssertGreaterThan(plain.count, 3, "the sample week has sessions with branches and titles")
        for text in plain { XCTAssertFalse(request.body.contains(text), "\(text) was sent") }
        XCTAssertTrue(request.body.contains("\"identifiers\": \"hmac-sha256\""))
        XCTAssertTrue(request.body.contains("hmac:"))
        let key = dir.appendingPathComponent(".gh-agent-viz/analytics-remote.key").path
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int, 0o600)
    }

    func testUnavailableThenDeliveredWithOneIdempotencyKey() throws {
        let s = try server([.status(503), .status(503), .status(200)])
        let (r, _) = try push(s, name: "503, 503 then 200")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("push: delivered in 3 attempts (503, 503, 200)"), r.stderr)
        XCTAssertEqual(Set(s.requests.compactMap { $0.header("Idempotency-Key") }).count, 1, "the same key on every attempt")
        XCTAssertEqual(Set(s.requests.map(\.body)).count, 1)
    }

    func testTooManyRequestsHonoursRetryAfter() throws {
        let s = try server([.status(429, headers: [("Retry-After", "1")]), .status(200)])
        let (r, seconds) = try push(s, ["backoffCapSeconds: 5"], name: "429 Retry-After: 1, then 200")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(s.requests.count, 2)
        XCTAssertGreaterThanOrEqual(seconds, 1, "waited the second the server asked for")
    }

    func testBadRequestIsOneAttemptAndExit5() throws {
        let s = try server([.status(400)])
        let (r, _) = try push(s, name: "400")
        XCTAssertEqual(r.status, 5, r.stderr)
        XCTAssertEqual(s.requests.count, 1)
        XCTAssertTrue(r.stderr.contains("push: failed after 1 attempt (400)"), r.stderr)
        XCTAssertTrue(r.stderr.contains("not retried: the endpoint rejected the report (HTTP 400)"), r.stderr)
        XCTAssertTrue(r.stderr.contains("send it again with 'agentviz-report push "), r.stderr)
    }

    func testSilentServerTimesOutWithinTheTotalTime() throws {
        let s = try server([.silence])
        let (r, seconds) = try push(s, ["attemptTimeoutSeconds: 1", "totalTimeoutSeconds: 2.5", "maxAttempts: 5"], name: "server never answers")
        XCTAssertEqual(r.status, 5, r.stderr)
        XCTAssertTrue(r.stderr.contains("timeout"), r.stderr)
        XCTAssertTrue(r.stderr.contains("gave up at totalTimeoutSeconds (2.5 s)"), r.stderr)
        XCTAssertLessThanOrEqual(s.requests.count, 3)
        XCTAssertLessThan(seconds, 6, "bounded by totalTimeoutSeconds (plus process start)")
    }

    func testUntrustedCertificateSaysWhichCheckFailed() throws {
        let s = try server([.status(200)], certificate: certs.otherServerCert, key: certs.otherServerKey)
        let (r, _) = try push(s, name: "untrusted certificate")
        XCTAssertEqual(r.status, 5, r.stderr)
        XCTAssertEqual(s.requests.count, 0)
        XCTAssertTrue(r.stderr.contains("push: failed after 1 attempt (TLS error)"), r.stderr)
        XCTAssertTrue(r.stderr.contains("TLS: the server's certificate is not signed by a trusted CA"), r.stderr)
    }

    func testMutualTLSRequiredAndGiven() throws {
        let s = try server([.status(200)], clientCA: certs.ca)
        let (without, _) = try push(s, name: "mTLS required, no client certificate")
        XCTAssertEqual(without.status, 5, without.stderr)
        XCTAssertTrue(without.stderr.contains("TLS"), without.stderr)
        XCTAssertEqual(s.requests.count, 0)
        let (with, _) = try push(s, ["clientCertificate: \(certs.clientCert)", "clientKey: \(certs.clientKey)"], name: "mTLS required and given")
        XCTAssertEqual(with.status, 0, with.stderr)
        XCTAssertEqual(s.requests.count, 1)
    }

    func testNoSocketUnlessPushIsAsked() throws {
        let cfg = try config(endpoint: "https://127.0.0.1:9/never")
        let trace = dir.appendingPathComponent("trace").path
        // strace records every socket(2) and connect(2) of the binary and its threads.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", trace,
                             Binary.url.path, "weekly", "--input", "fixtures/sample-history.ndjson", "--week", "2026-W45",
                             "--format", "json", "--config", cfg]
        process.environment = ProcessInfo.processInfo.environment.merging(["HOME": dir.path]) { $1 }
        process.currentDirectoryURL = TestFiles.root
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "strace (apt-get install strace) or the report failed")
        let calls = try String(contentsOfFile: trace, encoding: .utf8)
        XCTAssertFalse(calls.contains("AF_INET"), "a network socket was opened:\n\(calls)")
        // Without the opt-in, --push itself is a usage error.
        let off = dir.appendingPathComponent("off.yml").path
        try "analytics:\n  remote:\n    enabled: false\n    endpoint: https://127.0.0.1:9/\n".write(toFile: off, atomically: true, encoding: .utf8)
        let refused = try Binary.run(["weekly", "--input", "fixtures/sample-history.ndjson", "--week", "2026-W45", "--push", "--config", off],
                                     environment: ["HOME": dir.path])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("--push needs remote sync enabled"), refused.stderr)
        XCTAssertEqual(refused.stdout, "", "no work before the usage error")
    }

    func testUsageErrorsBeforeAnyWork() throws {
        let plain = try config(endpoint: "http://127.0.0.1:9/x")
        let r1 = try run(["push", "missing.json"], config: plain).0
        XCTAssertEqual(r1.status, 2)
        XCTAssertTrue(r1.stderr.contains("analytics.remote.endpoint: plain http:// to a loopback address needs analytics.remote.allowInsecureLoopback: true"), r1.stderr)
        let tokenFile = dir.appendingPathComponent("token").path
        try Self.token.write(toFile: tokenFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: tokenFile)
        let lines = ["analytics:", "  remote:", "    enabled: true", "    endpoint: https://127.0.0.1:9/x", "    tokenFile: \(tokenFile)"]
        let cfg = dir.appendingPathComponent("tf.yml").path
        try lines.joined(separator: "\n").write(toFile: cfg, atomically: true, encoding: .utf8)
        let r2 = try run(["push", "missing.json"], config: cfg).0
        XCTAssertEqual(r2.status, 2)
        XCTAssertTrue(r2.stderr.contains("is readable by group or others (mode 644); run chmod 600"), r2.stderr)
        XCTAssertFalse(r2.stderr.contains(Self.token))
    }
}
