import AgentVizRemote
import AgentVizReport
import ArgumentParser
import Foundation

struct PushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "POST a JSON report written earlier to analytics.remote.endpoint (opt-in remote sync).",
        discussion: """
            Needs analytics.remote.enabled: true in the config file. The report's titles are left
            out, session ids and branches hashed (unless analytics.remote.identifiers: plain) and
            every text redacted before it is sent. Exit 5 when it could not be delivered.

            Examples:
              agentviz-report weekly --format json --output weekly.json --push
              agentviz-report push weekly.json
            """)

    @Argument(help: "A JSON report (written with --format json --output FILE).")
    var file: String

    @Option(help: "The config file (default ~/.gh-agent-viz.yml; also AGENTVIZ_CONFIG).")
    var config: String?

    @Option(help: "The store whose directory holds the identifier key (default ~/.gh-agent-viz/analytics.sqlite).")
    var db: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        var flags = SettingFlags()
        flags.config = config
        flags.db = db
        let settings = try EffectiveSettings.resolve(flags, environment: environment)
        let remote = try RemotePush.prepare(settings.remote, environment: environment, storePath: settings.store.value)
        let document = try RemotePush.readReport(file)
        if !Push.send(document, with: remote, savedAt: file) { throw ExitCode(ExitStatus.pushFailed) }
    }
}

/// Sends and tells the outcome on stderr: attempts, final status, time, and on failure
/// what to do (the local report is already written).
enum Push {
    static func send(_ document: JSONValue, with remote: RemotePush, savedAt local: String?) -> Bool {
        let outcome = remote.send(document)
        Console.log(outcome.summary)
        if !outcome.delivered {
            let again = local.flatMap { $0 == "-" ? nil : $0 }.map { "it is saved in \($0); send it again with 'agentviz-report push \($0)'" }
                ?? "it was written to stdout; write it with --format json --output FILE to push it again later with 'agentviz-report push FILE'"
            Console.error("the report was not delivered to \(remote.endpoint.absoluteString): " + again)
        }
        return outcome.delivered
    }
}
