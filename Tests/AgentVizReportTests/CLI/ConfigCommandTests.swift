import Foundation
import XCTest

/// The config file through the binary: `config` shows origins, reports use the file's
/// settings and overrides, and a bad file stops everything with exit 2.
final class ConfigCommandTests: XCTestCase {
    var home: URL!

    override func setUpWithError() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("cfgcli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: home) }

    func run(_ arguments: [String], _ yaml: String?, environment: [String: String] = [:]) throws -> Binary.Result {
        if let yaml { try yaml.write(to: home.appendingPathComponent(".gh-agent-viz.yml"), atomically: true, encoding: .utf8) }
        return try Binary.run(arguments, environment: environment.merging(["HOME": home.path]) { $1 },
                              unsetting: ["AGENTVIZ_CONFIG", "AGENTVIZ_DB", "AGENTVIZ_TZ", "AGENTVIZ_FORMAT", "AGENTVIZ_PRICES", "AGENTVIZ_BUDGET"]
                                .filter { environment[$0] == nil })
    }

    func testConfigShowsEachSettingsOrigin() throws {
        let r = try run(["config", "--format", "json"], "theme: dark\nanalytics:\n  timeZone: Europe/Berlin\n  budget: 500usd\n",
                        environment: ["AGENTVIZ_DB": "/tmp/x.sqlite"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let file = home.appendingPathComponent(".gh-agent-viz.yml").path
        let rows = Dictionary(uniqueKeysWithValues: r.stdout.split(separator: "\n").map { line -> (String, String) in
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            return (String(parts[0]), String(parts.last!))
        })
        XCTAssertEqual(rows["format"], "--format")
        XCTAssertEqual(rows["store"], "AGENTVIZ_DB")
        XCTAssertEqual(rows["timeZone"], file + ":3")
        XCTAssertEqual(rows["budget"], file + ":4")
        XCTAssertEqual(rows["history"], "default")
    }

    func testReportsUseTheFileAndItsOverrides() throws {
        let base = ["weekly", "--input", "fixtures/sample-history.ndjson", "--week", "2026-W45", "--format", "json"]
        let plain = try run(base, nil)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertTrue(plain.stdout.contains("\"ruleId\": \"high-token-session\""), "the sample fires this rule")
        let r = try run(base, """
            analytics:
              timeZone: Europe/Berlin
              rules:
                overrides:
                  high-token-session: { enabled: false }
                  stuck-session: { severity: critical, params: { minIdleHours: 30 } }
            """)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("\"timeZone\": \"Europe/Berlin\""))
        XCTAssertFalse(r.stdout.contains("\"ruleId\": \"high-token-session\""))
        // The parameter is read: stuck sessions idle 24 to 30 hours no longer count.
        let stuck = { (text: String) in text.components(separatedBy: "\"ruleId\": \"stuck-session\"").count - 1 }
        XCTAssertLessThanOrEqual(stuck(r.stdout), stuck(plain.stdout))
        XCTAssertTrue(r.stdout.contains("\"params.minIdleHours\": 30"), "the finding shows the threshold in force")
        let typo = try run(base, "analytics:\n  rules:\n    overrides:\n      stuck-session: { params: { minutes: 30 } }\n")
        XCTAssertEqual(typo.status, 2)
        XCTAssertTrue(typo.stderr.contains("unknown parameter 'minutes' (declared: minIdleHours)"), typo.stderr)
    }

    func testIngestReadsTheHistoryAndStoreTheFileNames() throws {
        try FileManager.default.copyItem(at: TestFiles.root.appendingPathComponent("fixtures/sample-history.ndjson"),
                                         to: home.appendingPathComponent("history.ndjson"))
        let r = try run(["ingest", "--quiet"], "analytics:\n  history: history.ndjson\n  store: data/team.sqlite\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: home.appendingPathComponent("data/team.sqlite").path), r.stderr)
    }

    /// The drill-down commands take the store and time zone from the file like the reports.
    func testSessionsAndSessionReadTheStoreTheFileNames() throws {
        let config = "analytics:\n  store: data/team.sqlite\n  timeZone: Europe/Berlin\n"
        let ingest = try run(["ingest", "fixtures/sample-history.ndjson", "--quiet"], config)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        let list = try run(["sessions", "--week", "2026-W45", "--format", "json", "--limit", "1", "--now", "2026-11-25T12:00:00Z"], nil)
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains("Europe/Berlin"), String(list.stdout.prefix(400)))
        XCTAssertTrue(list.stdout.contains("afda5ff8cad0442e") || list.stdout.contains("\"id\""), String(list.stdout.prefix(400)))
        let one = try run(["session", "afda5ff8cad0442e", "--now", "2026-11-25T12:00:00Z"], nil)
        XCTAssertEqual(one.status, 0, one.stderr)
        let flagWins = try run(["sessions", "--week", "2026-W45", "--db", home.appendingPathComponent("none.sqlite").path], nil)
        XCTAssertEqual(flagWins.status, 2, "the flag wins over the file: that store does not exist")
    }

    func testBadFileIsExit2WithFileLineAndKey() throws {
        let file = home.appendingPathComponent(".gh-agent-viz.yml").path
        let r = try run(["weekly", "--input", "fixtures/sample-history.ndjson"], "analytics:\n  timezone: UTC\n  format: [json]\n")
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.contains("\(file):2: analytics.timezone: unknown key"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\(file):3: analytics.format: expected text, found a list"), r.stderr)
        let typo = try run(["config"], "analytics:\n  rules:\n    overrides:\n      stuck-sesion: { enabled: false }\n")
        XCTAssertEqual(typo.status, 2)
        XCTAssertTrue(typo.stderr.contains("\(file):4: analytics.rules.overrides.stuck-sesion: no loaded rule has this id (did you mean 'stuck-session'?)"), typo.stderr)
        let missing = try run(["config", "--config", home.appendingPathComponent("none.yml").path], nil)
        XCTAssertEqual(missing.status, 2)
    }
}
