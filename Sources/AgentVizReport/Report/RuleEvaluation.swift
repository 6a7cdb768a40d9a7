/// Feeds the roll-up to the rules: one row per session, per group, or for the period
/// (ANALYTICS.md section 5), and tracks finding lifecycles against the previous period.
struct RuleEvaluation {
    let rules: RuleSet
    let rollup: Rollup
    let calendar: WindowCalendar
    var budget: Budget? = nil
    /// The input as a whole, for the `input.*` fields of period rows.
    var input = InputSummary(counters: IngestCounters(), metricRegressions: 0)

    /// Spending against the budget at the end of `window`, from the month-to-date window the
    /// request added to the roll-up.
    func budgetStatus(at window: Window) -> BudgetStatus? {
        guard let budget else { return nil }
        let monthToDate = Budget.monthToDate(for: window)
        return BudgetStatus.of(budget, monthToDate: monthToDate, figures: rollup.figures[monthToDate] ?? WindowFigures())
    }

    func findings(in window: Window) -> [Finding] {
        let sessions = rollup.sessions[window] ?? []
        return rules.evaluate { scope, by in
            switch scope {
            case .session: return sessions.map { sessionRow($0, phrase: window.phrase) }
            case .group: return groupRows(sessions, by: by ?? [], phrase: window.phrase)
            case .period: return [periodRow(window)]
            }
        }
    }

    /// Current findings marked `new` or `persisting`, and the previous period's findings
    /// that are gone (`resolved`).
    func findingsWithLifecycle(current: Window, previous: Window) -> ([ReportFinding], [Finding]) {
        guard !rules.rules.isEmpty else { return ([], []) }
        let now = findings(in: current)
        let before = findings(in: previous)
        let beforeKeys = Set(before.map { FindingIdentity($0) })
        let nowKeys = Set(now.map { FindingIdentity($0) })
        let marked = now.map {
            ReportFinding(finding: $0, status: beforeKeys.contains(FindingIdentity($0)) ? .persisting : .new)
        }
        let resolved = before.filter { !nowKeys.contains(FindingIdentity($0)) }
        return (marked, resolved)
    }

    /// Session rows: one table of (field, reader) in `FieldCatalog.session` order, so a
    /// row is an array filled in order, not a dictionary of names.
    static let sessionReaders: [(name: String, read: @Sendable (SessionWindow) -> RuleValue)] = [
        ("id", { .string($0.sessionId) }),
        ("repository", { $0.repository.map(RuleValue.string) ?? .null }),
        ("branch", { $0.branch.map(RuleValue.string) ?? .null }),
        ("sourceType", { .string($0.sourceType.rawValue) }),
        ("status", { .string($0.status.rawValue) }),
        ("model", { $0.model.map(RuleValue.string) ?? .null }),
        ("prNumber", { $0.prNumber.map { RuleValue.integer(Int128($0)) } ?? .null }),
        ("tokenInput", { .count($0.usage.tokenInput) }),
        ("tokenOutput", { .count($0.usage.tokenOutput) }),
        ("tokenTotal", { .count($0.usage.tokenTotal) }),
        ("estimatedCostUsd", { .number($0.usage.estimatedCostUsd) }),
        ("durationSeconds", { .count($0.usage.durationSeconds) }),
        ("modelInputPrice", { $0.modelInputPriceNanos.map { RuleValue.number(Usage.dollars($0)) } ?? .null }),
        ("costSource", { .string($0.costSource.rawValue) }),
        ("costReportedUsd", { .number(Usage.dollars($0.costReportedNanos)) }),
        ("costComputedUsd", { .number(Usage.dollars($0.costComputedNanos)) }),
        ("pricedCostUsd", { $0.pricedNanos.map { RuleValue.number(Usage.dollars($0)) } ?? .null }),
        ("unpriced", { .bool($0.costSource == .unpriced) }),
        ("zeroCost", { .bool($0.zeroCost) }),
        ("aiCredits", { .number(Usage.dollars($0.aiCreditsNanos)) }),
        ("tokenCacheRead", { .count($0.usage.tokenCacheRead) }),
        ("tokenCacheWrite", { .count($0.usage.tokenCacheWrite) }),
        ("events", { .count(Int128($0.events)) }),
        ("resumes", { .count(Int128($0.resumes)) }),
        ("failed", { .bool($0.failed) }),
        ("completed", { .bool($0.completed) }),
        ("started", { .bool($0.started) }),
        ("idleHours", { .number($0.idleHours) }),
        ("failures", { .count(Int128($0.failures)) }),
        ("completions", { .count(Int128($0.completions)) }),
    ]
    // Titles never reach rules: findings are printed without --include-titles.
    static let sessionLayout = RuleRowLayout(sessionReaders.map(\.name) + ["period"])

    func sessionRow(_ s: SessionWindow, phrase: String) -> RuleRow {
        RuleRow(key: .session(s.sessionId), sessionIds: [s.sessionId],
                values: RuleRowValues(layout: Self.sessionLayout, slots: Self.sessionReaders.map { $0.read(s) } + [.string(phrase)]))
    }

    static func byValue(_ s: SessionWindow, _ field: String) -> String? {
        switch field {
        case "repository": return s.repository
        case "branch": return s.branch
        case "sourceType": return s.sourceType.rawValue
        case "status": return s.status.rawValue
        case "model": return s.model
        default: return nil
        }
    }

    func groupRows(_ sessions: [SessionWindow], by: [String], phrase: String) -> [RuleRow] {
        // Values compare as bytes, like every identifier and name in the contract.
        var groups: [[ExactString?]: (WindowFigures, [String])] = [:]
        for s in sessions {
            let key = by.map { Self.byValue(s, $0).map(ExactString.init) }
            // Mutated in place: a copy out and back would copy the id list every time.
            groups[key, default: (WindowFigures(), [])].0.add(s)
            groups[key, default: (WindowFigures(), [])].1.append(s.sessionId)
        }
        let layout = RuleRowLayout(by + WindowFigures.allNames + ["period"])
        return groups.map { exactKey, entry in
            let values = exactKey.map { $0.map { RuleValue.string($0.value) } ?? .null } + Self.figureSlots(entry.0) + [.string(phrase)]
            let key = Dictionary(zip(by, exactKey.map { $0?.value }), uniquingKeysWith: { a, _ in a })
            return RuleRow(key: .group(key), sessionIds: entry.1.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) },
                           values: RuleRowValues(layout: layout, slots: values))
        }
    }

    static let periodLayout = RuleRowLayout(
        ["label"] + WindowFigures.allNames + WindowFigures.allNames.map { "previous." + $0 }
            + WindowFigures.allNames.map { "change." + $0 } + FieldCatalog.budget.map(\.name)
            + FieldCatalog.inputAndCoverage.map(\.name) + ["period"])

    func periodRow(_ window: Window) -> RuleRow {
        let current = rollup.figures[window] ?? WindowFigures()
        let previousWindow = calendar.previous(window)
        let previous = rollup.figures[previousWindow] ?? WindowFigures()
        var values = [RuleValue.string(window.label)] + Self.figureSlots(current)
        if rollup.coverage.covers(previousWindow) {
            let change = current.change(from: previous)
            values += Self.figureSlots(previous) + WindowFigures.allNames.map { name in change[name]!.map(RuleValue.number) ?? .null }
        } else {
            // A previous period the history does not cover is no baseline: rules see null.
            values += Array(repeating: RuleValue.null, count: 2 * WindowFigures.allNames.count)
        }
        values += budgetSlots(budgetStatus(at: window)) + inputAndCoverageSlots(window) + [.string(window.phrase)]
        let ids = (rollup.sessions[window] ?? []).map(\.sessionId)
        return RuleRow(key: .period(window.label), sessionIds: ids, values: RuleRowValues(layout: Self.periodLayout, slots: values))
    }

    /// `FieldCatalog.inputAndCoverage`, in order.
    func inputAndCoverageSlots(_ window: Window) -> [RuleValue] {
        let c = input.counters, coverage = rollup.coverage
        let share: RuleValue = c.linesRead == 0 ? .null : .number(Double(c.rejected) / Double(c.linesRead))
        let hours: RuleValue = coverage.lastEventAt.map {
            .number(Double(window.end.microseconds - $0.microseconds) / 3_600_000_000)
        } ?? .null
        return [.count(Int128(c.linesRead)), .count(Int128(c.eventsAccepted)), .count(Int128(c.rejected)), share,
                .count(Int128(c.duplicates)), .count(Int128(c.conflictingDuplicates)), .count(Int128(input.metricRegressions)),
                .bool(coverage.covers(window)), .bool(coverage.covers(calendar.previous(window))), hours]
    }

    /// `FieldCatalog.budget`, in order; nulls without a budget.
    func budgetSlots(_ status: BudgetStatus?) -> [RuleValue] {
        guard let s = status else { return Array(repeating: .null, count: FieldCatalog.budget.count) }
        return [.string(s.budget.unit.rawValue), .number(s.budget.amount), .number(s.spent), .number(s.projected),
                .number(s.projected / s.budget.amount), .number(s.elapsedShare)]
    }

    /// Every figure in `WindowFigures.allNames` order.
    static func figureSlots(_ f: WindowFigures) -> [RuleValue] {
        f.values.map { figure in
            switch figure.value {
            case .count(let n): return .count(n)
            case .money(let m), .amount(let m): return .number(m)
            case .ratio(let r): return r.map(RuleValue.number) ?? .null
            }
        }
    }
}

/// What makes a finding the same one in consecutive periods: its rule and key, except for
/// scope period, whose key is the window's own label: there the rule having fired is enough
/// (ANALYTICS.md section 5), so a rule firing two weeks running is persisting, not new and
/// resolved at once.
private struct FindingIdentity: Hashable {
    var ruleId: String
    var key: FindingKey?

    init(_ f: Finding) {
        ruleId = f.ruleId
        if case .period = f.key { key = nil } else { key = f.key }
    }
}
