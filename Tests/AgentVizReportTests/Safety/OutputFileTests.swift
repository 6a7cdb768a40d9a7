import Foundation
import XCTest
@testable import AgentVizReport

/// `--output` writes files atomically and never replaces a link, a FIFO or a device.
final class OutputFileTests: XCTestCase {
    var dir: URL!
    override func setUp() { dir = TestFiles.directory() }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    func kind(_ path: String) -> mode_t {
        var info = stat()
        XCTAssertEqual(lstat(path, &info), 0)
        return info.st_mode & S_IFMT
    }

    func testANewPathAndARegularFileAreWrittenWhole() throws {
        try OutputFile.write("first\n", to: path("r.md"))
        XCTAssertEqual(try String(contentsOfFile: path("r.md"), encoding: .utf8), "first\n")
        try OutputFile.write("second\n", to: path("r.md"))
        XCTAssertEqual(try String(contentsOfFile: path("r.md"), encoding: .utf8), "second\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["r.md"], "no temporary file left")
    }

    func testASymlinkStaysALinkAndItsTargetIsWritten() throws {
        try "old".write(toFile: path("target.md"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: path("link.md"), withDestinationPath: "target.md")
        try OutputFile.write("new", to: path("link.md"))
        XCTAssertEqual(kind(path("link.md")), S_IFLNK)
        XCTAssertEqual(try String(contentsOfFile: path("target.md"), encoding: .utf8), "new")
        // A dangling link: its target is created.
        try FileManager.default.createSymbolicLink(atPath: path("dangling.md"), withDestinationPath: "later.md")
        try OutputFile.write("made", to: path("dangling.md"))
        XCTAssertEqual(kind(path("dangling.md")), S_IFLNK)
        XCTAssertEqual(try String(contentsOfFile: path("later.md"), encoding: .utf8), "made")
    }

    func testAFIFOIsStreamedToNotReplaced() throws {
        let fifo = path("pipe")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let received = LockedBox()
        let reader = Thread {
            let handle = FileHandle(forReadingAtPath: fifo)
            received.set(handle.map { String(decoding: $0.readDataToEndOfFile(), as: UTF8.self) })
        }
        reader.start()
        try OutputFile.write("through the pipe", to: fifo)
        for _ in 0..<200 where received.value == nil { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertEqual(received.value, "through the pipe")
        XCTAssertEqual(kind(fifo), S_IFIFO)
    }

    func testACharacterDeviceIsWrittenNotReplaced() throws {
        try OutputFile.write("discarded", to: "/dev/null")
        XCTAssertEqual(kind("/dev/null"), S_IFCHR)
    }

    func testADirectoryIsAClearError() {
        XCTAssertThrowsError(try OutputFile.write("x", to: dir.path)) {
            XCTAssertEqual(($0 as? OutputFile.Failure)?.description, "--output \(dir.path) is a directory; give a file path inside it")
        }
        XCTAssertThrowsError(try OutputFile.check(dir.path))
    }

    func testTheCommandRefusesADirectoryBeforeAnyWork() throws {
        let result = try Binary.run(["weekly", "--input", TestFiles.fixture("sample-history.ndjson"), "--week", "2026-W45", "--output", dir.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("is a directory"), result.stderr)
    }
}

private final class LockedBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: String?
    var value: String? { lock.withLock { stored } }
    func set(_ v: String?) { lock.withLock { stored = v } }

    func testAPathInAMissingDirectoryIsRefusedBeforeAnyWork() throws {
        let r = try Binary.run(["weekly", "--input", TestFiles.fixture("sample-history.ndjson"), "--output", "/nonexistent/dir/x.md"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("the directory /nonexistent/dir does not exist"), r.stderr)
        XCTAssertThrowsError(try OutputFile.check("/nonexistent/dir/x.md"))
        XCTAssertNoThrow(try OutputFile.check(TestFiles.directory().appendingPathComponent("new.md").path))
    }
}
