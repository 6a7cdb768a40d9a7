/// `sessions`: the sessions active in a window, with their figures, filtered, sorted and
/// cut to a limit.
public struct SessionList: Sendable {
    public var window: Window
    public var timeZone: String
    public var generatedAt: Timestamp
    public var filter: SessionFilter
    public var sort: SessionSort
    public var limit: Int?
    /// How many sessions matched before the limit.
    public var matched: Int
    public var sessions: [SessionWindow]
    public var includeTitles: Bool

    public var table: DataTable { SessionColumns.table(sessions, includeTitle: includeTitles) }

    /// `sessions` are the window's views, already filtered (the roll-up applies the filter).
    public init(sessions: [SessionWindow], request: ReportRequest, sort: SessionSort, limit: Int?) {
        window = request.window
        timeZone = request.calendar.timeZoneIdentifier
        generatedAt = request.generatedAt
        filter = request.filter
        includeTitles = request.includeTitles
        self.sort = sort
        self.limit = limit
        matched = sessions.count
        let ranked = sessions.sorted(by: sort.precedes)
        self.sessions = limit.map { Array(ranked.prefix($0)) } ?? ranked
    }
}

/// `--sort`: most first; ties by cost, then tokens, then session id (byte order), so the
/// order is total and the output stable. An unpriced session's cost counts as 0 here.
public enum SessionSort: String, CaseIterable, Sendable {
    case cost, tokens, failures, duration

    func precedes(_ a: SessionWindow, _ b: SessionWindow) -> Bool {
        let keys: [(SessionWindow) -> Int128]
        switch self {
        case .cost: keys = [\.usage.costNanos, \.usage.tokenTotal]
        case .tokens: keys = [\.usage.tokenTotal, \.usage.costNanos]
        case .failures: keys = [{ Int128($0.failures) }, \.usage.costNanos, \.usage.tokenTotal]
        case .duration: keys = [\.usage.durationSeconds, \.usage.costNanos, \.usage.tokenTotal]
        }
        for key in keys where key(a) != key(b) { return key(a) > key(b) }
        return a.sessionId.utf8.lexicographicallyPrecedes(b.sessionId.utf8)
    }
}
