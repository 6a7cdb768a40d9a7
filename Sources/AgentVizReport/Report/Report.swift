/// A finished report: every number, already computed; renderers only format it.
public struct Report: Sendable {
    public static let version = "1.0"

    public var generatedAt: Timestamp
    public var period: Window
    public var previousPeriod: Window
    public var timeZone: String
    public var input: InputSummary
    public var totals: WindowFigures
    public var previous: WindowFigures
    public var byRepository: [Breakdown]
    public var bySourceType: [Breakdown]
    public var series: [SeriesPoint]
    /// The sessions with the most tokens in the window, most first (ties: session id).
    public var topSessions: [SessionWindow]
    public var findings: [ReportFinding]
    /// Findings of the previous period that the current one no longer has.
    public var resolvedFindings: [Finding]
    public var includeTitles: Bool
    /// Where money figures come from: the events' own `estimatedCostUsd`.
    public var pricing: String = "event-reported"
    public var coverage = Coverage()

    /// The history starts at or before the previous period: only then are changes comparable.
    public var previousCovered: Bool { coverage.covers(previousPeriod) }

    /// `(current - previous) / previous` per figure; every one `null` when the previous
    /// period is not covered by the history (a partial period is no baseline).
    public var change: [String: Double?] {
        guard previousCovered else { return Dictionary(uniqueKeysWithValues: WindowFigures.allNames.map { ($0, Double?.none) }) }
        return totals.change(from: previous)
    }
}

/// Counts about the input itself (ANALYTICS.md section 6, `input`).
public struct InputSummary: Equatable, Sendable {
    public var counters: IngestCounters
    public var metricRegressions: Int

    public init(counters: IngestCounters, metricRegressions: Int) {
        self.counters = counters
        self.metricRegressions = metricRegressions
    }
}

/// One row of a breakdown: the group's value (nil: sessions without one) and its figures.
public struct Breakdown: Equatable, Sendable {
    public var key: String?
    public var figures: WindowFigures
}

public struct SeriesPoint: Equatable, Sendable {
    public var window: Window
    public var figures: WindowFigures
}

/// A finding with its lifecycle: `new` when the same rule and key gave nothing in the
/// previous period, else `persisting`.
public struct ReportFinding: Sendable {
    public enum Status: String, Sendable { case new, persisting }
    public var finding: Finding
    public var status: Status
}
