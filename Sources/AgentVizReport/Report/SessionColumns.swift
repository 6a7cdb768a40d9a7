/// The columns of one session in one window, in order: the `sessions` command (Markdown,
/// JSON, CSV), `--table sessions` and the per-window usage of `session ID` all read this
/// table, so a column's name (the JSON name) is spelled once.
public enum SessionColumns {
    public static func names(includeTitle: Bool) -> [String] {
        (includeTitle ? ["id", "title"] : ["id"]) + table.map(\.name)
    }

    public static func cells(_ s: SessionWindow, includeTitle: Bool) -> [TableCell] {
        (includeTitle ? [.text(s.sessionId), .optional(s.title)] : [.text(s.sessionId)]) + table.map { $0.read(s) }
    }

    public static func table(_ sessions: [SessionWindow], includeTitle: Bool) -> DataTable {
        DataTable(columns: names(includeTitle: includeTitle), rows: sessions.map { cells($0, includeTitle: includeTitle) })
    }

    private typealias Reader = @Sendable (SessionWindow) -> TableCell

    // Titles are added only on request (`--include-titles`): never part of this table.
    private static let table: [(name: String, read: Reader)] = [
        ("repository", { .optional($0.repository) }),
        ("branch", { .optional($0.branch) }),
        ("status", { .text($0.status.rawValue) }),
        ("sourceType", { .text($0.sourceType.rawValue) }),
        ("model", { .optional($0.model) }),
        ("prNumber", { s in s.prNumber.map { .figure(.count(Int128($0))) } ?? .null }),
        ("tokenInput", { .figure(.count($0.usage.tokenInput)) }),
        ("tokenOutput", { .figure(.count($0.usage.tokenOutput)) }),
        ("tokenTotal", { .figure(.count($0.usage.tokenTotal)) }),
        ("tokenCacheRead", { .figure(.count($0.usage.tokenCacheRead)) }),
        ("tokenCacheWrite", { .figure(.count($0.usage.tokenCacheWrite)) }),
        // An unpriced cost is unknown, never $0 (section 7): null, with its source beside it.
        ("estimatedCostUsd", { $0.costSource == .unpriced ? .null : .figure(.money($0.usage.estimatedCostUsd)) }),
        ("costSource", { .text($0.costSource.rawValue) }),
        ("unpricedBecause", { .optional($0.unpricedBecause?.rawValue) }),
        ("aiCredits", { .figure(.amount(Usage.dollars($0.aiCreditsNanos))) }),
        ("durationSeconds", { .figure(.count($0.usage.durationSeconds)) }),
        ("events", { .figure(.count(Int128($0.events))) }),
        ("started", { .bool($0.started) }),
        ("failed", { .bool($0.failed) }),
        ("completed", { .bool($0.completed) }),
        ("failures", { .figure(.count(Int128($0.failures))) }),
        ("completions", { .figure(.count(Int128($0.completions))) }),
        ("resumes", { .figure(.count(Int128($0.resumes))) }),
        ("lastEventAt", { .time($0.lastEventAt) }),
        ("idleHours", { .figure(.amount($0.idleHours)) }),
    ]
}
