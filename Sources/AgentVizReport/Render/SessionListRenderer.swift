/// `sessions` in Markdown, JSON or CSV. Every format reads `SessionColumns`, so the JSON
/// and CSV names are the same; Markdown shows the columns a person scans.
public enum SessionListRenderer {
    public static func render(_ list: SessionList, format: ReportFormat) -> String {
        switch format {
        case .markdown: return markdown(list)
        case .json: return json(list).serialized()
        case .csv: return CSVWriter.write(list.table)
        }
    }

    public static func json(_ list: SessionList) -> JSONValue {
        var top: [String: JSONValue] = [
            "generatedAt": .string(RFC3339.format(list.generatedAt)),
            "period": JSONReportRenderer().window(list.window, timeZone: list.timeZone),
            "sort": .string(list.sort.rawValue),
            "limit": list.limit.map { JSONValue.int($0) } ?? .null,
            "matchedSessions": .int(list.matched),
            "titlesIncluded": .bool(list.includeTitles),
            "sessions": JSONValue.rows(list.table),
        ]
        top["filter"] = JSONReportRenderer.filter(list.filter)
        return .object(top)
    }

    /// (JSON name, Markdown header) of the columns shown, in order.
    static let shown: [(name: String, header: String)] = [
        ("id", "Session"), ("repository", "Repository"), ("branch", "Branch"), ("status", "Status"),
        ("sourceType", "Source type"), ("model", "Model"), ("tokenTotal", "Tokens"), ("tokenCacheRead", "Cache read"),
        ("tokenCacheWrite", "Cache write"), ("estimatedCostUsd", "Cost"), ("costSource", "Cost source"),
        ("aiCredits", "AI credits"), ("durationSeconds", "Duration (s)"), ("events", "Events"),
        ("failures", "Failures"), ("completions", "Completions"), ("idleHours", "Idle hours"),
    ]

    static func markdown(_ list: SessionList) -> String {
        let kind = list.window.kind == .custom ? "period" : list.window.kind.rawValue
        var out = [
            "# Sessions: \(kind) \(list.window.label)", "",
            "\(RFC3339.format(list.window.start)) to \(RFC3339.format(list.window.end)) (\(list.timeZone) boundaries). "
                + summary(list), "",
        ]
        guard !list.sessions.isEmpty else { return (out + ["No sessions.", ""]).joined(separator: "\n") }
        let table = list.table
        var columns = shown
        if list.includeTitles { columns.insert(("title", "Title"), at: 1) }
        let index = columns.map { c in table.columns.firstIndex(of: c.name)! }
        out.append("| " + columns.map(\.header).joined(separator: " | ") + " |")
        out.append("| " + index.map { i in numeric(table.rows.map { $0[i] }) ? "---:" : "---" }.joined(separator: " | ") + " |")
        for row in table.rows {
            out.append("| " + zip(columns, index).map { column, i in cell(row[i], column: column.name) }.joined(separator: " | ") + " |")
        }
        return (out + [""]).joined(separator: "\n")
    }

    static func summary(_ list: SessionList) -> String {
        var conditions: [String] = []
        if let r = list.filter.repository { conditions.append("repository `\(MarkdownText.escape(r))`") }
        if let t = list.filter.sourceType { conditions.append("source type `\(t.rawValue)`") }
        if let s = list.filter.status { conditions.append("status `\(s.rawValue)`") }
        let which = conditions.isEmpty ? "" : " with " + conditions.joined(separator: " and ") + " (as of the period's end)"
        var text = "\(MarkdownText.integer(list.matched)) active session\(list.matched == 1 ? "" : "s")\(which), by \(list.sort.rawValue), most first"
        if list.sessions.count < list.matched { text += "; the first \(MarkdownText.integer(list.sessions.count)) shown" }
        return text + ". An unpriced cost is unknown, not $0."
    }

    /// Numbers align right: a column is numeric when a cell of it is a figure.
    static func numeric(_ cells: [TableCell]) -> Bool {
        cells.contains { if case .figure = $0 { return true } else { return false } }
    }

    static func cell(_ c: TableCell, column: String) -> String {
        switch c {
        case .null: return column == "estimatedCostUsd" ? "unknown" : ""
        case .text(let s): return column == "id" ? "`\(MarkdownText.escape(s))`" : MarkdownText.escape(s)
        case .bool(let b): return b ? "yes" : "no"
        case .time(let t): return RFC3339.format(t)
        case .figure(let v): return MarkdownReportRenderer.plain(v)
        }
    }
}
