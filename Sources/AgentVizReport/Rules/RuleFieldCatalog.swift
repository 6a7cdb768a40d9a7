/// How a field's value is written for people (templates, observed lines, docs).
public enum RuleFieldFormat: Sendable {
    /// Integers with thousands separators, other numbers with 2 decimals.
    case number
    /// US dollars: `$1,234.56`.
    case money
    /// A decimal quantity (AI credits, premium requests): 2 decimals.
    case amount
    /// A ratio written as a percentage: `0.125` is `12.5%`.
    case ratio
    /// An identifier number written as is (`prNumber`).
    case identifier
    /// Strings and booleans, written as is.
    case plain
}

/// One field a rule can read: the single table that type checking, formatting and the
/// generated field reference all use.
public struct RuleField: Sendable, Equatable {
    public let name: String
    public let type: FieldType
    public let format: RuleFieldFormat
    /// How an observed line names the field: "tokens" in "812,400 tokens >= 1,000,000".
    public let noun: String
    public let summary: String

    init(_ name: String, _ type: FieldType, _ format: RuleFieldFormat, _ noun: String, _ summary: String) {
        self.name = name
        self.type = type
        self.format = format
        self.noun = noun
        self.summary = summary
    }
}

public enum FieldCatalog {
    /// The window figures of ANALYTICS.md section 4 plus the extra group/period figures.
    public static let figures: [RuleField] = [
        .init("activeSessions", .number, .number, "active sessions", "Sessions with at least one event in the window."),
        .init("startedSessions", .number, .number, "started sessions", "Sessions whose first event ever is in the window."),
        .init("completedSessions", .number, .number, "completed sessions", "Sessions with at least one completion in the window."),
        .init("failedSessions", .number, .number, "failed sessions", "Sessions with at least one failure in the window."),
        .init("failureRate", .number, .ratio, "failure rate", "failedSessions / (completedSessions + failedSessions); null when both are 0."),
        .init("tokenInput", .number, .number, "input tokens", "Input tokens used in the window (usage at end minus usage at start)."),
        .init("tokenOutput", .number, .number, "output tokens", "Output tokens used in the window."),
        .init("tokenTotal", .number, .number, "tokens", "Tokens used in the window."),
        .init("estimatedCostUsd", .number, .money, "cost", "Cost in US dollars incurred in the window: costReportedUsd + costComputedUsd."),
        .init("durationSeconds", .number, .number, "seconds", "Session running time accrued in the window, in seconds."),
        .init("events", .number, .number, "events", "Accepted, non-duplicate events in the window."),
        .init("costReportedUsd", .number, .money, "reported cost", "Cost of sessions whose events report estimatedCostUsd: their usage of it in the window."),
        .init("costComputedUsd", .number, .money, "computed cost", "Cost of sessions that report none: their token usage at their model's price in the price table."),
        .init("unpricedSessions", .number, .number, "unpriced sessions", "Active sessions that used tokens but report no cost and have no price (no model, or a model the price table lacks): their cost is unknown, not 0."),
        .init("zeroCostSessions", .number, .number, "zero-cost sessions", "Active sessions that reported a cost usage of 0 while using tokens."),
        .init("aiCredits", .number, .amount, "AI credits", "AI credits used in the window: aiCredits usage where reported, otherwise the cost x 100 (1 credit = $0.01)."),
        .init("resumes", .number, .number, "resumes", "Events in the window whose operatorAction is resume_session."),
        .init("sessionsWithoutCost", .number, .number, "sessions without cost", "Active sessions with no cost data in any event before the window end."),
        .init("sessionsWithoutRepository", .number, .number, "sessions without repository", "Active sessions with no repository as of the window end."),
        .init("shareWithoutCost", .number, .ratio, "share without cost", "sessionsWithoutCost / activeSessions; null when there are no active sessions."),
        .init("shareWithoutRepository", .number, .ratio, "share without repository", "sessionsWithoutRepository / activeSessions; null when there are no active sessions."),
        .init("completedWithoutPr", .number, .number, "completed sessions without PR", "Sessions completed in the window whose prNumber as of the end is null."),
        .init("agentTasksCompletedWithoutPr", .number, .number, "agent tasks completed without PR", "Sessions of sourceType agent-task completed in the window whose prNumber as of the end is null."),
        .init("tokenCacheRead", .number, .number, "cache-read tokens", "Cached input tokens read in the window (part of tokenInput)."),
        .init("tokenCacheWrite", .number, .number, "cache-write tokens", "Input tokens written to the cache in the window (part of tokenInput)."),
        .init("premiumRequests", .number, .amount, "premium requests", "Premium requests used in the window (billing before 2026-06-01)."),
    ]

    /// Fields a `group` rule can list in `by:`; each listed one becomes a field of the row.
    public static let byFields: [RuleField] = [
        .init("repository", .string, .plain, "repository", "The session's repository (owner/name) as of the window end, or null."),
        .init("branch", .string, .plain, "branch", "The session's branch as of the window end, or null."),
        .init("sourceType", .string, .plain, "source type", "local-copilot or agent-task, as of the window end."),
        .init("status", .string, .plain, "status", "running, queued, completed, failed or unknown, as of the window end."),
        .init("model", .string, .plain, "model", "The session's model (session.model) as of the window end, or null."),
    ]

    public static let session: [RuleField] = [
        .init("id", .string, .plain, "id", "The session id."),
    ] + byFields + [
        .init("prNumber", .number, .identifier, "PR number", "The session's pull request number as of the window end, or null."),
        .init("tokenInput", .number, .number, "input tokens", "Input tokens the session used in the window."),
        .init("tokenOutput", .number, .number, "output tokens", "Output tokens the session used in the window."),
        .init("tokenTotal", .number, .number, "tokens", "Tokens the session used in the window."),
        .init("estimatedCostUsd", .number, .money, "cost", "Cost in US dollars the session incurred in the window (reported, else computed; 0 when unpriced)."),
        .init("durationSeconds", .number, .number, "seconds", "Running time the session accrued in the window, in seconds."),
        .init("modelInputPrice", .number, .money, "input price", "US dollars per million input tokens of the session's model in the price table at its last event in the window; null without a price."),
        .init("costSource", .string, .plain, "cost source", "Where estimatedCostUsd comes from: reported, computed, unpriced or none (no tokens, no cost)."),
        .init("costReportedUsd", .number, .money, "reported cost", "The session's estimatedCostUsd usage in the window when it reports cost, else 0."),
        .init("costComputedUsd", .number, .money, "computed cost", "The session's token usage at its model's price when it reports no cost, else 0."),
        .init("pricedCostUsd", .number, .money, "priced cost", "Its token usage at its model's price whether or not it reports a cost; null without a price."),
        .init("unpriced", .bool, .plain, "unpriced", "True when the session used tokens but its cost is unknown."),
        .init("zeroCost", .bool, .plain, "zero cost", "True when the session reported a cost usage of 0 while using tokens."),
        .init("aiCredits", .number, .amount, "AI credits", "AI credits the session used in the window (reported, else cost x 100)."),
        .init("tokenCacheRead", .number, .number, "cache-read tokens", "Cached input tokens the session read in the window."),
        .init("tokenCacheWrite", .number, .number, "cache-write tokens", "Input tokens the session wrote to the cache in the window."),
        .init("events", .number, .number, "events", "The session's accepted, non-duplicate events in the window."),
        .init("resumes", .number, .number, "resumes", "The session's events in the window whose operatorAction is resume_session."),
        .init("failed", .bool, .plain, "failed", "True when the session failed in the window."),
        .init("completed", .bool, .plain, "completed", "True when the session completed in the window."),
        .init("started", .bool, .plain, "started", "True when the session's first event ever is in the window."),
        .init("idleHours", .number, .number, "idle hours", "Hours from the session's last event captured before the window end to the window end."),
        .init("failures", .number, .number, "failures", "Failure transitions of the session in the window."),
        .init("completions", .number, .number, "completions", "Completion transitions of the session in the window."),
    ]

    public static let label = RuleField("label", .string, .plain, "period", "The window's label, for example 2026-W47.")

    /// In every scope, for texts: "this week", "this day", "this month" or "this period".
    public static let periodPhrase = RuleField("period", .string, .plain, "period", "The report's period in words: this week, this day, this month, or this period for a custom range (for titles and recommendations).")

    /// The input as a whole (every line read, not only the window's) and how far the
    /// history reaches: what data-problem rules look at (period scope).
    public static let inputAndCoverage: [RuleField] = [
        .init("input.linesRead", .number, .number, "lines read", "Lines read from the input (blank lines excluded); for a store, by every ingest."),
        .init("input.eventsAccepted", .number, .number, "events accepted", "Accepted, distinct events in the input."),
        .init("input.rejected", .number, .number, "rejected lines", "Lines rejected with a reason."),
        .init("input.rejectedShare", .number, .ratio, "share of lines rejected", "input.rejected / input.linesRead; null when no line was read."),
        .init("input.duplicates", .number, .number, "duplicates", "Lines whose eventId was already read."),
        .init("input.conflictingDuplicates", .number, .number, "conflicting duplicates", "Duplicates whose content differs from the kept event."),
        .init("input.metricRegressions", .number, .number, "metric regressions", "Counter values lower than an earlier one of the same session."),
        .init("coverage.periodCovered", .bool, .plain, "period covered", "The history starts at or before the window's start."),
        .init("coverage.previousPeriodCovered", .bool, .plain, "previous period covered", "The history starts at or before the previous period's start."),
        .init("coverage.hoursWithoutData", .number, .number, "hours without data", "Hours from the history's last event to the window's end (negative when the history goes on past it); null when no event was read."),
    ]

    /// Month-to-date spending against `--budget` at the window's end (all null without one);
    /// amounts in the budget's unit.
    public static let budget: [RuleField] = [
        .init("budgetUnit", .string, .plain, "budget unit", "usd or credits: the unit of the budget fields; null without --budget."),
        .init("budgetAmount", .number, .amount, "monthly budget", "The monthly budget (--budget), in its unit; null without one."),
        .init("budgetSpent", .number, .amount, "spent this month", "Spent from the start of the window end's UTC month to the window end: estimatedCostUsd, or aiCredits for a budget in credits."),
        .init("budgetProjected", .number, .amount, "projected month-end", "budgetSpent / elapsed share of the month: the month's spending at the pace so far."),
        .init("budgetProjectedShare", .number, .ratio, "projected share of the budget", "budgetProjected / budgetAmount."),
        .init("budgetElapsedShare", .number, .ratio, "share of the month elapsed", "How much of the month has passed at the window end."),
    ]

    /// `previous.<figure>` (same format) and `change.<figure>` (a ratio) of the period scope.
    public static let previous: [RuleField] = figures.map {
        RuleField("previous." + $0.name, $0.type, $0.format, previousNoun($0),
                  "\($0.name) of the previous period (the window of the same length just before start).")
    }
    public static let change: [RuleField] = figures.map {
        RuleField("change." + $0.name, .number, .ratio, "change in " + $0.noun,
                  "(\($0.name) - previous.\($0.name)) / previous.\($0.name); null when either is null or the previous is 0.")
    }

    /// Every field of a scope, in documentation order. For `group`, `by` names the key
    /// fields (only the listed ones exist); unknown names in it are ignored here.
    public static func fields(scope: RuleScope, by: [String]? = nil) -> [RuleField] {
        switch scope {
        case .session: return session + [periodPhrase]
        case .group: return byFields.filter { (by ?? byFields.map(\.name)).contains($0.name) } + figures + [periodPhrase]
        case .period: return [label] + figures + previous + change + budget + inputAndCoverage + [periodPhrase]
        }
    }

    public static func field(_ name: String, scope: RuleScope, by: [String]? = nil) -> RuleField? {
        if scope == .group, let key = byFields.first(where: { $0.name == name }) {
            return (by ?? []).contains(name) ? key : nil
        }
        return index[scope]?[name]
    }

    /// Looks a name up in any scope, for formatting and suggestions.
    static func anyField(_ name: String) -> RuleField? {
        index[.session]?[name] ?? index[.period]?[name] ?? index[.group]?[name]
    }

    private static let index: [RuleScope: [String: RuleField]] = Dictionary(uniqueKeysWithValues: RuleScope.allCases.map { scope in
        (scope, Dictionary(uniqueKeysWithValues: fields(scope: scope).map { ($0.name, $0) }))
    })

    private static func previousNoun(_ spec: RuleField) -> String {
        switch spec.format {
        case .money, .ratio: return "previous " + spec.noun
        default: return spec.noun + " in the previous period"
        }
    }
}
