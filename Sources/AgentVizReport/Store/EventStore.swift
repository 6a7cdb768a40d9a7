import CSQLite
import Foundation

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

    /// Opens the store for a report: read-only, so it works in a read-only directory or on a
    /// read-only filesystem (SQLite cannot even create its shared-memory file there: then the
    /// file is opened as immutable). A store an older version wrote is upgraded first, which
    /// needs write access once; without it the error says so.
    public static func openForReading(path: String) throws -> EventStore {
        let db = try Database.openReadOnly(path)
        guard try isCurrent(db) else { return try EventStore(path: path) }
        return EventStore(db: db)
    }

    private init(db: Database) { self.db = db }

    /// Every migration this version knows is applied (a read-only open cannot apply one).
    private static func isCurrent(_ db: Database) throws -> Bool {
        guard try Migrations.hasMigrationTable(db) else { return false }
        let applied = try Migrations.appliedMigrations(db)
        return Migrations.all.allSatisfy { applied[$0.id] != nil }
    }

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

    /// Stores up to this size are checked whole before an ingest writes (about 0.3 s).
    static let wholeCheckLimit: Int64 = 64 << 20

    /// Before an ingest writes: a small store gets `PRAGMA quick_check` (every page); a large
    /// one, where that would take seconds, has the pages this ingest extends read through
    /// (the last rows of every table, in row and in index order). Throws a damage error.
    func checkBeforeWriting() throws {
        if path != ":memory:", let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64,
           size > Self.wholeCheckLimit {
            for sql in [
                "SELECT count(*) FROM (SELECT * FROM event ORDER BY id DESC LIMIT 1000)",
                "SELECT count(*) FROM (SELECT * FROM session ORDER BY id DESC LIMIT 1000)",
                "SELECT count(*) FROM (SELECT * FROM text_value ORDER BY id DESC LIMIT 1000)",
                "SELECT count(*) FROM (SELECT session, captured_at FROM event ORDER BY session DESC, captured_at DESC LIMIT 1000)",
                "SELECT count(*) FROM (SELECT id_hash FROM event WHERE id_hash IS NOT NULL ORDER BY id_hash DESC LIMIT 1000)",
            ] {
                try db.prepare(sql).step()
            }
            return
        }
        let problems = try integrityProblems(quick: true, limit: 1)
        if let first = problems.first {
            throw DatabaseError(code: SQLITE_CORRUPT, message: first)
        }
    }

    /// `PRAGMA integrity_check` (or the faster `quick_check`): nothing when the store is sound.
    public func integrityProblems(quick: Bool = false, limit: Int = 100) throws -> [String] {
        let query = try db.prepare("PRAGMA \(quick ? "quick_check" : "integrity_check")(\(limit))")
        var problems: [String] = []
        while try query.step() {
            if let line = query.string(at: 0), line != "ok" { problems.append(line) }
        }
        return problems
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
