import AgentVizReport
import XCTest

final class ConfigFileTests: XCTestCase {
    func parse(_ text: String) throws(JobError) -> AnalyticsConfig {
        try AnalyticsConfig.parse(text, path: "/etc/team/agentviz.yml", home: "/home/ada")
    }

    func usageMessage(_ body: () throws -> Void) -> String {
        do { try body() } catch let error as JobError {
            guard case .usage(let message) = error else { return "not a usage error: \(error)" }
            return message
        } catch { return "\(error)" }
        return "no error"
    }

    func testReadsEverySettingAndLeavesOtherSectionsAlone() throws {
        let config = try parse("""
            theme: dark            # gh-agent-viz's own key: not ours to check
            refresh: [1, 2]
            analytics:
              store: ~/data/a.sqlite
              history: history/events.ndjson
              timeZone: Europe/Berlin
              format: json
              prices: /opt/prices.yml
              budget: 500usd
              rules:
                files: [team.yml]
                overrides:
                  high-token-session: { severity: high, params: { minTokens: 500000, label: big, strict: true, ratio: 0.5 } }
                  stuck-session: { enabled: false }
            """)
        XCTAssertEqual(config.store?.value, "/home/ada/data/a.sqlite")
        XCTAssertEqual(config.history?.value, "/etc/team/history/events.ndjson", "relative to the file's directory")
        XCTAssertEqual(config.timeZone?.value, "Europe/Berlin")
        XCTAssertEqual(config.timeZone?.line, 6)
        XCTAssertEqual(config.format?.value, "json")
        XCTAssertEqual(config.budget?.value, "500usd")
        XCTAssertEqual(config.ruleFiles?.value, ["/etc/team/team.yml"])
        let overrides = config.ruleOverrides.items
        XCTAssertEqual(overrides.map(\.ruleId), ["high-token-session", "stuck-session"])
        XCTAssertEqual(overrides.map(\.line), [13, 14])
        XCTAssertEqual(overrides.map(\.file), ["/etc/team/agentviz.yml", "/etc/team/agentviz.yml"])
        XCTAssertEqual(overrides[0].severity, .high)
        XCTAssertEqual(overrides[0].params.map(\.name), ["minTokens", "label", "strict", "ratio"])
        XCTAssertEqual(overrides[0].params.map(\.value), [.integer(500000), .string("big"), .bool(true), .number(0.5)])
        XCTAssertEqual(overrides[1].enabled, false)
        XCTAssertFalse(config.remote.enabled)
    }

    func testEmptyFileAndMissingSectionAreFine() throws {
        XCTAssertNil(try parse("").timeZone)
        XCTAssertNil(try parse("theme: dark\n").timeZone)
        XCTAssertNil(try parse("analytics:\n").timeZone)
    }

    func testEveryProblemWithFileLineAndKey() {
        let message = usageMessage {
            _ = try parse("""
                analytics:
                  timeZon: Europe/Berlin
                  format: [json]
                  rules:
                    overrides:
                      stuck-session: { severity: urgent, enabled: maybe, params: [1] }
                      other: { colour: red }
                  remote:
                    maxAttempts: 0
                """)
        }
        XCTAssertEqual(message.split(separator: "\n").map(String.init), [
            "/etc/team/agentviz.yml:2: analytics.timeZon: unknown key (expected one of store, history, timeZone, format, rules, prices, budget, remote)",
            "/etc/team/agentviz.yml:3: analytics.format: expected text, found a list",
            "/etc/team/agentviz.yml:6: analytics.rules.overrides.stuck-session.severity: 'urgent' is not a severity (expected one of info, low, medium, high, critical)",
            "/etc/team/agentviz.yml:6: analytics.rules.overrides.stuck-session.enabled: expected true or false, found text ('maybe')",
            "/etc/team/agentviz.yml:6: analytics.rules.overrides.stuck-session.params: expected a mapping (key: value lines), found a list",
            "/etc/team/agentviz.yml:7: analytics.rules.overrides.other.colour: unknown key (expected one of severity, enabled, params)",
            "/etc/team/agentviz.yml:9: analytics.remote.maxAttempts: 0 is out of range (expected 1 to 20)",
        ])
    }

    func testRemoteEndpointRules() {
        XCTAssertNil(RemoteEndpoint.problem("https://atc.example.com/v1/reports", allowInsecureLoopback: false))
        XCTAssertNotNil(RemoteEndpoint.problem("http://atc.example.com/v1", allowInsecureLoopback: true))
        XCTAssertNotNil(RemoteEndpoint.problem("http://127.0.0.1:8080/", allowInsecureLoopback: false))
        XCTAssertNil(RemoteEndpoint.problem("http://127.0.0.1:8080/", allowInsecureLoopback: true))
        XCTAssertNil(RemoteEndpoint.problem("http://[::1]:8080/", allowInsecureLoopback: true))
        XCTAssertNotNil(RemoteEndpoint.problem("http://127.0.0.1.example.com/", allowInsecureLoopback: true))
        XCTAssertNotNil(RemoteEndpoint.problem("https://user:pw@atc.example.com/", allowInsecureLoopback: false))
        XCTAssertNotNil(RemoteEndpoint.problem("ftp://atc.example.com/", allowInsecureLoopback: false))
        let message = usageMessage {
            _ = try parse("analytics:\n  remote:\n    enabled: true\n    tokenEnv: T\n    tokenFile: t\n    clientKey: k.pem\n")
        }
        XCTAssertTrue(message.contains(":3: analytics.remote.enabled: remote sync is enabled but analytics.remote.endpoint is missing"), message)
        XCTAssertTrue(message.contains(":5: analytics.remote.tokenFile: give tokenEnv or tokenFile, not both"), message)
        XCTAssertTrue(message.contains(":6: analytics.remote.clientKey: mTLS needs both"), message)
    }

    func testPrecedenceFlagThenEnvironmentThenFileThenDefault() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("c.yml").path
        try "analytics:\n  timeZone: Europe/Berlin\n  format: json\n  budget: 40000credits\n  prices: p.yml\n".write(toFile: file, atomically: true, encoding: .utf8)
        var flags = SettingFlags()
        flags.config = file
        flags.format = "markdown"
        let env = ["HOME": dir.path, "AGENTVIZ_TZ": "Asia/Tokyo", "AGENTVIZ_BUDGET": "", "AGENTVIZ_DB": "/x/s.sqlite"]
        let s = try EffectiveSettings.resolve(flags, environment: env)
        XCTAssertEqual(s.format.value, "markdown")
        XCTAssertEqual(s.format.origin, .flag("--format"))
        XCTAssertEqual(s.timeZone.value, "Asia/Tokyo")
        XCTAssertEqual(s.timeZone.origin, .environment("AGENTVIZ_TZ"))
        XCTAssertEqual(s.budget.value, "40000credits", "an empty variable counts as unset")
        XCTAssertEqual(s.budget.origin, .file(path: file, line: 4))
        XCTAssertEqual(s.prices.value, dir.path + "/p.yml")
        XCTAssertEqual(s.store.value, "/x/s.sqlite")
        XCTAssertEqual(s.history.value, dir.path + "/.gh-agent-viz/events.ndjson")
        XCTAssertEqual(s.history.origin, .builtIn)

        var options = ReportJobOptions(period: .week("2026-W45"))
        options.apply(s)
        XCTAssertEqual(options.timeZone, "Asia/Tokyo")
        XCTAssertEqual(options.budget, "40000credits")
        XCTAssertEqual(options.databasePath, "/x/s.sqlite")
    }

    func testMissingFiles() {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("nohome-\(UUID().uuidString)").path
        XCTAssertNil(try EffectiveSettings.resolve(SettingFlags(), environment: ["HOME": home]).configFile, "no default file: fine")
        var flags = SettingFlags()
        flags.config = home + "/missing.yml"
        XCTAssertTrue(usageMessage { _ = try EffectiveSettings.resolve(flags, environment: ["HOME": home]) }
            .hasPrefix("--config: no readable config file at"))
        XCTAssertTrue(usageMessage { _ = try EffectiveSettings.resolve(SettingFlags(), environment: ["HOME": home, "AGENTVIZ_CONFIG": home + "/m.yml"]) }
            .hasPrefix("$AGENTVIZ_CONFIG: no readable config file"))
        XCTAssertEqual(usageMessage { _ = try EffectiveSettings.resolve(SettingFlags(), environment: ["HOME": home, "AGENTVIZ_TZ": "Mars/Base"]) },
                       "$AGENTVIZ_TZ: unknown time zone 'Mars/Base' (expected an IANA name such as Europe/Berlin or UTC)")
    }

    func testOverridesApplyToTheLoadedRules() throws {
        let rules = try RuleSources.load(files: [], includeDefault: true)
        let overrides = RuleOverrides([
            RuleOverride(ruleId: "high-token-session", severity: .critical, file: "c.yml", line: 3),
            RuleOverride(ruleId: "stuck-session", enabled: false, file: "c.yml", line: 4),
        ])
        let applied = try rules.applying(overrides)
        XCTAssertEqual(applied.rule(id: "high-token-session")?.severity, .critical)
        XCTAssertNil(applied.rule(id: "stuck-session"))
        XCTAssertEqual(applied.rules.count, rules.rules.count - 1)
        let typo = usageMessage { _ = try rules.applying(RuleOverrides([RuleOverride(ruleId: "high-token-sesion", file: "c.yml", line: 9)])) }
        XCTAssertEqual(typo, "c.yml:9: analytics.rules.overrides.high-token-sesion: no loaded rule has this id (did you mean 'high-token-session'?); 'agentviz-report rules list' shows the rule ids")
    }
}
