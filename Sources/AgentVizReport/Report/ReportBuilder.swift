/// Turns a roll-up into a report: breakdowns, series, top sessions, findings.
public enum ReportBuilder {
    public static let topSessionCount = 10

    public static func build(rollup: Rollup, counters: IngestCounters, request: ReportRequest) -> Report {
        let current = request.window
        let previous = request.previousWindow
        let sessions = rollup.sessions[current] ?? []
        let input = InputSummary(counters: counters, metricRegressions: rollup.metricRegressions)
        let evaluation = RuleEvaluation(rules: request.rules, rollup: rollup, calendar: request.calendar, budget: request.budget, input: input)
        let (findings, resolved) = evaluation.findingsWithLifecycle(current: current, previous: previous)
        var report = Report(
            generatedAt: request.generatedAt,
            period: current,
            previousPeriod: previous,
            timeZone: request.calendar.timeZoneIdentifier,
            input: input,
            totals: rollup.figures[current] ?? WindowFigures(),
            previous: rollup.figures[previous] ?? WindowFigures(),
            byRepository: breakdown(sessions) { $0.repository },
            bySourceType: breakdown(sessions) { $0.sourceType.rawValue },
            series: request.series.map { SeriesPoint(window: $0, figures: rollup.figures[$0] ?? WindowFigures()) },
            topSessions: topSessions(sessions),
            findings: findings,
            resolvedFindings: resolved,
            includeTitles: request.includeTitles)
        report.coverage = rollup.coverage
        report.byModel = breakdown(sessions) { $0.model }
        report.costBasis = CostBasis.of(sessions, prices: request.prices)
        report.budget = evaluation.budgetStatus(at: current)
        report.filter = request.filter
        report.sessions = sessions
        return report
    }

    /// Groups sessions by a field as of the window's end; most costly first, then by tokens,
    /// then by key (byte order, sessions without a value last).
    static func breakdown(_ sessions: [SessionWindow], by key: (SessionWindow) -> String?) -> [Breakdown] {
        // Keys compare as bytes: "café" spelled two ways is two repositories.
        var groups: [ExactString?: WindowFigures] = [:]
        for s in sessions { groups[key(s).map(ExactString.init), default: WindowFigures()].add(s) }
        return groups.map { Breakdown(key: $0.key?.value, figures: $0.value) }.sorted { a, b in
            if a.figures.usage.costNanos != b.figures.usage.costNanos {
                return a.figures.usage.costNanos > b.figures.usage.costNanos
            }
            if a.figures.usage.tokenTotal != b.figures.usage.tokenTotal {
                return a.figures.usage.tokenTotal > b.figures.usage.tokenTotal
            }
            switch (a.key, b.key) {
            case let (x?, y?): return x.utf8.lexicographicallyPrecedes(y.utf8)
            case (_?, nil): return true
            default: return false
            }
        }
    }

    static func topSessions(_ sessions: [SessionWindow]) -> [SessionWindow] {
        let ranked = sessions.sorted { a, b in
            if a.usage.tokenTotal != b.usage.tokenTotal { return a.usage.tokenTotal > b.usage.tokenTotal }
            return a.sessionId.utf8.lexicographicallyPrecedes(b.sessionId.utf8)
        }
        return Array(ranked.prefix(topSessionCount))
    }
}
