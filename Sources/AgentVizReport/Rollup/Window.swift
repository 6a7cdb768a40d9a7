/// What a report window covers: an ISO week, a calendar day or month, or a custom range.
public enum PeriodKind: String, Sendable, CaseIterable {
    case day, week, month, custom
}

/// A report window `[start, end)` (ANALYTICS.md section 4).
///
/// `start` and `end` are UTC instants; in a non-UTC zone they are the instants of the
/// local midnights that bound the period, so a day or week containing a daylight-saving
/// change is an hour shorter or longer than usual. Build windows with `WindowCalendar`.
public struct Window: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var kind: PeriodKind
    /// `2026-W47`, `2026-11-20`, `2026-11`, or `SINCE..UNTIL` for a custom range.
    public var label: String
    public var start: Timestamp
    public var end: Timestamp

    public init(kind: PeriodKind, label: String, start: Timestamp, end: Timestamp) {
        self.kind = kind
        self.label = label
        self.start = start
        self.end = end
    }

    /// `start <= t < end`.
    @inlinable
    public func contains(_ t: Timestamp) -> Bool {
        start <= t && t < end
    }

    /// The length of the window in microseconds.
    public var durationMicroseconds: Int64 { end.microseconds - start.microseconds }

    public var description: String { "\(kind.rawValue) \(label) [\(start), \(end))" }
}

extension Window {
    /// The window in words, for rule texts (`{{period}}`) and the report's own sentences:
    /// "this week", "this day", "this month", or "this period" for a custom range.
    public var phrase: String {
        switch kind {
        case .week: "this week"
        case .day: "this day"
        case .month: "this month"
        case .custom: "this period"
        }
    }
}
