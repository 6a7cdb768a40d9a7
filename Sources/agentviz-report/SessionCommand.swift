import AgentVizReport
import ArgumentParser
import Foundation

struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "One session's timeline, its usage per week (day, month) and the findings that name it.",
        discussion: """
            An id the history lacks: a message on stderr and exit 1.
            Examples:
              agentviz-report session 90e0ecf8cc20413c --input fixtures/sample-history.ndjson
              agentviz-report session 90e0ecf8cc20413c --per day --format json
            """)

    @Argument(help: "The session id (session.id of its events).")
    var id: String

    @Option(name: .customLong("input"), parsing: .upToNextOption,
            help: "Read these NDJSON files (or directories, or -) instead of the store.")
    var inputs: [String] = []

    @Option(help: "The store to read when no --input is given (default ~/.gh-agent-viz/analytics.sqlite).")
    var db: String?

    @Option(help: "Show usage and findings per week, day or month.")
    var per = "week"

    @Option(help: "Output format (markdown or json).")
    var format: ReportFormat = .markdown

    @Option(help: "Write to FILE (- or none: stdout).")
    var output: String?

    @Option(help: "IANA time zone for window boundaries, e.g. Europe/Berlin.")
    var tz = "UTC"

    @Option(help: "Fix the clock (RFC 3339), for reproducible output; SOURCE_DATE_EPOCH works too.")
    var now: String?

    @Option(name: .customLong("rules"), help: "A rule file to evaluate, in addition to the defaults. Repeatable.")
    var ruleFiles: [String] = []

    @Flag(help: "Do not evaluate the built-in rule set.")
    var noDefaultRules = false

    @Option(help: "Price table (YAML) for sessions whose events report no cost (default: the built-in one).")
    var prices: String?

    @Flag(help: "Include the session's title (redacted).")
    var includeTitles = false

    @Flag(help: "No progress display.")
    var quiet = false

    func run() throws {
        var source = ReportJobOptions(period: .week(nil))
        source.inputs = inputs
        source.databasePath = db
        source.output = output
        source.timeZone = tz
        source.now = now
        source.ruleFiles = ruleFiles
        source.useDefaultRules = !noDefaultRules
        source.pricesPath = prices
        source.includeTitles = includeTitles
        source.environment = ProcessInfo.processInfo.environment
        var options = SessionDetailOptions(sessionId: id, source: source)
        options.per = per
        options.format = format.rawValue
        let job = try SessionDetailJob.prepare(options)
        let progress = TerminalProgress.make(label: "reading", paths: job.source.inputFiles, quiet: quiet)
        let rejected = RejectedLineLog()
        let result = try job.run(progress: progress, onRejected: rejected.log)
        rejected.finish()
        guard let (_, text) = result else {
            Console.error(job.notFound)
            throw ExitCode(ExitStatus.problems)
        }
        try Console.write(text, to: job.output)
    }
}
