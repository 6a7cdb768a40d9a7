/// What ingesting has seen, per run or cumulated across runs by the store.
///
/// Every non-blank line read is accepted or rejected (ANALYTICS.md section 1); an accepted
/// line is a new event or a duplicate of a kept one, so
/// `linesRead == eventsAccepted + duplicates + rejected`.
public struct IngestCounters: Equatable, Sendable {
    /// Non-blank lines read.
    public var linesRead: Int
    /// Accepted lines kept as new events.
    public var eventsAccepted: Int
    /// Accepted lines whose `eventId` was already kept (section 2), so not kept again.
    public var duplicates: Int
    /// The duplicates whose content differs from the kept event (a subset of `duplicates`).
    public var conflictingDuplicates: Int
    /// Rejected lines by reason. Reasons never seen have no entry (not a 0 entry).
    public var rejectedByReason: [RejectReason: Int]
    /// Values replaced by the secret redactor.
    public var redactions: Int

    public init(
        linesRead: Int = 0, eventsAccepted: Int = 0, duplicates: Int = 0, conflictingDuplicates: Int = 0,
        rejectedByReason: [RejectReason: Int] = [:], redactions: Int = 0
    ) {
        self.linesRead = linesRead
        self.eventsAccepted = eventsAccepted
        self.duplicates = duplicates
        self.conflictingDuplicates = conflictingDuplicates
        self.rejectedByReason = rejectedByReason
        self.redactions = redactions
    }

    /// All rejected lines, whatever the reason.
    public var rejected: Int { rejectedByReason.values.reduce(0, +) }

    public static func + (a: Self, b: Self) -> Self {
        var sum = a
        sum += b
        return sum
    }

    public static func += (a: inout Self, b: Self) {
        a.linesRead += b.linesRead
        a.eventsAccepted += b.eventsAccepted
        a.duplicates += b.duplicates
        a.conflictingDuplicates += b.conflictingDuplicates
        a.rejectedByReason.merge(b.rejectedByReason, uniquingKeysWith: +)
        a.redactions += b.redactions
    }
}
