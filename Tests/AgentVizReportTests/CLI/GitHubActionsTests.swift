import Foundation
import XCTest
@testable import AgentVizReport

/// The report commands in a GitHub Actions step: the job summary, annotations and the gate on
/// new findings, through the built binary.
final class GitHubActionsTests: XCTestCase {
    let sample = "fixtures/sample-history.ndjson"
    let now = "--now=2026-11-25T12:00:00Z"
    let golden = try! String(contentsOf: TestFiles.root.appendingPathComponent("reports/weekly-sample.md"), encoding: .utf8)

    func testSummaryAppendsTheMarkdownReportBesideTheNormalOutput() throws {
        let summary = TestFiles.directory().appendingPathComponent("step-summary.md")
        try "Written by an earlier command of the step.\n".write(to: summary, atomically: true, encoding: .utf8)
        let args = ["weekly", "--input", sample, "--week", "2026-W45", "--format", "json", "--summary", now]
        let r = try Binary.run(args, environment: ["GITHUB_STEP_SUMMARY": summary.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        XCTAssertNotNil(json?["findings"], "stdout keeps the JSON report")
        XCTAssertEqual(try String(contentsOf: summary, encoding: .utf8), "Written by an earlier command of the step.\n" + golden)
        // Appended, never replaced: a second report in the same step follows the first.
        XCTAssertEqual(try Binary.run(args, environment: ["GITHUB_STEP_SUMMARY": summary.path]).status, 0)
        XCTAssertEqual(try String(contentsOf: summary, encoding: .utf8), "Written by an earlier command of the step.\n" + golden + golden)
    }

    func testEveryReportCommandTakesSummaryAndCreatesTheFileWhenAbsent() throws {
        let commands: [[String]] = [["weekly", "--week", "2026-W45"], ["daily", "--day", "2026-11-03"],
                                    ["monthly", "--month", "2026-11"], ["report", "--since", "2026-11-02", "--until", "2026-11-04"]]
        for command in commands {
            let summary = TestFiles.directory().appendingPathComponent("summary.md")
            let r = try Binary.run(command + ["--input", sample, "--summary", now], environment: ["GITHUB_STEP_SUMMARY": summary.path])
            XCTAssertEqual(r.status, 0, "\(command): \(r.stderr)")
            XCTAssertEqual(try String(contentsOf: summary, encoding: .utf8), r.stdout, "\(command)")
            XCTAssertTrue(r.stdout.hasPrefix("# Agent sessions report: "), "\(command)")
        }
    }

    /// An earlier command of the step left little of the 1 MiB: the report is trimmed to the rest.
    func testSummaryIsTrimmedToWhatIsLeftOfTheStepsMebibyte() throws {
        let dir = TestFiles.directory()
        let summary = dir.appendingPathComponent("summary.md"), output = dir.appendingPathComponent("weekly.md")
        let earlier = String(repeating: "x", count: StepSummary.byteLimit - 3_000 - 1) + "\n"
        try earlier.write(to: summary, atomically: true, encoding: .utf8)
        let r = try Binary.run(["weekly", "--input", sample, "--week", "2026-W45", "--summary", "--output", output.path, now],
                               environment: ["GITHUB_STEP_SUMMARY": summary.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try String(contentsOf: output, encoding: .utf8), golden, "the report itself is whole")
        let written = try Data(contentsOf: summary)
        XCTAssertLessThanOrEqual(written.count, StepSummary.byteLimit)
        let appended = String(decoding: written.dropFirst(earlier.utf8.count), as: UTF8.self)
        XCTAssertGreaterThan(appended.utf8.count, 2_000)
        XCTAssertTrue(appended.hasPrefix("# Agent sessions report: week 2026-W45\n> **Trimmed:** "), appended)
        XCTAssertTrue(appended.contains("the full report is in \(MarkdownText.escape(output.path))."), appended)
    }

    func testSummaryWithoutTheVariableIsAUsageErrorBeforeAnyWork() throws {
        let output = TestFiles.directory().appendingPathComponent("r.md")
        let args = ["weekly", "--input", sample, "--week", "2026-W45", "--summary", "--output", output.path, now]
        for run in [try Binary.run(args, unsetting: ["GITHUB_STEP_SUMMARY"]),
                    try Binary.run(args, environment: ["GITHUB_STEP_SUMMARY": ""])] {
            XCTAssertEqual(run.status, 2, run.stderr)
            XCTAssertEqual(run.stderr, "agentviz-report: error: --summary needs $GITHUB_STEP_SUMMARY "
                + "(GitHub Actions sets it in every step); it is unset or empty\n")
            XCTAssertFalse(FileManager.default.fileExists(atPath: output.path), "no report was written")
        }
        let directory = try Binary.run(args, environment: ["GITHUB_STEP_SUMMARY": TestFiles.directory().path])
        XCTAssertEqual(directory.status, 2)
        XCTAssertTrue(directory.stderr.contains("is a directory; --summary appends to a file"), directory.stderr)
    }

    /// `%`, line breaks, `:` `,` and `::error::` planted in a repository name and a session id.
    func testAnnotationsAreTheFirstTenFindingsEscapedOnePerLine() throws {
        let hostile = "acme/100%\n::error::pwn,x:y\r"
        var lines = [
            EventLine("h1", "budget", "2026-11-16T09:00:00Z", "completed").with { $0.repository = hostile; $0.cost = 20 },
            EventLine("h2", "s::error::id,a:b", "2026-11-17T09:00:00Z", "completed").with { $0.tokens = (2_000_000, 0) },
        ]
        lines += (1...12).map { n in EventLine("st\(n)", "stuck-\(n < 10 ? "0" : "")\(n)", "2026-11-16T\(n < 10 ? "0" : "")\(n):00:00Z") }
        // History up to the week's end (no stale-data finding).
        lines.append(EventLine("late", "late-1", "2026-11-22T23:00:00Z", "completed").with { $0.tokens = (10, 0); $0.cost = 0.01 })
        let input = TestFiles.write(lines)
        let args = ["weekly", "--input", input, "--week", "2026-W47", "--rules", "rules/examples/team-budget.yml", now]
        let r = try Binary.run(args + ["--annotations", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let commands = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.hasPrefix("::") }
        XCTAssertEqual(commands.count, 11, r.stderr)
        XCTAssertEqual(commands[0], "::warning title=team-repository-budget (medium)::acme/100%25\\u000a::error::pwn,x:y\\u000d spent $20.00 "
            + "this week, over its $15.00 budget [repository=acme/100%25\\u000a::error::pwn,x:y\\u000d]")
        XCTAssertEqual(commands[1], "::warning title=high-token-session (medium)::Session s::error::id,a:b used 2,000,000 tokens [s::error::id,a:b]")
        XCTAssertTrue(commands[2].hasPrefix("::notice title=stuck-session (low)::"), String(commands[2]))
        XCTAssertEqual(commands[10], "::notice title=agentviz-report::5 more findings are not annotated; the report lists every one")
        // Report order: the first ten are the JSON report's first ten.
        let report = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let rules = (report["findings"] as! [[String: Any]]).map { $0["ruleId"] as! String }
        XCTAssertEqual(rules.count, 15, "\(rules)")
        XCTAssertEqual(commands.prefix(10).map { String($0.split(separator: "=")[1].prefix { $0 != " " }) }, Array(rules.prefix(10)))
        // Nothing else on stderr looks like a workflow command, and stdout carries none.
        XCTAssertEqual(r.stderr.split(separator: "\n").filter { $0.contains("::") }.count, 11, r.stderr)
        XCTAssertFalse(r.stdout.contains("\n::"))
        // Without the flag, no workflow command at all.
        XCTAssertFalse(try Binary.run(args).stderr.contains("::"))
    }

    func testFailOnNewCountsOnlyNewFindings() throws {
        let args = ["weekly", "--input", sample, "--week", "2026-W45", "--rules", "rules/examples/team-budget.yml", "--format", "json", now]
        let newOnly = try Binary.run(args + ["--fail-on-new", "medium"])
        XCTAssertEqual(newOnly.status, 3)
        XCTAssertEqual(newOnly.stderr, "--fail-on-new medium: medium high-token-session afda5ff8cad0442e (new)\n")
        // The budget finding persists from W44: --fail-on names it, --fail-on-new does not.
        let all = try Binary.run(args + ["--fail-on", "medium"])
        XCTAssertEqual(all.status, 3)
        XCTAssertTrue(all.stderr.contains("--fail-on medium: medium team-repository-budget repository=contoso/ingest-ops (persisting)"), all.stderr)
        XCTAssertEqual(try Binary.run(args + ["--fail-on-new", "high"]).status, 0)
        XCTAssertEqual(try Binary.run(args + ["--fail-on-new", "urgent"]).status, 2)
        XCTAssertEqual(newOnly.stdout, all.stdout, "the gate changes no output")
    }

    func testHelpAndCompletionsListTheFixedValues() throws {
        let help = try Binary.run(["weekly", "--help"])
        // The default now comes from flag, AGENTVIZ_FORMAT, config file or built-in, so the
        // help names it in the text rather than as the flag's own default.
        XCTAssertTrue(help.stdout.contains("(values: markdown, json, csv)"), help.stdout)
        XCTAssertTrue(help.stdout.contains("default markdown; also AGENTVIZ_FORMAT"), help.stdout)
        XCTAssertEqual(help.stdout.components(separatedBy: "info, low, medium, high, critical").count - 1, 2, help.stdout)
        XCTAssertTrue(help.stdout.contains("Examples:\n  agentviz-report weekly "), help.stdout)
        for shell in ["bash", "zsh", "fish"] {
            let script = try Binary.run(["--generate-completion-script", shell])
            XCTAssertEqual(script.status, 0, shell)
            XCTAssertTrue(script.stdout.contains("markdown") && script.stdout.contains("critical"), shell)
        }
    }
}
