/// What to report on: the window, the zone its boundaries are in, and the options.
public struct ReportRequest: Sendable {
    public var window: Window
    public var calendar: WindowCalendar
    public var seriesCount: Int
    public var includeTitles: Bool
    public var generatedAt: Timestamp
    public var rules: RuleSet
    /// The price table in force (section 7): the built-in one unless `--prices` names another.
    public var prices: PriceTable
    /// `--budget`: a monthly budget the report tracks (nil: none).
    public var budget: Budget?
    /// `--repo` / `--source-type`: the sessions the report covers (empty: all).
    public var filter = SessionFilter()

    public init(
        window: Window, calendar: WindowCalendar, seriesCount: Int = 8, includeTitles: Bool = false,
        generatedAt: Timestamp, rules: RuleSet, prices: PriceTable = PriceTableLoader.builtIn(), budget: Budget? = nil
    ) {
        self.prices = prices
        self.budget = budget
        self.window = window
        self.calendar = calendar
        self.seriesCount = max(1, seriesCount)
        self.includeTitles = includeTitles
        self.generatedAt = generatedAt
        self.rules = rules
    }

    public var previousWindow: Window { calendar.previous(window) }
    public var series: [Window] { calendar.series(endingWith: window, count: seriesCount) }

    /// Every window the roll-up must compute: the series, the previous period, and the one
    /// before it (the previous period's own `previous.` figures, for finding lifecycles).
    public var rollupWindows: [Window] {
        let budgetWindows = budget == nil ? [] : [Budget.monthToDate(for: window), Budget.monthToDate(for: previousWindow)]
        return series + [previousWindow, calendar.previous(previousWindow)] + budgetWindows
    }

    /// Windows whose per-session views are kept: breakdowns and rules read them.
    public var detailedWindows: Set<Window> { [window, previousWindow] }

    public func makeRollupBuilder() -> RollupBuilder {
        RollupBuilder(windows: rollupWindows, detailed: detailedWindows, prices: prices, filter: filter)
    }
}
