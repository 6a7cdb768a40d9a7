/// Everything the report needs from the history, for a fixed set of windows.
public struct Rollup: Sendable {
    /// Figures of every requested window.
    public var figures: [Window: WindowFigures]
    /// Per-session views, kept only for the windows asked in detail (the report's window
    /// and its previous period: breakdowns and rules need them).
    public var sessions: [Window: [SessionWindow]]
    /// Across all sessions and all time (a data-quality count, not a window figure).
    public var metricRegressions: Int
    /// The history read: its earliest and latest accepted event (nil when there is none).
    public var coverage = Coverage()
}

/// What stretch of time the history read covers (ANALYTICS.md section 4, "Coverage").
public struct Coverage: Equatable, Sendable {
    public var firstEventAt: Timestamp?
    public var lastEventAt: Timestamp?

    public init(firstEventAt: Timestamp? = nil, lastEventAt: Timestamp? = nil) {
        self.firstEventAt = firstEventAt
        self.lastEventAt = lastEventAt
    }

    /// A period is covered when the history starts at or before the period's start.
    public func covers(_ window: Window) -> Bool {
        guard let firstEventAt else { return false }
        return firstEventAt <= window.start
    }

    mutating func include(_ first: Timestamp, _ last: Timestamp) {
        firstEventAt = firstEventAt.map { min($0, first) } ?? first
        lastEventAt = lastEventAt.map { max($0, last) } ?? last
    }
}

/// Builds a `Rollup` one session timeline at a time.
public struct RollupBuilder {
    public let windows: [Window]
    public let detailed: Set<Window>
    /// What costs are computed from where events report none (section 7).
    public let prices: PriceTable
    /// Sessions outside it are left out of every window's figures and session lists.
    public let filter: SessionFilter
    private var rollup: Rollup

    public init(
        windows: [Window], detailed: Set<Window>, prices: PriceTable = PriceTable(name: "none", models: [:]),
        filter: SessionFilter = SessionFilter()
    ) {
        self.prices = prices
        self.filter = filter
        var unique: [Window] = []
        for w in windows + detailed.sorted(by: { $0.start < $1.start }) where !unique.contains(w) {
            unique.append(w)
        }
        self.windows = unique
        self.detailed = detailed
        rollup = Rollup(
            figures: Dictionary(uniqueKeysWithValues: unique.map { ($0, WindowFigures()) }),
            sessions: Dictionary(uniqueKeysWithValues: detailed.map { ($0, []) }),
            metricRegressions: 0)
    }

    mutating func add<Text: TimelineText>(_ timeline: SessionTimeline<Text>) {
        guard let first = timeline.events.first, let last = timeline.events.last else { return }
        rollup.metricRegressions += timeline.metricRegressions
        rollup.coverage.include(first.capturedAt, last.capturedAt)
        for window in windows {
            // Coverage and regressions above stay input-wide: they describe the history read.
            guard let view = timeline.view(of: window, prices: prices), filter.admits(view) else { continue }
            rollup.figures[window]!.add(view)
            if detailed.contains(window) { rollup.sessions[window]!.append(view) }
        }
    }

    /// The result, with per-session lists sorted by session id (byte order) for stable output.
    public func finish() -> Rollup {
        var result = rollup
        for (window, list) in result.sessions {
            result.sessions[window] = list.sorted { $0.sessionId.utf8.lexicographicallyPrecedes($1.sessionId.utf8) }
        }
        return result
    }
}
