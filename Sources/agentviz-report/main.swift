import AgentVizReport
import ArgumentParser
import Foundation

// Every error becomes one line on stderr and a documented exit code (README, "Exit codes").
do {
    var command = try AgentVizReportCommand.parseAsRoot()
    try command.run()
} catch let error as JobError {
    // One line per problem (a config or rule file can hold several).
    for line in error.description.split(separator: "\n") { Console.error(String(line)) }
    exit(error.exitCode)
} catch let code as ExitCode {
    exit(code.rawValue)
} catch {
    if AgentVizReportCommand.exitCode(for: error) == .success {
        AgentVizReportCommand.exit(withError: error)  // --help, --version
    }
    Console.error(AgentVizReportCommand.message(for: error) + " (see 'agentviz-report help')")
    exit(ExitStatus.usage)
}
