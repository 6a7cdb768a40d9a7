/// `--format csv --table NAME`: one table of the report (`Report.table`), as CSV.
public struct CSVReportRenderer: ReportRenderer {
    public var table: ReportTable

    public init(table: ReportTable) { self.table = table }

    public func render(_ report: Report) -> String {
        CSVWriter.write(report.table(table))
    }
}
