/// A session's cumulative counters, or a difference of two such readings.
///
/// Money is kept as whole nano-dollars so that sums are exact and independent of the
/// order sessions are added in (the `--input` and `--db` paths visit sessions in
/// different orders and must give the same bytes). Every field is 128-bit: one event's
/// counter fits 64 bits, but a sum over sessions may not, and must never wrap.
public struct Usage: Equatable, Sendable {
    public var tokenInput: Int128 = 0
    public var tokenOutput: Int128 = 0
    public var tokenTotal: Int128 = 0
    public var durationSeconds: Int128 = 0
    public var costNanos: Int128 = 0
    // The 1.x counters (ANALYTICS.md section 7): cache tokens, and credits and premium
    // requests kept like money, in billionths, so sums are exact too.
    public var tokenCacheRead: Int128 = 0
    public var tokenCacheWrite: Int128 = 0
    public var aiCreditsNanos: Int128 = 0
    public var premiumRequestsNanos: Int128 = 0

    public init() {}

    /// Any token counter moved: the session "used tokens" in section 7's sense.
    public var usedTokens: Bool {
        tokenTotal > 0 || tokenInput > 0 || tokenOutput > 0 || tokenCacheRead > 0 || tokenCacheWrite > 0
    }

    /// Through Int64 when it fits: the generic 128-bit conversion is slow.
    public var estimatedCostUsd: Double { Self.dollars(costNanos) }

    /// Billionths as a number of units (dollars, credits).
    public static func dollars(_ nanos: Int128) -> Double {
        (Int64(exactly: nanos).map(Double.init) ?? Double(nanos)) / 1e9
    }

    /// Nano-dollars of a cost (finite, >= 0); amounts beyond 10^29 dollars, which no
    /// event can mean, are held at that bound.
    static func nanos(_ usd: Double) -> Int128 {
        let scaled = (usd * 1e9).rounded()
        return scaled < 1e38 ? Int128(scaled) : Int128(1e38)
    }

    /// Raises each counter to the event's value where that is higher; returns how many of
    /// the event's values were lower than the running maximum (metric regressions).
    mutating func absorbMaximum(of m: Metrics) -> Int {
        var regressions = 0
        func raise(_ current: inout Int128, _ value: Int64?) {
            if let value { Self.raise(&current, Int128(value), &regressions) }
        }
        raise(&tokenInput, m.tokenInput)
        raise(&tokenOutput, m.tokenOutput)
        raise(&tokenTotal, m.tokenTotal)
        raise(&durationSeconds, m.durationSeconds)
        absorbCost(m.estimatedCostUsd, regressions: &regressions)
        raise(&tokenCacheRead, m.tokenCacheRead)
        raise(&tokenCacheWrite, m.tokenCacheWrite)
        if let credits = m.aiCredits { Self.absorbAmount(credits, into: &aiCreditsNanos, regressions: &regressions) }
        if let premium = m.premiumRequests { Self.absorbAmount(premium, into: &premiumRequestsNanos, regressions: &regressions) }
        return regressions
    }

    /// Raises a counter to `value` when higher; a lower value is a regression.
    @inline(__always)
    static func raise(_ current: inout Int128, _ value: Int128, _ regressions: inout Int) {
        if value < current { regressions += 1 } else { current = value }
    }

    /// Credits and premium requests are compared as kept, in billionths, like costs.
    static func absorbAmount(_ value: Double, into current: inout Int128, regressions: inout Int) {
        let n = nanos(value)
        if n < current { regressions += 1 } else { current = n }
    }

    /// Costs are compared as kept, in nano-dollars (ANALYTICS.md section 3): 0.3 after
    /// 0.30000000000000004 is no regression.
    mutating func absorbCost(_ usd: Double?, regressions: inout Int) {
        guard let usd else { return }
        let nanos = Usage.nanos(usd)
        if nanos < costNanos { regressions += 1 } else { costNanos = nanos }
    }

    static func - (a: Usage, b: Usage) -> Usage {
        var d = Usage()
        d.tokenInput = a.tokenInput - b.tokenInput
        d.tokenOutput = a.tokenOutput - b.tokenOutput
        d.tokenTotal = a.tokenTotal - b.tokenTotal
        d.durationSeconds = a.durationSeconds - b.durationSeconds
        d.costNanos = a.costNanos - b.costNanos
        d.tokenCacheRead = a.tokenCacheRead - b.tokenCacheRead
        d.tokenCacheWrite = a.tokenCacheWrite - b.tokenCacheWrite
        d.aiCreditsNanos = a.aiCreditsNanos - b.aiCreditsNanos
        d.premiumRequestsNanos = a.premiumRequestsNanos - b.premiumRequestsNanos
        return d
    }

    static func += (a: inout Usage, b: Usage) {
        a.tokenInput &+= b.tokenInput
        a.tokenOutput &+= b.tokenOutput
        a.tokenTotal &+= b.tokenTotal
        a.durationSeconds &+= b.durationSeconds
        a.costNanos &+= b.costNanos
        a.tokenCacheRead &+= b.tokenCacheRead
        a.tokenCacheWrite &+= b.tokenCacheWrite
        a.aiCreditsNanos &+= b.aiCreditsNanos
        a.premiumRequestsNanos &+= b.premiumRequestsNanos
    }
}
