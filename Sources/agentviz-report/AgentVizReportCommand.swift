import AgentVizReport
import ArgumentParser

struct AgentVizReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agentviz-report",
        abstract: "Usage, cost and failure reports with recommendations from gh-agent-viz session history.",
        discussion: """
            Examples:
              agentviz-report ingest && agentviz-report weekly
              agentviz-report weekly --format json --output weekly.json --fail-on-new high
              agentviz-report --generate-completion-script zsh > ~/.zfunc/_agentviz-report
            """,
        version: ToolVersion.current,
        subcommands: [
            WeeklyCommand.self, DailyCommand.self, MonthlyCommand.self, RangeCommand.self, SessionsCommand.self, SessionCommand.self,
            IngestCommand.self, ValidateCommand.self, StoreCommand.self, SchemaCommand.self, RulesCommand.self, PricesCommand.self,
            ConfigCommand.self, PushCommand.self,
        ])
}
