/// One event of a session's timeline as `session ID` shows it (ANALYTICS.md section 3):
/// what the snapshot says, and what it means in timeline order.
public struct SessionSnapshot: Equatable, Sendable {
    /// The metric counters a snapshot may carry, in the order they are shown.
    public static let counterNames = [
        "tokenInput", "tokenOutput", "tokenTotal", "tokenCacheRead", "tokenCacheWrite",
        "estimatedCostUsd", "durationSeconds", "aiCredits", "premiumRequests",
    ]

    public var capturedAt: Timestamp
    public var status: SessionStatus
    public var sourceType: SourceType
    public var operatorAction: OperatorAction
    public var model: String?
    /// The event's own counter values in `counterNames` order; nil where it carries none.
    public var counters: [FigureValue?]
    /// Its status turns `failed` (`completed`): a failure (completion) happens here.
    public var failure: Bool
    public var completion: Bool
    /// The counters whose value is lower than an earlier one (metric regressions, compared
    /// as kept: costs and credits in billionths).
    public var regressed: [String]
}

extension SessionTimeline where Text == CompactText {
    /// Every event in timeline order, with its transitions and regressions marked.
    func snapshots() -> [SessionSnapshot] {
        var before = Usage()  // the maxima over the events before this one
        return events.indices.map { i in
            let e = events[i]
            defer { _ = text.absorb(e, into: &before) }
            let c = text.costCounters(e) ?? CostCounters(tokenCacheRead: nil, tokenCacheWrite: nil, aiCredits: nil, premiumRequests: nil)
            // Absent counters are -1 in compact records.
            func count(_ v: Int64) -> Int128? { v >= 0 ? Int128(v) : nil }
            func billionths(_ v: Double) -> Int128? { v >= 0 ? Usage.nanos(v) : nil }
            let values: [(value: Int128?, earlier: Int128, kind: (Int128) -> FigureValue)] = [
                (count(e.tokenInput), before.tokenInput, { .count($0) }),
                (count(e.tokenOutput), before.tokenOutput, { .count($0) }),
                (count(e.tokenTotal), before.tokenTotal, { .count($0) }),
                (count(c.tokenCacheRead), before.tokenCacheRead, { .count($0) }),
                (count(c.tokenCacheWrite), before.tokenCacheWrite, { .count($0) }),
                (billionths(e.cost), before.costNanos, { .money(Usage.dollars($0)) }),
                (count(e.durationSeconds), before.durationSeconds, { .count($0) }),
                (billionths(c.aiCredits), before.aiCreditsNanos, { .amount(Usage.dollars($0)) }),
                (billionths(c.premiumRequests), before.premiumRequestsNanos, { .amount(Usage.dollars($0)) }),
            ]
            return SessionSnapshot(
                capturedAt: e.capturedAt, status: e.status, sourceType: e.sourceType, operatorAction: e.operatorAction,
                model: text.model(e), counters: values.map { v in v.value.map(v.kind) },
                failure: isFailure[i], completion: isCompletion[i],
                regressed: zip(SessionSnapshot.counterNames, values).compactMap { name, v in
                    guard let value = v.value, value < v.earlier else { return nil }
                    return name
                })
        }
    }
}
