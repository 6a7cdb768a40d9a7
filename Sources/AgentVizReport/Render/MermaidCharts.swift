/// Mermaid `xychart-beta` blocks over the trend series. Only numbers and window labels
/// ever go inside a block: never text from events.
enum MermaidCharts {
    static func trends(_ series: [SeriesPoint]) -> [String] {
        guard series.count >= 2 else { return [] }
        let labels = series.map { "\"\(safeLabel($0.window.label))\"" }.joined(separator: ", ")
        let cost = series.map { MarkdownText.decimal($0.figures.usage.estimatedCostUsd, places: 2).replacingOccurrences(of: ",", with: "") }
        let sessions = series.map { String($0.figures.activeSessions) }
        let rates = series.map { MarkdownText.decimal(($0.figures.failureRate ?? 0) * 100, places: 1).replacingOccurrences(of: ",", with: "") }
        return [
            "## Trends", "",
            "```mermaid", "xychart-beta", "    title \"Cost per period (USD)\"", "    x-axis [\(labels)]",
            "    y-axis \"USD\"", "    bar [\(cost.joined(separator: ", "))]", "```", "",
            "```mermaid", "xychart-beta", "    title \"Active sessions per period\"", "    x-axis [\(labels)]",
            "    y-axis \"sessions\"", "    bar [\(sessions.joined(separator: ", "))]", "```", "",
            "```mermaid", "xychart-beta", "    title \"Failure rate per period (%)\"", "    x-axis [\(labels)]",
            "    y-axis \"failure rate %\" 0 --> 100", "    line [\(rates.joined(separator: ", "))]", "```", "",
        ]
    }

    /// Window labels are ours (dates, weeks), but keep them to a safe alphabet regardless.
    static func safeLabel(_ label: String) -> String {
        String(label.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == ":") })
    }
}
