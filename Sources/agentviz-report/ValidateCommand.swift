import AgentVizReport
import ArgumentParser

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check NDJSON history against the v1 contract: every problem as PATH:LINE: REASON: DETAIL.",
        discussion: """
            Examples:
              agentviz-report validate ~/.gh-agent-viz/events.ndjson
              tail -n 1000 ~/.gh-agent-viz/events.ndjson | agentviz-report validate -
            """)

    @Argument(help: "NDJSON files, directories of *.ndjson files, or - for stdin.")
    var paths: [String] = []

    func run() throws {
        let sources = try ValidateJob.prepare(paths: paths)
        // Messages go out in blocks of about 64 KiB: one write per line would cost a system
        // call per rejected line, which dominates on millions of them.
        var pending: [String] = []
        var pendingBytes = 0
        func flush() {
            guard !pending.isEmpty else { return }
            Console.logSafeLines(pending)  // RejectedLine.description is made safe by SafeText
            pending.removeAll(keepingCapacity: true)
            pendingBytes = 0
        }
        let counters = try ValidateJob.run(sources) { line in
            let text = line.description
            pending.append(text)
            pendingBytes += text.utf8.count + 1
            if pendingBytes >= 1 << 16 { flush() }
        }
        flush()
        Console.log(counters.summary)
        if counters.rejected > 0 { throw ExitCode(ExitStatus.problems) }
    }
}
