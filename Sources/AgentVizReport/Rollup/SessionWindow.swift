/// One session seen through one window: its fields as of the window's end and its
/// figures inside the window (ANALYTICS.md sections 3-5, scope `session`).
public struct SessionWindow: Equatable, Sendable {
    public var sessionId: String
    public var status: SessionStatus
    public var sourceType: SourceType
    public var repository: String?
    public var branch: String?
    public var title: String?
    public var prNumber: Int64?
    /// The session's first event ever lies in the window.
    public var started: Bool
    public var failures: Int
    public var completions: Int
    public var events: Int
    public var resumes: Int
    public var usage: Usage
    /// Some event captured before the window's end carried `estimatedCostUsd`.
    public var hasCostData: Bool
    /// The last event captured before the window's end.
    public var lastEventAt: Timestamp
    /// Hours from `lastEventAt` to the window's end.
    public var idleHours: Double
    /// `session.model` as of the window's end.
    public var model: String? = nil
    /// Where `usage.costNanos` (the session's cost in the window) comes from (section 7).
    public var costSource: CostSource = .none
    /// Why the cost is unpriced, when it is.
    public var unpricedBecause: PriceTable.Miss? = nil
    /// Its `aiCredits` usage where reported, else its cost x 100, in billionths of a credit.
    public var aiCreditsNanos: Int128 = 0
    /// Its token usage at its model's price, whatever the cost source (nil: no price): what
    /// a rule compares a reported cost with.
    public var pricedNanos: Int128? = nil
    /// The input price of its model in force at its last event in the window (nano-dollars
    /// per million tokens), nil without one.
    public var modelInputPriceNanos: Int128? = nil

    /// Reported a cost usage of 0 while using tokens (`zeroCostSessions`).
    public var zeroCost: Bool { costSource == .reported && usage.costNanos == 0 && usage.usedTokens }

    public var costReportedNanos: Int128 { costSource == .reported ? usage.costNanos : 0 }
    public var costComputedNanos: Int128 { costSource == .computed ? usage.costNanos : 0 }

    public var failed: Bool { failures > 0 }
    public var completed: Bool { completions > 0 }
}

/// Where a session's cost in a window comes from (ANALYTICS.md section 7), in that order.
public enum CostSource: String, Sendable, CaseIterable {
    /// Some event of the session carries `estimatedCostUsd`: its usage of it.
    case reported
    /// None does: its token usage at its model's price in the table.
    case computed
    /// Neither, while it used tokens: no cost, counted in `unpricedSessions`.
    case unpriced
    /// Neither, and no tokens used: nothing to price.
    case none
}
