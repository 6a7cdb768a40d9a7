extension MarkdownReportRenderer {
    /// A filtered report says so first: its totals are not the whole history's.
    func filterNote(_ r: Report) -> [String] {
        let f = r.filter
        guard !f.isEmpty else { return [] }
        var parts: [String] = []
        if let repository = f.repository { parts.append("repository `\(MarkdownText.escape(repository))`") }
        if let sourceType = f.sourceType { parts.append("source type `\(sourceType.rawValue)`") }
        if let status = f.status { parts.append("status `\(status.rawValue)`") }
        return [
            "**Filtered:** only sessions with \(parts.joined(separator: " and ")) as of each period's end; "
                + "figures, previous period, trend, breakdowns and findings cover those sessions; the input counts "
                + "(lines, rejections, duplicates, metric regressions) and the history's coverage are the whole history read.", "",
        ]
    }
}
