import AgentVizReport
import ArgumentParser
import Foundation

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Store the valid events of NDJSON history in the SQLite store.",
        discussion: """
            Without PATH, reads gh-agent-viz's default history (~/.gh-agent-viz/events.ndjson), or
            the one AGENTVIZ_HISTORY or the config file's analytics.history names.

            Examples:
              agentviz-report ingest
              agentviz-report ingest history/*.ndjson.gz --db team.sqlite --strict
            """)

    @Argument(help: "NDJSON files, directories of *.ndjson files, or - for stdin.")
    var paths: [String] = []

    @Option(help: "The store (default ~/.gh-agent-viz/analytics.sqlite; :memory: for none).")
    var db: String?

    @Flag(help: "Exit 1 when any line was rejected.")
    var strict = false

    @Option(help: "How many rejected lines to print (the summary counts them all).")
    var showRejected = 20

    @Flag(help: "Read every file from the start, not from where the last ingest of it stopped.")
    var full = false

    @Option(help: "Lines per transaction: larger is faster, smaller loses less work if the run is killed.")
    var commitLines = 200_000

    @Flag(help: "No progress display and no per-file notes (progress is shown only when stderr is a terminal).")
    var quiet = false

    @Option(help: "The config file (default ~/.gh-agent-viz.yml; its analytics.store and analytics.history apply).")
    var config: String?

    func validate() throws {
        guard commitLines >= 1 else { throw ValidationError("--commit-lines must be at least 1") }
    }

    func run() throws {
        var flags = SettingFlags()
        flags.config = config
        flags.db = db
        let settings = try EffectiveSettings.resolve(flags, environment: ProcessInfo.processInfo.environment)
        var job = try IngestJob.prepare(paths: paths.isEmpty ? [settings.history.value] : paths, databasePath: settings.store.value)
        job.readEverything = full
        job.linesPerCommit = commitLines
        var shown = 0
        let files = job.sources.compactMap { source -> String? in
            if case .file(let path) = source { return path } else { return nil }
        }
        let progress = TerminalProgress.make(label: "ingesting", paths: files, quiet: quiet)
        let counters = try job.run(progress: progress, onFile: { source, start in
            if quiet { return }
            switch start {
            case .fromStart: break
            case .resumed(let offset): Console.log("\(source.displayName): resuming after byte \(offset) (read before)")
            case .unchanged: Console.log("\(source.displayName): unchanged since the last ingest, skipped")
            }
        }) { rejected in
            if shown < showRejected { Console.log(rejected.description) }
            shown += 1
        }
        if shown > showRejected { Console.log("... \(shown - showRejected) more rejected lines not shown") }
        Console.log(counters.summary)
        if strict && counters.rejected > 0 { throw ExitCode(ExitStatus.problems) }
    }
}
