import Foundation
import XCTest
@testable import AgentVizReport

/// A damaged store, or a file that is no store, is a clear error with exit 4 in every
/// command, and `ingest` does not append to it silently.
final class StoreDamageTests: XCTestCase {
    func damagedStore() throws -> String {
        let db = TestFiles.directory().appendingPathComponent("store.sqlite").path
        XCTAssertEqual(try Binary.run(["ingest", TestFiles.fixture("sample-history.ndjson"), "--db", db, "--quiet"]).status, 0)
        XCTAssertEqual(try Binary.run(["store", "check", "--db", db]).stderr, "\(db): ok (4977 events)\n")
        // 4 KiB of noise in the middle of the file.
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: db))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2 - size / 2 % 4096)
        var rng = SplitMix(seed: 5)
        try handle.write(contentsOf: Data((0..<4096).map { _ in UInt8(truncatingIfNeeded: rng.next()) }))
        try handle.close()
        return db
    }

    func testEveryCommandReportsADamagedStoreAndExits4() throws {
        let db = try damagedStore()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        for args in [["ingest", TestFiles.fixture("edge/crlf.ndjson"), "--db", db],
                     ["weekly", "--db", db, "--week", "2026-W45"],
                     ["store", "check", "--db", db]] {
            let result = try Binary.run(args)
            XCTAssertEqual(result.status, 4, "\(args[0]): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("the store \(db) is damaged"), result.stderr)
            XCTAssertTrue(result.stderr.contains("store check"), "says what to do: \(result.stderr)")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before, "nothing was appended")
    }

    func testAFileThatIsNoStoreIsNamedAsSuch() throws {
        let path = TestFiles.write(["hello"], to: TestFiles.directory().appendingPathComponent("notes.sqlite"))
        for args in [["weekly", "--db", path, "--week", "2026-W45"], ["ingest", TestFiles.fixture("edge/crlf.ndjson"), "--db", path]] {
            let result = try Binary.run(args)
            XCTAssertEqual(result.status, 4, result.stderr)
            XCTAssertTrue(result.stderr.contains("is not an agentviz-report store (SQLite error 26"), result.stderr)
        }
    }
}
