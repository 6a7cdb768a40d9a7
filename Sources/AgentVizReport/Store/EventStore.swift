import CSQLite

/// What one `EventStore.insert` did with its batch.
public struct InsertOutcome: Equatable, Sendable {
    public var inserted: Int
    /// Events whose `eventId` was already stored, or came earlier in the same batch.
    public var duplicates: Int
    /// The duplicates whose content differs from the kept event (a subset of `duplicates`).
    public var conflictingDuplicates: Int

    public init(inserted: Int = 0, duplicates: Int = 0, conflictingDuplicates: Int = 0) {
        self.inserted = inserted
        self.duplicates = duplicates
        self.conflictingDuplicates = conflictingDuplicates
    }
}

/// The event history in SQLite, and the only place with SQL.
///
/// Rows are appended in insertion order; duplicates are found through an index on `key`, a
/// 64-bit hash of the `eventId` (an integer index is a fraction of the size of a text one, so
/// far fewer pages to rewrite per batch). The key is not unique: every row under a key has its
/// `eventId` compared byte for byte, so two ids with one hash are two events.
///
/// One instance per thread; several instances and processes may share a file (writes take
/// the lock up front and wait up to 30 s for each other).
public final class EventStore {
    let db: Database
    let keyHash: (String) -> UInt64
    private let insertEvent: Statement
    private let lookupKey: Statement
    private var rowText = RowText()

    /// Opens (creating it and its directory) the store at `path`, or an in-memory one for
    /// `":memory:"`, and brings its schema up to date.
    public convenience init(path: String) throws {
        try self.init(path: path, keyHash: FNV1a64.hash)
    }

    /// `keyHash` is persisted in the `key` column: a store must always be opened with the same
    /// one (changing it needs a migration). Tests inject a weak one to force collisions.
    init(path: String, keyHash: @escaping (String) -> UInt64) throws {
        db = try Database(path: path)
        try Migrations.migrate(db)
        self.keyHash = keyHash
        insertEvent = try db.prepare(EventRow.insertSQL)
        lookupKey = try db.prepare("SELECT event_id, fingerprint FROM event WHERE key = ?")
    }

    /// Inserts in ONE `BEGIN IMMEDIATE` transaction. An eventId already stored (or earlier in
    /// the same batch) is a duplicate and is not inserted; it is also a conflicting duplicate
    /// when its fingerprint differs from the stored one.
    ///
    /// Prefer large batches (100k events or more): each batch is a commit, and rewrites every
    /// page of the key index it touches.
    public func insert(_ events: [Event]) throws -> InsertOutcome {
        guard !events.isEmpty else { return InsertOutcome() }
        // Ascending keys walk the key index in order, touching each page once; the input index
        // breaks ties so the first of two same-id events in a batch is the one kept.
        var order: [(key: Int64, index: Int)] = []
        order.reserveCapacity(events.count)
        for index in events.indices {
            order.append((Int64(bitPattern: keyHash(events[index].eventId)), index))
        }
        order.sort { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
        return try events.withUnsafeBufferPointer { events in
            try db.transaction {
                var outcome = InsertOutcome()
                for (key, index) in order {
                    try insert(events[index], key: key, into: &outcome)
                }
                return outcome
            }
        }
    }

    /// Stores `event` unless its id is already stored (or was earlier in this transaction).
    private func insert(_ event: Event, key: Int64, into outcome: inout InsertOutcome) throws {
        let fingerprint = Int64(bitPattern: event.contentFingerprint)
        if let stored = try storedFingerprint(key: key, eventId: event.eventId) {
            outcome.duplicates += 1
            if stored != fingerprint { outcome.conflictingDuplicates += 1 }
            return
        }
        try EventRow.withBound(event, fingerprint: fingerprint, to: insertEvent, text: &rowText) {
            try insertEvent.bind(key, at: 1)
            try insertEvent.step()
            insertEvent.reset()
        }
        outcome.inserted += 1
    }

    /// The fingerprint of the stored event with exactly (byte for byte) this id, if any. Rows
    /// with the same key but another id are true hash collisions and are skipped.
    private func storedFingerprint(key: Int64, eventId: String) throws -> Int64? {
        try lookupKey.bind(key, at: 1)
        defer { lookupKey.reset() }
        while try lookupKey.step() {
            if lookupKey.text(at: 0, equalsBytesOf: eventId) { return lookupKey.int64(at: 1) }
        }
        return nil
    }

    /// Every stored event, in timeline order: sessionId, capturedAt, updatedAt ?? capturedAt,
    /// eventId (byte order). Streamed to the callback so callers need not hold them all.
    public func forEachEvent(_ body: (Event) throws -> Void) throws {
        let query = try db.prepare(EventRow.selectInTimelineOrderSQL)
        while try query.step() {
            try body(try EventRow.decode(query))
        }
    }

    public func eventCount() throws -> Int {
        let query = try db.prepare("SELECT count(*) FROM event")
        try query.step()
        return Int(query.int64(at: 0))
    }
}
