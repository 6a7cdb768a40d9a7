import AgentVizReport
import ArgumentParser

struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Look after the SQLite store.",
        discussion: "Example: agentviz-report store check --db ~/.gh-agent-viz/analytics.sqlite",
        subcommands: [StoreCheckCommand.self])
}

struct StoreCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run SQLite's full integrity check on the store: 'ok', or every problem and exit 4.",
        discussion: "Example: agentviz-report store check --db ~/.gh-agent-viz/analytics.sqlite")

    @Option(help: "The store (default ~/.gh-agent-viz/analytics.sqlite).")
    var db: String?

    func run() throws {
        let outcome = try StoreCheckJob.run(path: db)
        let path = db ?? "the store"
        guard outcome.problems.isEmpty else {
            for problem in outcome.problems { Console.log("\(path): \(problem)") }
            throw JobError.damagedStore(path: path, detail: "(\(outcome.problems.count) problem(s) found)")
        }
        Console.log("\(path): ok (\(outcome.events ?? 0) events)")
    }
}
