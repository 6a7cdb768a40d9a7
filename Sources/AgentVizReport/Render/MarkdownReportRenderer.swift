/// The report for a person reading it on GitHub or in a CI job summary.
public struct MarkdownReportRenderer: ReportRenderer {
    public static let topRepositoryCount = 10
    public static let sessionIdsShown = 5

    public init() {}

    public func render(_ report: Report) -> String {
        var out: [String] = []
        // What to do first, then the tables, then every finding: a reader who stops early
        // has read what matters most.
        out += header(report)
        out += filterNote(report)
        out += headline(report)
        out += actions(report)
        out += repositories(report)
        out += models(report)
        out += sourceTypes(report)
        out += MermaidCharts.trends(report.series, coverage: report.coverage)
        out += recommendations(report)
        out += topSessions(report)
        out += dataQuality(report)
        out += footnote(report)
        return out.joined(separator: "\n") + "\n"
    }

    typealias M = MarkdownText

    func header(_ r: Report) -> [String] {
        let kind = r.period.kind == .custom ? "period" : r.period.kind.rawValue
        let local = Self.localTime(r)
        return [
            "# Agent sessions report: \(kind) \(r.period.label)", "",
            "\(local(r.period.start)) to \(local(r.period.end)) (\(r.timeZone) boundaries), "
                + "compared with \(r.previousPeriod.label). Generated \(local(r.generatedAt)).", "",
            coverage(r), "",
        ]
    }

    /// Instants in the report's zone, as its reader thinks of them.
    static func localTime(_ r: Report) -> (Timestamp) -> String {
        guard let calendar = try? WindowCalendar(timeZone: r.timeZone) else { return RFC3339.format }
        return calendar.local
    }

    /// The history read, in words, and whether the comparison means anything.
    func coverage(_ r: Report) -> String {
        guard let first = r.coverage.firstEventAt, let last = r.coverage.lastEventAt else {
            return "No history was read: every figure is empty and nothing is comparable."
        }
        let local = Self.localTime(r)
        let span = "History read: \(local(first)) to \(local(last))."
        return r.previousCovered ? span
            : span + " It starts after the start of \(r.previousPeriod.label), so changes are not comparable."
    }

    func headline(_ r: Report) -> [String] {
        let change = r.change
        func row(_ label: String, _ name: String, _ format: (FigureValue) -> String) -> String {
            let moved: String
            if !r.previousCovered {
                moved = "not comparable"
            } else if case .ratio(let now) = r.totals.value(name), case .ratio(let before) = r.previous.value(name) {
                // A rate moves in percentage points: 10.8% -> 13.6% is +2.8 pp, not +25.9%.
                moved = M.points(now.flatMap { n in before.map { n - $0 } })
            } else {
                moved = M.change(change[name] ?? nil)
            }
            return "| \(label) | \(format(r.totals.value(name))) | \(format(r.previous.value(name))) | \(moved) |"
        }
        return [
            "| | This period | Previous | Change |", "| --- | ---: | ---: | ---: |",
            row("Sessions", "activeSessions", Self.plain),
            row("Completed", "completedSessions", Self.plain),
            row("Failed", "failedSessions", Self.plain),
            row("Failure rate", "failureRate", Self.plain),
            row("Tokens", "tokenTotal", Self.plain),
            row("Cost", "estimatedCostUsd", Self.plain),
            row("&nbsp;&nbsp;reported by events", "costReportedUsd", Self.plain),
            row("&nbsp;&nbsp;computed from prices", "costComputedUsd", Self.plain),
            row("AI credits", "aiCredits", Self.plain), "",
            costSources(r), "",
        ] + budget(r)
    }

    /// Month-to-date spending against `--budget`, the pace and the projection, in words.
    func budget(_ r: Report) -> [String] {
        guard let s = r.budget else { return [] }
        func amount(_ v: Double) -> String { s.budget.unit == .usd ? M.money(v) : M.amount(v) + " credits" }
        var text = "Budget \(s.month.label): \(amount(s.spent)) of \(amount(s.budget.amount)) spent by \(RFC3339.format(s.asOf)) "
            + "(\(M.percent(s.elapsedShare)) of the month); at this pace the month ends at \(amount(s.projected))"
        if s.alreadyExceeded {
            text += ", and the budget is already exceeded by \(amount(-s.remaining))."
        } else if let out = s.runsOutAt {
            text += ": **the budget runs out on \(RFC3339.formatDay(out))**."
        } else {
            text += ", within the budget."
        }
        return [text, ""]
    }

    /// Where the cost comes from, in words, and what could not be priced (never shown as $0).
    func costSources(_ r: Report) -> String {
        let t = r.totals, b = r.costBasis
        let table = "price table \(M.escape(b.priceTable))" + (b.priceTableDate.map { " (prices as of \(RFC3339.formatDay($0)))" } ?? "")
        var text = "Cost: \(M.money(t.costReportedUsd)) reported by the events, \(M.money(t.costComputedUsd)) computed "
            + "from token usage with the \(table)."
        if t.unpricedSessions > 0 {
            let reasons = b.unpriced.map { u -> String in
                let model = u.model.map { "`\(M.escape($0))`" } ?? ""
                switch u.reason {
                case .noModel: return "\(M.integer(u.sessions)) name no model"
                case .unknownModel: return "\(M.integer(u.sessions)) use \(model), which the price table lacks"
                case .notYetPriced: return "\(M.integer(u.sessions)) use \(model) before its first price in the table"
                }
            }
            text += " **\(M.integer(t.unpricedSessions)) session\(t.unpricedSessions == 1 ? "" : "s") used tokens but could not be priced**: "
                + reasons.joined(separator: ", ") + "; their cost is unknown and not included (pass `--prices FILE` with their models)."
        }
        if t.zeroCostSessions > 0 {
            text += " \(M.integer(t.zeroCostSessions)) session\(t.zeroCostSessions == 1 ? "" : "s") reported a cost of $0 while using tokens."
        }
        return text
    }

    static func plain(_ v: FigureValue) -> String {
        switch v {
        case .count(let n): return MarkdownText.integer(n)
        case .money(let m): return MarkdownText.money(m)
        case .amount(let a): return MarkdownText.amount(a)
        case .ratio(let r): return MarkdownText.percent(r)
        }
    }

    static let findingsPerRule = 5
    static let resolvedShown = 20

    /// The findings in one paragraph and the rules to act on first, one line each.
    func actions(_ r: Report) -> [String] {
        let s = r.findingSummary
        guard s.findings > 0 else {
            return ["## Do these first", "", "Nothing: no finding for \(r.period.phrase)" + (s.resolved > 0 ? " (\(s.resolved) resolved since \(r.previousPeriod.label))." : "."), ""]
        }
        let severities = Severity.allCases.reversed().compactMap { sev in s.bySeverity[sev].map { "\($0) \(sev.rawValue)" } }
        var out = ["## Do these first", "",
                   "\(s.findings) finding\(s.findings == 1 ? "" : "s") (\(severities.joined(separator: ", "))): \(s.new) new, "
                    + "\(s.persisting) persisting; \(s.resolved) resolved since \(r.previousPeriod.label)."
                    + (s.estimatedSavingsUsd > 0 ? " Estimated savings in all: \(M.money(s.estimatedSavingsUsd))." : ""), ""]
        for (n, a) in s.byRule.prefix(FindingSummary.actionsShown).enumerated() {
            var line = "\(n + 1). **\(a.severity.rawValue)** `\(a.ruleId)`: \(M.escape(a.firstTitle))"
            if a.findings > 1 { line += " (and \(a.findings - 1) more like it)" }
            if let savings = a.estimatedSavingsUsd, savings > 0 { line += "; estimated savings \(M.money(savings))" }
            out.append(line)
        }
        if s.byRule.count > FindingSummary.actionsShown {
            out.append("\nAnd \(s.byRule.count - FindingSummary.actionsShown) more rules with findings below.")
        }
        return out + [""]
    }

    func recommendations(_ r: Report) -> [String] {
        var out = ["## Findings by rule", ""]
        if r.findings.isEmpty {
            out += ["No findings for \(r.period.phrase).", ""]
        }
        // One heading per rule, most important first; a person reads the first few of each
        // (sorted by severity and savings), the JSON report keeps every finding.
        for action in r.findingSummary.byRule {
            let items = r.findings.filter { $0.finding.ruleId == action.ruleId }
            var heading = "### `\(action.ruleId)` (\(action.severity.rawValue), \(items.count) finding\(items.count == 1 ? "" : "s")"
            if let savings = action.estimatedSavingsUsd, savings > 0 { heading += ", estimated savings \(M.money(savings))" }
            out += [heading + ")", ""]
            for item in items.prefix(Self.findingsPerRule) { out += finding(item) }
            if items.count > Self.findingsPerRule {
                out.append("- … and \(items.count - Self.findingsPerRule) more `\(action.ruleId)` findings (all of them are in the JSON report)")
            }
            out.append("")
        }
        if !r.resolvedFindings.isEmpty {
            out += ["### Resolved since \(r.previousPeriod.label) (\(r.resolvedFindings.count))", ""]
            for f in r.resolvedFindings.prefix(Self.resolvedShown) {
                out.append("- `\(f.ruleId)` \(keyText(f.key)): \(M.escape(f.title))")
            }
            if r.resolvedFindings.count > Self.resolvedShown {
                out.append("- … and \(r.resolvedFindings.count - Self.resolvedShown) more (all of them are in the JSON report)")
            }
            out.append("")
        }
        return out
    }

    func finding(_ item: ReportFinding) -> [String] {
        let f = item.finding
        var out = ["- **\(M.escape(f.title))** (\(item.status.rawValue))"]
        if !f.observed.isEmpty { out.append("  - Observed: \(f.observed.map(M.escape).joined(separator: "; "))") }
        if !f.sessionIds.isEmpty {
            let shown = f.sessionIds.prefix(Self.sessionIdsShown).map { "`\(M.escape($0))`" }.joined(separator: ", ")
            let more = f.sessionIds.count > Self.sessionIdsShown ? " and \(f.sessionIds.count - Self.sessionIdsShown) more" : ""
            out.append("  - Sessions (\(f.sessionIds.count)): \(shown)\(more)")
        }
        if let savings = f.estimatedSavingsUsd { out.append("  - Estimated savings: \(M.money(savings))") }
        out.append("  - Recommendation: \(M.escape(f.recommendation))")
        return out
    }

    func keyText(_ key: FindingKey) -> String {
        switch key {
        case .session(let id): return "session `\(M.escape(id))`"
        case .period(let label): return label
        case .group(let fields):
            return fields.keys.sorted().map { "\($0) \(fields[$0]!.map(M.escape) ?? "(none)")" }.joined(separator: ", ")
        }
    }

    func figureRow(_ name: String, _ f: WindowFigures) -> String {
        "| \(name) | \(M.integer(f.activeSessions)) | \(M.integer(f.failedSessions)) | \(M.percent(f.failureRate)) "
            + "| \(M.integer(f.usage.tokenTotal)) | \(M.money(f.usage.estimatedCostUsd)) |"
    }

    func repositories(_ r: Report) -> [String] {
        var out = ["## Top repositories by cost", "", "| Repository | Sessions | Failed | Failure rate | Tokens | Cost |",
                   "| --- | ---: | ---: | ---: | ---: | ---: |"]
        if r.byRepository.isEmpty { return ["## Top repositories by cost", "", "No active sessions.", ""] }
        for b in r.byRepository.prefix(Self.topRepositoryCount) {
            out.append(figureRow(b.key.map(M.escape) ?? "(no repository)", b.figures))
        }
        let rest = r.byRepository.dropFirst(Self.topRepositoryCount)
        if !rest.isEmpty {
            var sum = WindowFigures()
            for b in rest { sum.merge(b.figures) }
            out.append(figureRow("\(rest.count) other repositories", sum))
        }
        return out + [""]
    }

    func sourceTypes(_ r: Report) -> [String] {
        guard !r.bySourceType.isEmpty else { return [] }
        var out = ["## By source type", "", "| Source type | Sessions | Failed | Failure rate | Tokens | Cost |",
                   "| --- | ---: | ---: | ---: | ---: | ---: |"]
        for b in r.bySourceType { out.append(figureRow(b.key.map(M.escape) ?? "(none)", b.figures)) }
        return out + [""]
    }

    func models(_ r: Report) -> [String] {
        guard !r.byModel.isEmpty else { return [] }
        var out = ["## By model", "", "| Model | Sessions | Tokens | Cache read | Cache write | Cost | Reported | Computed | Unpriced sessions | AI credits |",
                   "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for b in r.byModel {
            let f = b.figures
            out.append("| \(b.key.map { "`\(M.escape($0))`" } ?? "(no model)") | \(M.integer(f.activeSessions)) | \(M.integer(f.usage.tokenTotal)) "
                + "| \(M.integer(f.usage.tokenCacheRead)) | \(M.integer(f.usage.tokenCacheWrite)) | \(M.money(f.usage.estimatedCostUsd)) "
                + "| \(M.money(f.costReportedUsd)) | \(M.money(f.costComputedUsd)) | \(M.integer(f.unpricedSessions)) | \(M.amount(f.aiCredits)) |")
        }
        return out + [""]
    }

    func topSessions(_ r: Report) -> [String] {
        guard !r.topSessions.isEmpty else { return [] }
        let titleHeader = r.includeTitles ? " Title |" : ""
        var out = ["## Top sessions by tokens", "", "| Session | Repository | Status |\(titleHeader) Tokens | Cost |",
                   "| --- | --- | --- |\(r.includeTitles ? " --- |" : "") ---: | ---: |"]
        for s in r.topSessions {
            let title = r.includeTitles ? " \(s.title.map(M.escape) ?? "") |" : ""
            out.append("| `\(M.escape(s.sessionId))` | \(s.repository.map(M.escape) ?? "(none)") | \(s.status.rawValue) |"
                + "\(title) \(M.integer(s.usage.tokenTotal)) | \(M.money(s.usage.estimatedCostUsd)) |")
        }
        return out + [""]
    }

    func dataQuality(_ r: Report) -> [String] {
        let c = r.input.counters
        // The input counts cover everything read (every line of the files, or every ingest
        // into the store); the session counts only this period's sessions.
        var out = ["## Data quality", "", "| Check | Count | Counted over |", "| --- | ---: | --- |",
                   "| Lines read | \(M.integer(c.linesRead)) | the whole input |",
                   "| Events accepted | \(M.integer(c.eventsAccepted)) | the whole input |",
                   "| Rejected lines | \(M.integer(c.rejected)) | the whole input |"]
        for reason in RejectReason.allCases {
            if let n = c.rejectedByReason[reason], n > 0 { out.append("| Rejected: `\(reason.rawValue)` | \(M.integer(n)) | the whole input |") }
        }
        out += ["| Duplicates | \(M.integer(c.duplicates)) | the whole input |",
                "| Conflicting duplicates | \(M.integer(c.conflictingDuplicates)) | the whole input |",
                "| Metric regressions | \(M.integer(r.input.metricRegressions)) | the whole input |",
                "| Redacted fields | \(M.integer(c.redactions)) | the whole input |",
                "| Sessions without a reported cost | \(M.percent(r.totals.shareWithoutCost)) | \(r.period.phrase) |",
                "| Sessions whose cost is unknown (unpriced) | \(M.integer(r.totals.unpricedSessions)) | \(r.period.phrase) |",
                "| Sessions without a repository | \(M.percent(r.totals.shareWithoutRepository)) | \(r.period.phrase) |", ""]
        return out
    }

    func footnote(_ r: Report) -> [String] {
        [
            "## How these numbers are counted", "",
            "Each event is a snapshot of a session; its metrics are cumulative counters. A session's usage in a "
                + "period is its highest counter value before the period's end minus its highest before the start, so "
                + "usage is counted once, in the period it happened, and consecutive periods add up. Duplicate event ids "
                + "count once (the first line wins). A failure (completion) is an event whose status turns `failed` "
                + "(`completed`); failure rate is failed / (completed + failed) sessions. A session's cost is what its "
                + "events report (`estimatedCostUsd`); when none of its events reports one, it is computed from its token "
                + "usage at its model's price, and when its model has no price it is unpriced: counted, not added. AI "
                + "credits are reported ones, else cost x 100. Repositories, source types and models are each session's "
                + "as of the period's end. Definitions: docs/METRICS.md in the agentviz-report repository.", "",
        ]
    }
}
