import CSQLite
import XCTest
@testable import AgentVizReport

final class MigrationsTests: XCTestCase {
    private var dir: StoreFixtures.Directory!

    override func setUpWithError() throws { dir = try StoreFixtures.Directory() }
    override func tearDown() { dir.remove() }

    private func applied(_ path: String) throws -> [Int: String] {
        try Migrations.appliedMigrations(Database(path: path))
    }

    func testMigrationsAreDenseAndAppliedOnceAcrossReopens() throws {
        XCTAssertEqual(Migrations.all.map(\.id), Array(1...Migrations.all.count), "ids are 1, 2, 3, ...")
        let path = dir.path("events.sqlite")
        for _ in 0..<3 {
            let store = try EventStore(path: path)
            try store.ingest([StoreFixtures.line("e")])
        }
        XCTAssertEqual(try applied(path), Dictionary(uniqueKeysWithValues: Migrations.all.map { ($0.id, $0.name) }))
        XCTAssertEqual(try EventStore(path: path).eventCount(), 1)
    }

    func testANewMigrationIsAppliedOnceAndAFailingOneRollsBackAlone() throws {
        let path = dir.path("events.sqlite")
        _ = try EventStore(path: path)
        let added = Migrations.all + [Migration(id: Migrations.all.count + 1, name: "extra", sql: "CREATE TABLE extra (v INTEGER)")]
        try Migrations.migrate(Database(path: path), migrations: added)
        try Migrations.migrate(Database(path: path), migrations: added)
        XCTAssertEqual(try applied(path)[added.count], "extra")

        let broken = added + [Migration(id: added.count + 1, name: "broken", sql: "CREATE TABLE half (v INTEGER); CREATE TABLE nope (")]
        XCTAssertThrowsError(try Migrations.migrate(Database(path: path), migrations: broken)) {
            XCTAssertTrue(String(describing: $0).contains("CREATE TABLE nope"), "the error names the SQL: \($0)")
        }
        XCTAssertNil(try applied(path)[broken.count])
        let half = try Database(path: path).prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'")
        _ = try half.step()
        XCTAssertEqual(half.int64(at: 0), 0, "the failed migration left nothing behind")
    }

    func testADatabaseFromANewerVersionIsRefused() throws {
        let path = dir.path("events.sqlite")
        let newer = Migrations.all + [Migration(id: Migrations.all.count + 1, name: "from the future", sql: "SELECT 1")]
        try Migrations.migrate(Database(path: path), migrations: newer)
        XCTAssertThrowsError(try EventStore(path: path)) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("newer than this agentviz-report knows"), text)
            XCTAssertTrue(text.contains("from the future"), text)
        }
    }

    func testAnEditedShippedMigrationIsRefused() throws {
        let path = dir.path("events.sqlite")
        _ = try EventStore(path: path)
        var edited = Migrations.all
        edited[0].name += " (edited)"
        XCTAssertThrowsError(try Migrations.migrate(Database(path: path), migrations: edited)) {
            XCTAssertTrue(String(describing: $0).contains("expects"), "\($0)")
        }
    }

    /// A store written by the version before store v2 (committed as a fixture, never
    /// regenerated) is upgraded in place: nothing lost or counted twice, the same report.
    func testAVersion1StoreIsUpgradedInPlaceAndReportsTheSame() throws {
        let path = dir.path("v1.sqlite")
        try FileManager.default.copyItem(atPath: TestFiles.fixture("stores/schema-v1.sqlite"), toPath: path)
        XCTAssertEqual(try applied(path).keys.sorted(), [1, 2], "the fixture is a version-1 store")
        let store = try EventStore(path: path)
        XCTAssertEqual(try applied(path).keys.sorted(), Migrations.all.map(\.id))
        XCTAssertEqual(try store.eventCount(), 1_006)
        let counters = try store.ingestCounters()
        XCTAssertEqual(counters.linesRead, 1_018)
        XCTAssertEqual(counters.linesRead, counters.eventsAccepted + counters.duplicates + counters.rejected)

        var options = ReportJobOptions(period: .week("2026-W41"))
        options.databasePath = path
        options.format = "json"
        options.now = "2026-12-01T00:00:00Z"
        let text = try ReportJob.prepare(options).run().text
        let expected = try String(contentsOfFile: TestFiles.fixture("stores/schema-v1-weekly-2026-W41.json"), encoding: .utf8)
        // The report has gained `coverage`, `costBasis`, `byModel` and the cost figures since
        // (a report may carry more, never less): everything the old version wrote is still
        // there with the same value, except `pricing`, which `costBasis` replaced.
        let now = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let coverage = try XCTUnwrap(now["coverage"] as? [String: Any])
        var before = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(expected.utf8)) as? [String: Any])
        XCTAssertEqual(before.removeValue(forKey: "pricing") as? String, "event-reported")
        // Rules were added since: every old finding is still there, the same, among the new.
        var current = now
        for list in ["findings", "resolvedFindings"] {
            let old = try XCTUnwrap(before.removeValue(forKey: list) as? [[String: Any]])
            let new = try XCTUnwrap(current.removeValue(forKey: list) as? [[String: Any]])
            for finding in old {
                let match = new.first { $0["ruleId"] as? String == finding["ruleId"] as? String && "\($0["key"]!)" == "\(finding["key"]!)" }
                assertContains(try XCTUnwrap(match, "\(list): \(finding["ruleId"]!) is gone"), finding, path: list)
            }
        }
        assertContains(current, before, path: "report")
        XCTAssertEqual(coverage["firstEventAt"] as? String, "2026-10-05T00:37:03Z")
        XCTAssertEqual(coverage["previousPeriodCovered"] as? Bool, false, "the history starts inside W41")

        // Upgraded events are deduplicated like any others: ingesting their source again adds nothing.
        let again = try store.ingest(Array(try String(contentsOfFile: TestFiles.fixture("sample-history.ndjson"), encoding: .utf8)
            .split(separator: "\n").prefix(1_000).map(String.init)))
        XCTAssertEqual(again.eventsAccepted, 0)
        XCTAssertEqual(again.conflictingDuplicates, 0, "fingerprints were recomputed like the decoder's")
    }

    /// Every member of `old` is in `new` with an equal value (objects compared member by
    /// member, arrays element by element).
    func assertContains(_ new: Any, _ old: Any, path: String, file: StaticString = #filePath, line: UInt = #line) {
        switch (new, old) {
        case let (n as [String: Any], o as [String: Any]):
            for (key, value) in o {
                guard let present = n[key] else { return XCTFail("\(path).\(key) is gone", file: file, line: line) }
                assertContains(present, value, path: path + "." + key, file: file, line: line)
            }
        case let (n as [Any], o as [Any]):
            XCTAssertEqual(n.count, o.count, path, file: file, line: line)
            for (i, (a, b)) in zip(n, o).enumerated() { assertContains(a, b, path: "\(path)[\(i)]", file: file, line: line) }
        default:
            XCTAssertEqual(NSArray(array: [new]), NSArray(array: [old]), path, file: file, line: line)
        }
    }
}
