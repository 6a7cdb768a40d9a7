import AgentVizReport
import ArgumentParser

struct AgentVizReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agentviz-report",
        abstract: "Usage, cost and failure reports with recommendations from gh-agent-viz session history.",
        version: "0.1.0",
        subcommands: [
            WeeklyCommand.self, DailyCommand.self, MonthlyCommand.self, RangeCommand.self,
            IngestCommand.self, ValidateCommand.self, StoreCommand.self, SchemaCommand.self, RulesCommand.self, PricesCommand.self,
        ])
}
