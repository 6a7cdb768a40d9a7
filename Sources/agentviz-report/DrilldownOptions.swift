import AgentVizReport
import ArgumentParser

/// `--repo`, `--source-type` and `--table` of the report commands.
struct DrilldownOptions: ParsableArguments {
    @Option(help: "Report only on the sessions of this repository (as of each period's end).")
    var repo: String?

    @Option(help: "Report only on the sessions of this source type (as of each period's end).")
    var sourceType: SourceType?

    @Option(help: "With --format csv: the report table to write.")
    var table: ReportTable?

    func apply(to o: inout ReportJobOptions) {
        o.repository = repo
        o.sourceType = sourceType?.rawValue
        o.table = table?.rawValue
    }
}

extension SourceType: ExpressibleByArgument {}
extension SessionStatus: ExpressibleByArgument {}
extension ReportTable: ExpressibleByArgument {}
