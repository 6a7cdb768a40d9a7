/// What a session timeline reads from an event (the compact records; the tests' plain
/// oracle provides it too, so both run through one timeline implementation).
protocol TimelineEvent {
    var capturedAt: Timestamp { get }
    var status: SessionStatus { get }
    var sourceType: SourceType { get }
    var operatorAction: OperatorAction { get }
    var prNumber: Int64? { get }
    var hasCost: Bool { get }
}

/// Resolves an event's text fields (compact records keep numbers, not strings).
protocol TimelineText<Event> {
    associatedtype Event: TimelineEvent
    func sessionId(_ e: Event) -> String
    func repository(_ e: Event) -> String?
    func branch(_ e: Event) -> String?
    func title(_ e: Event) -> String?
    func model(_ e: Event) -> String?
    /// `model(e) != nil`, without making the String.
    func hasModel(_ e: Event) -> Bool
    /// Raises `usage` to the event's counters; returns how many were lower (regressions).
    func absorb(_ e: Event, into usage: inout Usage) -> Int
    /// The event carries `metrics.aiCredits`.
    func hasCredits(_ e: Event) -> Bool
}

extension TimelineText {
    func hasModel(_ e: Event) -> Bool { model(e) != nil }
}
