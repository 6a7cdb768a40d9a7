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

    @OptionGroup var source: SourceOptions

    @Option(help: "Show usage and findings per week, day or month.")
    var per = "week"

    @Option(help: "Output format (markdown or json).")
    var format: ReportFormat = .markdown

    @Option(name: .customLong("rules"), help: "A rule file to evaluate, in addition to the defaults. Repeatable.")
    var ruleFiles: [String] = []

    @Flag(help: "Do not evaluate the built-in rule set.")
    var noDefaultRules = false


    func run() throws {
        var shared = try source.jobOptions(.week(nil), ruleFiles: ruleFiles)
        shared.useDefaultRules = !noDefaultRules
        var options = SessionDetailOptions(sessionId: id, source: shared)
        options.per = per
        options.format = format.rawValue
        let job = try SessionDetailJob.prepare(options)
        let progress = TerminalProgress.make(label: "reading", paths: job.source.inputFiles, quiet: source.quiet)
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
