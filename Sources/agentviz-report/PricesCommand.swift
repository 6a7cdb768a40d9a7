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

    @Option(help: "markdown or json.")
    var format = "markdown"

    func validate() throws {
        guard format == "markdown" || format == "json" else {
            throw ValidationError("--format '\(format)' is not supported (expected markdown or json)")
        }
    }

    func run() throws {
        let table = try PriceTableLoader.load(path: prices)
        try Console.write(format == "json" ? PriceTableRenderer.json(table) : PriceTableRenderer.markdown(table), to: nil)
    }
}
