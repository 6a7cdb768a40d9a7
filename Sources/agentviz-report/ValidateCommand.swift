import AgentVizReport
import ArgumentParser

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check NDJSON history against the v1 contract: every problem as PATH:LINE: REASON: DETAIL.")

    @Argument(help: "NDJSON files, directories of *.ndjson files, or - for stdin.")
    var paths: [String] = []

    func run() throws {
        let sources = try ValidateJob.prepare(paths: paths)
        let counters = try ValidateJob.run(sources) { Console.log($0.description) }
        Console.log(counters.summary)
        if counters.rejected > 0 { throw ExitCode(ExitStatus.problems) }
    }
}
