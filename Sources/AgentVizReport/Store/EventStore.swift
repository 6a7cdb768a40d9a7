import CSQLite

/// The event history in SQLite (store v2, `StoreSchemaV2`), and the only place with SQL.
///
/// One instance per thread; several instances and processes may share a file: writes take
/// the lock up front (`BEGIN IMMEDIATE`) and wait up to 30 s for each other, and a report
/// reads in one read transaction, so it sees one consistent snapshot (events, sessions and
/// counters from the same committed ingests).
public final class EventStore {
    let db: Database

    /// Opens (creating it and its directory) the store at `path`, or an in-memory one for
    /// `":memory:"`, and brings its schema up to date (a version-1 store is upgraded in place).
    public init(path: String) throws {
        db = try Database(path: path)
        try Migrations.migrate(db)
    }

    public var path: String { db.path }

    public func eventCount() throws -> Int {
        let query = try db.prepare("SELECT count(*) FROM event")
        try query.step()
        return Int(query.int64(at: 0))
    }

    /// The highest event row number: it changes whenever anyone stores an event.
    func lastEventRow() throws -> Int64 {
        let query = try db.prepare("SELECT coalesce(max(id), 0) FROM event")
        try query.step()
        return query.int64(at: 0)
    }

    /// A bulk load into an empty store skips the eventId index (nothing stored to find) and
    /// builds it once at the end, which is several times cheaper than growing it row by row.
    /// Call inside the load's first write transaction.
    func dropIdIndexForBulkLoad() throws {
        try db.execute("DROP INDEX IF EXISTS event_by_id_hash")
    }

    /// Builds the eventId index now (inside a write transaction).
    func buildIdIndex() throws {
        try db.execute(StoreSchemaV2.idHashIndex)
    }

    /// A write transaction held across several calls (ingest's commits of many chunks):
    /// `BEGIN IMMEDIATE` takes the lock up front, so a second writer waits its turn.
    func beginWrite() throws { try db.execute("BEGIN IMMEDIATE") }
    func commitWrite() throws { try db.execute("COMMIT") }
    func rollBackWrite() { try? db.execute("ROLLBACK") }

    /// Builds the eventId index when it is missing (after a bulk load, or when one was killed).
    func ensureIdIndex() throws {
        let query = try db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'event_by_id_hash'")
        if try query.step() { return }
        try db.transaction { try db.execute(StoreSchemaV2.idHashIndex) }
    }

    /// Runs `body` in one read transaction: everything it reads is one committed state.
    func snapshot<T>(_ body: () throws -> T) throws -> T {
        try db.execute("BEGIN")
        defer { try? db.execute("COMMIT") }
        return try body()
    }

    /// Counts the metric regressions of every session whose count is stale (NULL), from its
    /// events in timeline order (the roll-up's own code), and stores them.
    func recountRegressions() throws {
        try db.transaction { try Self.recountRegressions(db) }
    }

    static func recountRegressions(_ db: Database) throws {
        let stale = try StoredHistory.load(db, sessions: .staleRegressions)
        guard !stale.history.events.isEmpty else { return }
        let update = try db.prepare("UPDATE session SET regressions = ? WHERE session_id = ?")
        try stale.history.forEachTimeline { timeline in
            try update.bind(Int64(timeline.metricRegressions), at: 1)
            try update.bind(timeline.text.sessionId(timeline.events[0]), at: 2)
            try update.step()
            update.reset()
        }
    }
}
