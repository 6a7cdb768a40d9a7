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

    @OptionGroup var source: SourceOptions

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


    func run() throws {
        var shared = try source.jobOptions(period.selection)
        shared.repository = repo
        shared.sourceType = sourceType?.rawValue
        var options = SessionListOptions(source: shared)
        options.format = format.rawValue
        options.status = status?.rawValue
        options.sort = sort.rawValue
        options.limit = limit
        let job = try SessionListJob.prepare(options)
        let progress = TerminalProgress.make(label: "reading", paths: job.source.inputFiles, quiet: source.quiet)
        let rejected = RejectedLineLog()
        let (_, text) = try job.run(progress: progress, onRejected: rejected.log)
        rejected.finish()
        try Console.write(text, to: job.output)
    }
}

extension SessionSort: ExpressibleByArgument {}
