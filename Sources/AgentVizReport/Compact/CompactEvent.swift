/// One accepted event in 96 bytes with no references: what a report keeps
/// per event. Text fields are numbers in a string table (`none` for absent); counters are
/// -1 when absent (the contract's counters are all >= 0).
struct CompactEvent {
    static let none: Int32 = -1

    var capturedMicros: Int64
    /// `updatedAt`, or `capturedAt` when absent (microseconds): only the timeline order reads it.
    var orderAt: Int64
    /// The eventId's number in the id table (byte order breaks timeline ties).
    var id: Int32
    var session: Int32
    var repository: Int32
    var branch: Int32
    var title: Int32
    /// `session.model` (1.x).
    var model: Int32 = CompactEvent.none
    var statusCode: UInt8
    var sourceTypeCode: UInt8
    var actionCode: UInt8
    /// Its 1.x cost counters' index in the history's (or chunk's) `costCounters`, `none`
    /// when it has none: most events of a 1.0 history, which then pay nothing for them
    /// (this field sits in what was padding).
    var costCounters: Int32 = CompactEvent.none
    /// 0 when absent (a prNumber is >= 1).
    var pr: Int64
    var durationSeconds: Int64
    var tokenInput: Int64
    var tokenOutput: Int64
    var tokenTotal: Int64
    /// The event's `estimatedCostUsd`; -1 when absent.
    var cost: Double
}

/// The 1.x cost counters of one event (ANALYTICS.md section 7); -1 when absent. Kept beside
/// the compact events, not in them: few events carry them.
struct CostCounters {
    var tokenCacheRead: Int64 = -1
    var tokenCacheWrite: Int64 = -1
    var aiCredits: Double = -1
    var premiumRequests: Double = -1

    /// From decoded metrics; nil when none of the four is present.
    init?(_ m: Metrics) {
        guard m.hasVersion11Fields else { return nil }
        tokenCacheRead = m.tokenCacheRead ?? -1
        tokenCacheWrite = m.tokenCacheWrite ?? -1
        aiCredits = m.aiCredits ?? -1
        premiumRequests = m.premiumRequests ?? -1
    }

    init(tokenCacheRead: Int64?, tokenCacheWrite: Int64?, aiCredits: Double?, premiumRequests: Double?) {
        self.tokenCacheRead = tokenCacheRead ?? -1
        self.tokenCacheWrite = tokenCacheWrite ?? -1
        self.aiCredits = aiCredits ?? -1
        self.premiumRequests = premiumRequests ?? -1
    }

    var isEmpty: Bool { tokenCacheRead < 0 && tokenCacheWrite < 0 && aiCredits < 0 && premiumRequests < 0 }

    func absorb(into usage: inout Usage, regressions: inout Int) {
        if tokenCacheRead >= 0 { Usage.raise(&usage.tokenCacheRead, Int128(tokenCacheRead), &regressions) }
        if tokenCacheWrite >= 0 { Usage.raise(&usage.tokenCacheWrite, Int128(tokenCacheWrite), &regressions) }
        if aiCredits >= 0 { Usage.absorbAmount(aiCredits, into: &usage.aiCreditsNanos, regressions: &regressions) }
        if premiumRequests >= 0 { Usage.absorbAmount(premiumRequests, into: &usage.premiumRequestsNanos, regressions: &regressions) }
    }
}

/// How compact records store an enumeration: the case's position in `allCases`.
extension CaseIterable where Self: Equatable, AllCases == [Self] {
    var compactCode: UInt8 { UInt8(Self.allCases.firstIndex(of: self)!) }
    init(compactCode: UInt8) { self = Self.allCases[Int(compactCode)] }
}

extension CompactEvent: TimelineEvent {
    var capturedAt: Timestamp { Timestamp(microseconds: capturedMicros) }
    var status: SessionStatus { SessionStatus(compactCode: statusCode) }
    var sourceType: SourceType { SourceType(compactCode: sourceTypeCode) }
    var operatorAction: OperatorAction { OperatorAction(compactCode: actionCode) }
    var prNumber: Int64? { pr == 0 ? nil : pr }
    var hasCost: Bool { cost >= 0 }

    /// The counters every event may carry (the 1.x ones are `CompactText.absorb`'s).
    func absorbCore(into usage: inout Usage) -> Int {
        var regressions = 0
        if tokenInput >= 0 { Usage.raise(&usage.tokenInput, Int128(tokenInput), &regressions) }
        if tokenOutput >= 0 { Usage.raise(&usage.tokenOutput, Int128(tokenOutput), &regressions) }
        if tokenTotal >= 0 { Usage.raise(&usage.tokenTotal, Int128(tokenTotal), &regressions) }
        if durationSeconds >= 0 { Usage.raise(&usage.durationSeconds, Int128(durationSeconds), &regressions) }
        if cost >= 0 { usage.absorbCost(cost, regressions: &regressions) }
        return regressions
    }
}

/// What compact events keep outside themselves: one table of strings for the whole input,
/// and the 1.x cost counters of the events that carry them.
struct CompactText: TimelineText {
    let strings: [String]
    var costCounters: [CostCounters] = []

    func costCounters(_ e: CompactEvent) -> CostCounters? { e.costCounters < 0 ? nil : costCounters[Int(e.costCounters)] }

    func absorb(_ e: CompactEvent, into usage: inout Usage) -> Int {
        var regressions = e.absorbCore(into: &usage)
        if e.costCounters >= 0 { costCounters[Int(e.costCounters)].absorb(into: &usage, regressions: &regressions) }
        return regressions
    }

    func hasCredits(_ e: CompactEvent) -> Bool { (costCounters(e)?.aiCredits ?? -1) >= 0 }

    @inline(__always) private func text(_ i: Int32) -> String? { i < 0 ? nil : strings[Int(i)] }
    func sessionId(_ e: CompactEvent) -> String { strings[Int(e.session)] }
    func repository(_ e: CompactEvent) -> String? { text(e.repository) }
    func branch(_ e: CompactEvent) -> String? { text(e.branch) }
    func title(_ e: CompactEvent) -> String? { text(e.title) }
    func model(_ e: CompactEvent) -> String? { text(e.model) }
    func hasModel(_ e: CompactEvent) -> Bool { e.model >= 0 }
}
