import AgentVizReport
import ArgumentParser

struct PricesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prices",
        abstract: "List the price table in force (the built-in one, or --prices FILE).",
        discussion: """
            Examples:
              agentviz-report prices
              agentviz-report prices --prices my-prices.yml --format json
            """)

    @Option(help: "A price table (YAML) to check and list instead of the built-in one.")
    var prices: String?

    @Option(help: "Output format.")
    var format = ReportFormat.markdown

    func validate() throws {
        guard format != .csv else { throw ValidationError("prices writes markdown or json") }
    }

    func run() throws {
        let table = try PriceTableLoader.load(path: prices)
        try Console.write(format == .json ? PriceTableRenderer.json(table) : PriceTableRenderer.markdown(table), to: nil)
    }
}
