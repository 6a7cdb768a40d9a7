/// The order of a session's events (ANALYTICS.md section 3): `capturedAt`, then
/// `updatedAt` (absent: its `capturedAt`), then `eventId` in byte order. Input order never
/// matters.
public enum TimelineOrder {
    public static func precedes(_ a: Event, _ b: Event) -> Bool {
        if a.capturedAt != b.capturedAt { return a.capturedAt < b.capturedAt }
        let ua = a.updatedAt ?? a.capturedAt
        let ub = b.updatedAt ?? b.capturedAt
        if ua != ub { return ua < ub }
        // Swift's String `<` follows Unicode canonical ordering; the spec says bytes.
        return a.eventId.utf8.lexicographicallyPrecedes(b.eventId.utf8)
    }
}
