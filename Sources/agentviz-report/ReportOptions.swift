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

    @Option(help: "Output format (default markdown; also AGENTVIZ_FORMAT or the config file).")
    var format: ReportFormat?

    @Option(help: "Write the report to FILE (- or none: stdout).")
    var output: String?

    @Option(help: "IANA time zone for window boundaries, e.g. Europe/Berlin (default UTC; also AGENTVIZ_TZ or the config file).")
    var tz: String?

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

    @Option(help: "A monthly budget, in dollars (500usd) or AI credits (40000credits): the report shows month-to-date spend, the projected month-end and when the budget runs out at the current pace.")
    var budget: String?

    @Option(help: "Exit 3 when a finding at or above this severity exists.")
    var failOn: Severity?

    @Option(help: "Exit 3 when a new finding (none for its rule and key in the previous period) at or above this severity exists.")
    var failOnNew: Severity?

    @Flag(help: "Also append the Markdown report to the file $GITHUB_STEP_SUMMARY names (GitHub Actions), trimmed to its 1 MiB limit.")
    var summary = false

    @Flag(help: "Also print the first 10 findings as GitHub Actions annotations (workflow commands), on stderr.")
    var annotations = false

    @Flag(help: "No progress display (it is shown only when stderr is a terminal anyway).")
    var quiet = false

    @OptionGroup var drilldown: DrilldownOptions

    @Option(help: "The config file (default ~/.gh-agent-viz.yml, section analytics:; also AGENTVIZ_CONFIG).")
    var config: String?

    @Flag(help: "After writing the report, POST its JSON (titles left out, ids hashed) to analytics.remote.endpoint; needs analytics.remote.enabled: true.")
    var push = false

    func jobOptions(_ period: PeriodSelection) -> ReportJobOptions {
        var o = ReportJobOptions(period: period)
        o.inputs = inputs
        o.databasePath = db
        o.format = format?.rawValue ?? "markdown"
        o.output = output
        o.timeZone = tz ?? "UTC"
        o.seriesCount = series
        o.includeTitles = includeTitles
        o.now = now
        o.ruleFiles = ruleFiles
        o.useDefaultRules = !noDefaultRules
        o.pricesPath = prices
        o.budget = budget
        o.failOn = failOn?.rawValue
        o.failOnNew = failOnNew?.rawValue
        o.summary = summary
        o.environment = ProcessInfo.processInfo.environment
        drilldown.apply(to: &o)
        return o
    }

    /// One `prepare`, here: it checks every option before any data is read (a usage error,
    /// exit 2), so the commands need no `validate()` that would load the rules a second time.
    func run(_ period: PeriodSelection) throws {
        let (job, remote) = try prepare(period)
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
        try job.appendSummary(outcome)
        // On stderr even with --output: stdout holds the report alone, and the runner reads
        // workflow commands from both streams.
        if annotations { Console.workflowCommands(WorkflowAnnotations.lines(outcome.report.findings)) }
        for line in DataProblemWarnings.lines(outcome.report.findings) { Console.log(line) }
        // Only after the local report is written: a failed push loses nothing.
        let delivered = remote.map { Push.send(JSONReportRenderer().document(outcome.report), with: $0, savedAt: job.format == .json ? job.output : nil) } ?? true
        if outcome.gateTriggered {
            // The CI log says which findings tripped the gate (severity, rule, key).
            for line in job.gateLines(outcome) { Console.log(line) }
        }
        if !delivered { throw ExitCode(ExitStatus.pushFailed) }
        if outcome.gateTriggered { throw ExitCode(ExitStatus.gate) }
    }
}

struct WeeklyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weekly", abstract: "Report on an ISO week (default: the last complete week).",
        discussion: """
            Examples:
              agentviz-report weekly --input fixtures/sample-history.ndjson --week 2026-W45
              agentviz-report weekly --format json --output weekly.json --fail-on-new high
              agentviz-report weekly --summary --annotations   # in a GitHub Actions step
            """)

    @Option(help: "ISO week, e.g. 2026-W47.")
    var week: String?

    @OptionGroup var options: ReportOptions

    func run() throws { try options.run(.week(week)) }
}

struct DailyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daily", abstract: "Report on a calendar day (default: yesterday).",
        discussion: """
            Examples:
              agentviz-report daily --day 2026-11-20 --tz Europe/Berlin
              agentviz-report daily --format json --fail-on high
            """)

    @Option(help: "Day, e.g. 2026-11-20.")
    var day: String?

    @OptionGroup var options: ReportOptions

    func run() throws { try options.run(.day(day)) }
}

struct MonthlyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monthly", abstract: "Report on a calendar month (default: the last complete month).",
        discussion: """
            Examples:
              agentviz-report monthly --month 2026-11 --output november.md
              agentviz-report monthly --series 12 --format json
            """)

    @Option(help: "Month, e.g. 2026-11.")
    var month: String?

    @OptionGroup var options: ReportOptions

    func run() throws { try options.run(.month(month)) }
}

struct RangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Report on a custom range [since, until).",
        discussion: """
            Examples:
              agentviz-report report --since 2026-11-01 --until 2026-11-15
              agentviz-report report --since 2026-11-16T09:00:00Z --until 2026-11-16T17:00:00Z --format json
            """)

    @Option(help: "Start: a date (local midnight) or an RFC 3339 instant.")
    var since: String

    @Option(help: "End (exclusive): a date or an RFC 3339 instant.")
    var until: String

    @OptionGroup var options: ReportOptions

    func run() throws { try options.run(.range(since: since, until: until)) }
}

// Typed so that --help and the completion scripts list the values, and a wrong one is a
// usage error naming them. The library keeps the string forms for its own callers.
extension ReportFormat: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}
