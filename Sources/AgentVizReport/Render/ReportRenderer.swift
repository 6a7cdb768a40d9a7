/// One output format. Every format is one type behind this protocol.
public protocol ReportRenderer {
    func render(_ report: Report) -> String
}

public enum ReportFormat: String, CaseIterable, Sendable {
    case markdown, json
    /// One table of the report (`--table`): a CSV file holds rows, not a whole report.
    case csv

    /// The renderer for this format, or nil for a combination that makes no sense: CSV
    /// without a table, a table in Markdown or JSON (those hold the whole report).
    public func renderer(table: ReportTable? = nil) -> (any ReportRenderer)? {
        switch (self, table) {
        case (.markdown, nil): return MarkdownReportRenderer()
        case (.json, nil): return JSONReportRenderer()
        case (.csv, let table?): return CSVReportRenderer(table: table)
        default: return nil
        }
    }
}
