import CSQLite
import Foundation
import XCTest
@testable import AgentVizReport

/// `kill -9` during `ingest`, then `ingest` again: the store must equal one clean ingest,
/// events, counters and report alike, and pass SQLite's integrity check.
final class CrashConsistencyTests: XCTestCase {
    /// 8 copies of the sample history with their ids made distinct: ~40k lines, ~20 MB, so
    /// an ingest commits several chunks and a kill can land between and inside them.
    func history(in dir: URL) throws -> String {
        let sample = try String(contentsOfFile: TestFiles.fixture("sample-history.ndjson"), encoding: .utf8)
        var text = ""
        for copy in 0..<8 {
            text += sample.replacingOccurrences(of: #""eventId":""#, with: #""eventId":"c\#(copy)-"#)
                .replacingOccurrences(of: #""id":""#, with: #""id":"c\#(copy)-"#)
        }
        let path = dir.appendingPathComponent("history.ndjson").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func state(_ db: String) throws -> (events: [Event], counters: IngestCounters, report: String, integrity: String) {
        let store = try EventStore(path: db)
        let check = try store.db.prepare("PRAGMA integrity_check")
        _ = try check.step()
        var integrity = check.string(at: 0) ?? ""
        let index = try store.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'event_by_id_hash'")
        if try !index.step() { integrity += " (eventId index missing)" }
        let request = try ReportHarness.request(.week("2026-W45"), rules: try RuleSources.load(files: [], includeDefault: true))
        let report = ReportHarness.json(try ReportSource.store(store).report(request))
        return (try store.allEvents(), try store.ingestCounters(), report, integrity)
    }

    func testKillNineAtSeveralPointsThenIngestAgainEqualsOneCleanIngest() throws {
        let dir = TestFiles.directory()
        let file = try history(in: dir)
        let cleanDb = dir.appendingPathComponent("clean.sqlite").path
        let started = Date()
        XCTAssertEqual(try Binary.run(["ingest", file, "--db", cleanDb, "--quiet"]).status, 0)
        let duration = Date().timeIntervalSince(started)
        let clean = try state(cleanDb)
        XCTAssertEqual(clean.integrity, "ok")
        XCTAssertEqual(clean.counters.linesRead, 40_000)

        var killedMidway = 0
        for (n, fraction) in [0.05, 0.25, 0.5, 0.75, 0.95].enumerated() {
            let db = dir.appendingPathComponent("crash-\(n).sqlite").path
            let process = Process()
            process.executableURL = Binary.url
            // Small transactions: kills land between commits as well as inside them.
            process.arguments = ["ingest", file, "--db", db, "--quiet", "--commit-lines", "3000"]
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: duration * fraction)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killedMidway += 1 }
            let second = try Binary.run(["ingest", file, "--db", db, "--quiet"])
            XCTAssertEqual(second.status, 0, second.stderr)
            let after = try state(db)
            XCTAssertEqual(after.integrity, "ok", "kill at \(fraction)")
            XCTAssertEqual(after.counters, clean.counters, "kill at \(fraction)")
            XCTAssertEqual(after.events.count, clean.events.count, "kill at \(fraction)")
            XCTAssertTrue(after.events == clean.events, "kill at \(fraction): the same events in the same order")
            XCTAssertTrue(after.report == clean.report, "kill at \(fraction): the same report")
        }
        XCTAssertGreaterThan(killedMidway, 0, "at least one kill landed before the ingest finished")
    }
}
