/// A monthly budget in US dollars or AI credits (`--budget 500usd`, `--budget 40000credits`).
/// Allowances reset at 00:00 UTC on the 1st, whatever zone the report's windows are in.
public struct Budget: Sendable, Equatable {
    public enum Unit: String, Sendable, CaseIterable {
        case usd, credits
    }

    /// In billionths of the unit, like every amount (exact sums and comparisons).
    public var amountNanos: Int128
    public var unit: Unit

    public init(amountNanos: Int128, unit: Unit) {
        self.amountNanos = amountNanos
        self.unit = unit
    }

    public var amount: Double { Usage.dollars(amountNanos) }

    /// `500usd`, `500 USD`, `$500`, `1234.50usd`, `40000credits`, `40000 credits`.
    public static func parse(_ text: String) throws(JobError) -> Budget {
        var t = text.trimmingWhitespace.lowercased()
        var unit: Unit?
        if t.hasPrefix("$") { t.removeFirst(); unit = .usd }
        for u in Unit.allCases where t.hasSuffix(u.rawValue) {
            t.removeLast(u.rawValue.count)
            unit = u
        }
        if t.hasSuffix("credit") { t.removeLast(6); unit = .credits }
        t = t.trimmingWhitespace.replacingAll(",", with: "")
        guard let unit, let nanos = PriceTableLoader.decimalNanos(t), nanos > 0 else {
            throw .usage("--budget '\(text)' is not a budget: give an amount and a unit, for example 500usd or 40000credits")
        }
        return Budget(amountNanos: nanos, unit: unit)
    }

    /// The month a report is judged in: the UTC month of its last instant (a week ending
    /// at 1 December 00:00 is judged in November, when its whole month has passed).
    static func month(endingAt end: Timestamp) -> Window {
        let last = Timestamp(microseconds: end.microseconds - 1)
        // A month label of a valid instant always parses.
        return try! WindowCalendar(timeZone: "UTC").month(String(RFC3339.format(last).prefix(7)))
    }

    /// The month-to-date window of a report window: from the month's start to the window's
    /// end (never past the month's end).
    static func monthToDate(for window: Window) -> Window {
        let month = month(endingAt: window.end)
        let end = min(window.end, month.end)
        return Window(kind: .custom, label: "\(month.label) to \(RFC3339.format(end))", start: month.start, end: end)
    }
}

/// Where spending stands against a budget at the end of a report window: spent so far in
/// the month, the projection to the month's end at the pace so far, and when it runs out.
public struct BudgetStatus: Sendable, Equatable {
    public var budget: Budget
    public var month: Window
    /// The month to date: `[month.start, asOf)`.
    public var asOf: Timestamp
    public var spentNanos: Int128
    /// Spent / elapsed x month length (equal to `spentNanos` once the month is over).
    public var projectedNanos: Int128
    /// The instant the budget is used up at the pace so far: nil when the projection stays
    /// within it; `month.start`-bounded and never later than the month's end.
    public var runsOutAt: Timestamp?

    public var spent: Double { Usage.dollars(spentNanos) }
    public var projected: Double { Usage.dollars(projectedNanos) }
    public var remaining: Double { Usage.dollars(budget.amountNanos - spentNanos) }
    public var alreadyExceeded: Bool { spentNanos > budget.amountNanos }
    public var projectedToExceed: Bool { projectedNanos > budget.amountNanos }
    /// Share of the month elapsed at `asOf`.
    public var elapsedShare: Double {
        Double(asOf.microseconds - month.start.microseconds) / Double(month.end.microseconds - month.start.microseconds)
    }

    static func of(_ budget: Budget, monthToDate: Window, figures: WindowFigures) -> BudgetStatus {
        let month = Budget.month(endingAt: monthToDate.end)
        let spent = budget.unit == .usd ? figures.usage.costNanos : figures.aiCreditsNanos
        let elapsed = Int128(monthToDate.end.microseconds - month.start.microseconds)
        let length = Int128(month.end.microseconds - month.start.microseconds)
        let projected = elapsed > 0 ? spent * length / elapsed : 0
        var runsOut: Timestamp?
        if projected > budget.amountNanos && spent > 0 {
            // At a constant pace the budget is used up after budget / spent of the elapsed time.
            let after = budget.amountNanos * elapsed / spent
            runsOut = Timestamp(microseconds: month.start.microseconds + Int64(after))
        }
        return BudgetStatus(budget: budget, month: month, asOf: monthToDate.end, spentNanos: spent,
                            projectedNanos: projected, runsOutAt: runsOut)
    }
}

private extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }

    func replacingAll(_ target: Character, with replacement: String) -> String {
        String(flatMap { $0 == target ? Array(replacement) : [$0] })
    }
}
