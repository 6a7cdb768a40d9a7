import AgentVizReport
import ArgumentParser
import Foundation

struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List the sessions active in a period with their figures (default: the last complete week).",
        discussion: """
            Repository, branch, status, source type and model are each session's as of the period's end.
            Examples:
              agentviz-report sessions --week 2026-W45 --sort cost --limit 10
              agentviz-report sessions --month 2026-11 --repo acme/api --status failed --format json
              agentviz-report sessions --since 2026-11-01 --until 2026-11-15 --format csv --output sessions.csv
            """)

    @OptionGroup var period: PeriodOptions

    @Option(name: .customLong("input"), parsing: .upToNextOption,
            help: "Read these NDJSON files (or directories, or -) instead of the store.")
    var inputs: [String] = []

    @Option(help: "The store to read when no --input is given (default ~/.gh-agent-viz/analytics.sqlite).")
    var db: String?

    @Option(help: "Only the sessions of this repository.")
    var repo: String?

    @Option(help: "Only the sessions with this status.")
    var status: SessionStatus?

    @Option(help: "Only the sessions of this source type.")
    var sourceType: SourceType?

    @Option(help: "Order, most first.")
    var sort: SessionSort = .cost

    @Option(help: "Show at most N sessions.")
    var limit: Int?

    @Option(help: "Output format.")
    var format: ReportFormat = .markdown

    @Option(help: "Write the list to FILE (- or none: stdout).")
    var output: String?

    @Option(help: "IANA time zone for window boundaries, e.g. Europe/Berlin.")
    var tz = "UTC"

    @Option(help: "Fix the clock (RFC 3339), for reproducible output; SOURCE_DATE_EPOCH works too.")
    var now: String?

    @Option(help: "Price table (YAML) for sessions whose events report no cost (default: the built-in one).")
    var prices: String?

    @Flag(help: "Include session titles (redacted).")
    var includeTitles = false

    @Flag(help: "No progress display.")
    var quiet = false

    func run() throws {
        var source = ReportJobOptions(period: period.selection)
        source.inputs = inputs
        source.databasePath = db
        source.output = output
        source.timeZone = tz
        source.now = now
        source.pricesPath = prices
        source.includeTitles = includeTitles
        source.repository = repo
        source.sourceType = sourceType?.rawValue
        source.environment = ProcessInfo.processInfo.environment
        var options = SessionListOptions(source: source)
        options.format = format.rawValue
        options.status = status?.rawValue
        options.sort = sort.rawValue
        options.limit = limit
        let job = try SessionListJob.prepare(options)
        let progress = TerminalProgress.make(label: "reading", paths: job.source.inputFiles, quiet: quiet)
        let rejected = RejectedLineLog()
        let (_, text) = try job.run(progress: progress, onRejected: rejected.log)
        rejected.finish()
        try Console.write(text, to: job.output)
    }
}

extension SessionSort: ExpressibleByArgument {}
