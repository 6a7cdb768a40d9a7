/// One output format. Every format is one type behind this protocol.
public protocol ReportRenderer {
    func render(_ report: Report) -> String
}

public enum ReportFormat: String, CaseIterable, Sendable {
    case markdown, json

    public var renderer: any ReportRenderer {
        switch self {
        case .markdown: return MarkdownReportRenderer()
        case .json: return JSONReportRenderer()
        }
    }
}
