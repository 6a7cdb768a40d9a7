/// One accepted event in 136 bytes with no references: what a report keeps
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
    /// 0 when absent (a prNumber is >= 1).
    var pr: Int64
    var durationSeconds: Int64
    var tokenInput: Int64
    var tokenOutput: Int64
    var tokenTotal: Int64
    /// The event's `estimatedCostUsd`; -1 when absent.
    var cost: Double
    // The 1.x cost counters (ANALYTICS.md section 7); -1 when absent.
    var tokenCacheRead: Int64 = -1
    var tokenCacheWrite: Int64 = -1
    var aiCredits: Double = -1
    var premiumRequests: Double = -1
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
    var hasCredits: Bool { aiCredits >= 0 }

    func absorb(into usage: inout Usage) -> Int {
        var regressions = 0
        @inline(__always) func raise(_ current: inout Int128, _ value: Int128) {
            guard value >= 0 else { return }
            if value < current { regressions += 1 } else { current = value }
        }
        raise(&usage.tokenInput, Int128(tokenInput))
        raise(&usage.tokenOutput, Int128(tokenOutput))
        raise(&usage.tokenTotal, Int128(tokenTotal))
        raise(&usage.durationSeconds, Int128(durationSeconds))
        if cost >= 0 { usage.absorbCost(cost, regressions: &regressions) }
        if tokenCacheRead >= 0 || tokenCacheWrite >= 0 || aiCredits >= 0 || premiumRequests >= 0 {
            raise(&usage.tokenCacheRead, Int128(tokenCacheRead))
            raise(&usage.tokenCacheWrite, Int128(tokenCacheWrite))
            if aiCredits >= 0 { Usage.absorbAmount(aiCredits, into: &usage.aiCreditsNanos, regressions: &regressions) }
            if premiumRequests >= 0 { Usage.absorbAmount(premiumRequests, into: &usage.premiumRequestsNanos, regressions: &regressions) }
        }
        return regressions
    }
}

/// The text of compact events: one table of strings for the whole input.
struct CompactText: TimelineText {
    let strings: [String]

    @inline(__always) private func text(_ i: Int32) -> String? { i < 0 ? nil : strings[Int(i)] }
    func sessionId(_ e: CompactEvent) -> String { strings[Int(e.session)] }
    func repository(_ e: CompactEvent) -> String? { text(e.repository) }
    func branch(_ e: CompactEvent) -> String? { text(e.branch) }
    func title(_ e: CompactEvent) -> String? { text(e.title) }
    func model(_ e: CompactEvent) -> String? { text(e.model) }
    func hasModel(_ e: CompactEvent) -> Bool { e.model >= 0 }
}
