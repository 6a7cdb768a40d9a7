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
    /// Per model as of the window's end (section 7), ordered like the other breakdowns.
    public var byModel: [Breakdown] = []
    /// The price table computed costs come from, and what it could not price.
    public var costBasis = CostBasis(priceTable: "none", priceTableDate: nil, unpriced: [])
    /// Month-to-date spending against `--budget` at the period's end (nil: no budget).
    public var budget: BudgetStatus?
    public var coverage = Coverage()
    /// The sessions the report covers (`--repo`, `--source-type`); empty: all of them.
    public var filter = SessionFilter()
    /// Every session active in the window (filtered), by session id: `--table sessions`.
    public var sessions: [SessionWindow] = []

    /// The history starts at or before the previous period: only then are changes comparable.
    public var previousCovered: Bool { coverage.covers(previousPeriod) }

    /// `(current - previous) / previous` per figure; every one `null` when the previous
    /// period is not covered by the history (a partial period is no baseline).
    public var change: [String: Double?] {
        guard previousCovered else { return Dictionary(uniqueKeysWithValues: WindowFigures.allNames.map { ($0, Double?.none) }) }
        return totals.change(from: previous)
    }

    /// For the rates (`failureRate`, the shares): current - previous, in points of the
    /// ratio (0.028 is 2.8 percentage points); null where `change` is not comparable.
    public var changePoints: [String: Double?] {
        var result: [String: Double?] = [:]
        for name in WindowFigures.allNames {
            guard case .ratio(let now) = totals.value(name), case .ratio(let before) = previous.value(name) else { continue }
            result[name] = previousCovered ? now.flatMap { n in before.map { n - $0 } } : nil
        }
        return result
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

/// Where the report's costs come from (ANALYTICS.md section 7): the price table by name
/// and date, and the unpriced sessions of the window grouped by model and reason, so an
/// unknown cost is named, never shown as $0.
public struct CostBasis: Equatable, Sendable {
    public struct Unpriced: Equatable, Sendable {
        public var model: String?
        public var reason: PriceTable.Miss
        public var sessions: Int
    }

    public var priceTable: String
    public var priceTableDate: Timestamp?
    public var unpriced: [Unpriced]

    /// The window's unpriced sessions by (model, reason): most sessions first, then model.
    static func of(_ sessions: [SessionWindow], prices: PriceTable) -> CostBasis {
        var counts: [ExactString?: (PriceTable.Miss, Int)] = [:]
        for s in sessions where s.costSource == .unpriced {
            let key = s.model.map(ExactString.init)
            counts[key, default: (s.unpricedBecause ?? .noModel, 0)].1 += 1
        }
        let unpriced = counts.map { Unpriced(model: $0.key?.value, reason: $0.value.0, sessions: $0.value.1) }
            .sorted { a, b in
                if a.sessions != b.sessions { return a.sessions > b.sessions }
                return (a.model ?? "").utf8.lexicographicallyPrecedes((b.model ?? "").utf8)
            }
        return CostBasis(priceTable: prices.name, priceTableDate: prices.date, unpriced: unpriced)
    }
}
