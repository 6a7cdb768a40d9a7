/// What a session timeline reads from an event. `Event` and the compact records of the
/// fast `--input` path both provide it, so one timeline implementation serves both.
protocol TimelineEvent {
    var capturedAt: Timestamp { get }
    var status: SessionStatus { get }
    var sourceType: SourceType { get }
    var operatorAction: OperatorAction { get }
    var prNumber: Int64? { get }
    var hasCost: Bool { get }
    /// Raises `usage` to this event's counters; returns how many were lower (regressions).
    func absorb(into usage: inout Usage) -> Int
}

/// Resolves an event's text fields (compact records keep numbers, not strings).
protocol TimelineText<Event> {
    associatedtype Event: TimelineEvent
    func sessionId(_ e: Event) -> String
    func repository(_ e: Event) -> String?
    func branch(_ e: Event) -> String?
    func title(_ e: Event) -> String?
}

extension Event: TimelineEvent {
    var hasCost: Bool { metrics.estimatedCostUsd != nil }
    func absorb(into usage: inout Usage) -> Int { usage.absorbMaximum(of: metrics) }
}

/// `Event` carries its text itself.
struct EventText: TimelineText {
    func sessionId(_ e: Event) -> String { e.sessionId }
    func repository(_ e: Event) -> String? { e.repository }
    func branch(_ e: Event) -> String? { e.branch }
    func title(_ e: Event) -> String? { e.title }
}
