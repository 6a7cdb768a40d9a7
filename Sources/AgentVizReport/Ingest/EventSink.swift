/// Where accepted events go, batch by batch. The sink decides what is a duplicate, because
/// only it knows what it already holds (a store remembers earlier runs).
public protocol EventSink {
    mutating func accept(_ batch: [Event]) throws -> InsertOutcome
}

/// Keeps the first event per `eventId` in memory, grouped by session as they arrive (the
/// roll-up wants sessions, and grouping here moves each event once instead of copying it).
/// The `--input` path of the reports.
public struct MemoryEventSink: EventSink {
    public private(set) var sessions: [ExactString: [Event]] = [:]
    private var fingerprints = EventIdTable()

    public init() {}

    /// Every kept event, session by session (tests and small inputs).
    public var events: [Event] { sessions.values.flatMap { $0 } }

    public mutating func accept(_ batch: [Event]) throws -> InsertOutcome {
        var outcome = InsertOutcome()
        for event in batch {
            let fingerprint = event.contentFingerprint
            if let kept = fingerprints.insert(event.eventId, fingerprint: fingerprint) {
                outcome.duplicates += 1
                if kept != fingerprint { outcome.conflictingDuplicates += 1 }
            } else {
                sessions[ExactString(event.sessionId), default: []].append(event)
                outcome.inserted += 1
            }
        }
        return outcome
    }
}

/// Writes into the SQLite store, one transaction per batch.
public struct StoreEventSink: EventSink {
    public let store: EventStore

    public init(store: EventStore) { self.store = store }

    public mutating func accept(_ batch: [Event]) throws -> InsertOutcome {
        try store.insert(batch)
    }
}
