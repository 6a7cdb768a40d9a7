import AgentVizReport
import ArgumentParser
import Foundation

/// The options every report command shares.
struct ReportOptions: ParsableArguments {
    @Option(name: .customLong("input"), parsing: .upToNextOption,
            help: "Read these NDJSON files (or directories, or -) instead of the store: several after one --input (shell globs work), or --input repeated.")
    var inputs: [String] = []

    @Option(help: "The store to read when no --input is given (default ~/.gh-agent-viz/analytics.sqlite).")
    var db: String?

    @Option(help: "markdown or json.")
    var format = "markdown"

    @Option(help: "Write the report to FILE (- or none: stdout).")
    var output: String?

    @Option(help: "IANA time zone for window boundaries, e.g. Europe/Berlin.")
    var tz = "UTC"

    @Option(help: "Trend series length in windows, the current one included.")
    var series = 8

    @Flag(help: "Include session titles (redacted) in the report.")
    var includeTitles = false

    @Option(help: "Fix the clock (RFC 3339), for reproducible output; SOURCE_DATE_EPOCH works too.")
    var now: String?

    @Option(name: .customLong("rules"), help: "A rule file to evaluate, in addition to the defaults. Repeatable.")
    var ruleFiles: [String] = []

    @Flag(help: "Do not evaluate the built-in rule set.")
    var noDefaultRules = false

    @Option(help: "Price table (YAML) for sessions whose events report no cost (default: the built-in GitHub Copilot table; see 'agentviz-report prices').")
    var prices: String?

    @Option(help: "Exit 3 when a finding at or above this severity exists (info, low, medium, high, critical).")
    var failOn: String?

    @Flag(help: "No progress display (it is shown only when stderr is a terminal anyway).")
    var quiet = false

    func jobOptions(_ period: PeriodSelection) -> ReportJobOptions {
        var o = ReportJobOptions(period: period)
        o.inputs = inputs
        o.databasePath = db
        o.format = format
        o.output = output
        o.timeZone = tz
        o.seriesCount = series
        o.includeTitles = includeTitles
        o.now = now
        o.ruleFiles = ruleFiles
        o.useDefaultRules = !noDefaultRules
        o.failOn = failOn
        o.pricesPath = prices
        o.environment = ProcessInfo.processInfo.environment
        return o
    }

    /// Checks everything before any data is read.
    func validate(_ period: PeriodSelection) throws {
        _ = try ReportJob.prepare(jobOptions(period))
    }

    func run(_ period: PeriodSelection) throws {
        let job = try ReportJob.prepare(jobOptions(period))
        var rejected = 0
        let files = job.inputs.compactMap { source -> String? in
            if case .file(let path) = source { return path } else { return nil }
        }
        let progress = TerminalProgress.make(label: "reading", paths: files, quiet: quiet)
        let outcome = try job.run(progress: progress) { line in
            if rejected < 20 { Console.log(line.description) }
            rejected += 1
        }
        if rejected > 20 { Console.log("... \(rejected - 20) more rejected lines not shown") }
        try Console.write(outcome.text, to: job.output)
        if outcome.gateTriggered {
            // The CI log says which findings tripped the gate (severity, rule, key).
            for f in outcome.gateFindings {
                Console.log("--fail-on \(failOn ?? ""): \(f.finding.severity.rawValue) \(f.finding.ruleId) \(f.finding.key) (\(f.status.rawValue))")
            }
            throw ExitCode(ExitStatus.gate)
        }
    }
}

struct WeeklyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weekly", abstract: "Report on an ISO week (default: the last complete week).")

    @Option(help: "ISO week, e.g. 2026-W47.")
    var week: String?

    @OptionGroup var options: ReportOptions

    func validate() throws { try options.validate(.week(week)) }
    func run() throws { try options.run(.week(week)) }
}

struct DailyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daily", abstract: "Report on a calendar day (default: yesterday).")

    @Option(help: "Day, e.g. 2026-11-20.")
    var day: String?

    @OptionGroup var options: ReportOptions

    func validate() throws { try options.validate(.day(day)) }
    func run() throws { try options.run(.day(day)) }
}

struct MonthlyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monthly", abstract: "Report on a calendar month (default: the last complete month).")

    @Option(help: "Month, e.g. 2026-11.")
    var month: String?

    @OptionGroup var options: ReportOptions

    func validate() throws { try options.validate(.month(month)) }
    func run() throws { try options.run(.month(month)) }
}

struct RangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Report on a custom range [since, until).")

    @Option(help: "Start: a date (local midnight) or an RFC 3339 instant.")
    var since: String

    @Option(help: "End (exclusive): a date or an RFC 3339 instant.")
    var until: String

    @OptionGroup var options: ReportOptions

    func validate() throws { try options.validate(.range(since: since, until: until)) }
    func run() throws { try options.run(.range(since: since, until: until)) }
}
