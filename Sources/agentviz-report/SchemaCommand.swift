import AgentVizReport
import ArgumentParser

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Print the JSON Schema of the JSON report.",
        discussion: "Example: agentviz-report schema > report-v1.schema.json")

    func run() throws {
        try Console.write(ReportSchema.text, to: nil)
    }
}
