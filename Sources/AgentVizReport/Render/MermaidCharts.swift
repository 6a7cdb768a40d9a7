/// Mermaid `xychart-beta` blocks over the trend series. Only numbers and window labels
/// ever go inside a block: never text from events.
enum MermaidCharts {
    /// Windows that end before the history starts have no data: they are left out, not
    /// drawn as zeros (the failure-rate line also leaves out windows with no ended session).
    static func trends(_ allPoints: [SeriesPoint], coverage: Coverage) -> [String] {
        let series = allPoints.filter { point in coverage.firstEventAt.map { point.window.end > $0 } ?? false }
        guard series.count >= 2 else { return [] }
        let labels = series.map { "\"\(safeLabel($0.window.label))\"" }.joined(separator: ", ")
        let cost = series.map { MarkdownText.decimal($0.figures.usage.estimatedCostUsd, places: 2).replacingOccurrences(of: ",", with: "") }
        let sessions = series.map { String($0.figures.activeSessions) }
        let rated = series.filter { $0.figures.failureRate != nil }
        let rateLabels = rated.map { "\"\(safeLabel($0.window.label))\"" }.joined(separator: ", ")
        let rates = rated.map { MarkdownText.decimal($0.figures.failureRate! * 100, places: 1).replacingOccurrences(of: ",", with: "") }
        let left = allPoints.count - series.count
        return [
            "## Trends", "",
        ] + (left > 0 ? ["\(left) earlier window\(left == 1 ? " is" : "s are") left out: the history read starts after \(left == 1 ? "it" : "them").", ""] : []) + [
            "```mermaid", "xychart-beta", "    title \"Cost per period (USD)\"", "    x-axis [\(labels)]",
            "    y-axis \"USD\"", "    bar [\(cost.joined(separator: ", "))]", "```", "",
            "```mermaid", "xychart-beta", "    title \"Active sessions per period\"", "    x-axis [\(labels)]",
            "    y-axis \"sessions\"", "    bar [\(sessions.joined(separator: ", "))]", "```", "",
        ] + (rated.isEmpty ? [] : [
            "```mermaid", "xychart-beta", "    title \"Failure rate per period (%)\"", "    x-axis [\(rateLabels)]",
            "    y-axis \"failure rate %\" 0 --> 100", "    line [\(rates.joined(separator: ", "))]", "```", "",
        ])
    }

    /// Window labels are ours (dates, weeks), but keep them to a safe alphabet regardless.
    static func safeLabel(_ label: String) -> String {
        String(label.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == ":") })
    }
}
