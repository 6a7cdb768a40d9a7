import Foundation
import XCTest
@testable import AgentVizReport

/// Reports only read: a store in a read-only directory or on a read-only filesystem works,
/// and nothing is written beside it.
final class ReadOnlyStoreTests: XCTestCase {
    let args = ["weekly", "--week", "2026-W45", "--format", "json", "--now=2026-12-01T00:00:00Z"]

    /// A store ingested into `dir`, and the report the same binary makes from it normally.
    func makeStore() throws -> (dir: URL, db: String, expected: String) {
        let dir = TestFiles.directory().appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = dir.appendingPathComponent("store.sqlite").path
        XCTAssertEqual(try Binary.run(["ingest", TestFiles.fixture("sample-history.ndjson"), "--db", db, "--quiet"]).status, 0)
        let expected = try Binary.run(args + ["--db", db])
        XCTAssertEqual(expected.status, 0, expected.stderr)
        return (dir, db, expected.stdout)
    }

    /// Permissions: the directory and the file are read-only for the user running the report
    /// (as root, the report runs as nobody: root ignores permissions).
    func testAStoreInAReadOnlyDirectory() throws {
        let (dir, db, expected) = try makeStore()
        let before = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: dir.path)
        // The test directory's parents must be reachable for nobody.
        var parent = dir.deletingLastPathComponent()
        while parent.path != "/" {
            if parent.path.hasPrefix(NSTemporaryDirectory()) || parent.path.hasPrefix("/tmp/") {
                try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: parent.path)
            }
            parent = parent.deletingLastPathComponent()
        }
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path) }
        let asUser = getuid() == 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", Binary.url.path] : [Binary.url.path]
        let r = try run(asUser + args + ["--db", db])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, expected)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), before, "nothing written beside it")
    }

    /// A read-only bind mount in a user namespace (`unshare -r -m`): a read-only filesystem.
    func testAStoreOnAReadOnlyMount() throws {
        let (dir, db, expected) = try makeStore()
        guard try run(["unshare", "-r", "-m", "true"]).status == 0 else {
            throw XCTSkip("user namespaces are not available here, so no read-only mount can be made")
        }
        let script = "mount --bind -o ro '\(dir.path)' '\(dir.path)' && touch '\(dir.path)/probe' 2>/dev/null && exit 9; exec \"$@\""
        let r = try run(["unshare", "-r", "-m", "sh", "-c", script, "sh", Binary.url.path] + args + ["--db", db])
        XCTAssertNotEqual(r.status, 9, "the mount was writable")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, expected)
    }

    private func run(_ command: [String]) throws -> Binary.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.currentDirectoryURL = TestFiles.root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Binary.Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                             stderr: String(decoding: stderr, as: UTF8.self))
    }
}
