import CSQLite

/// Store v2 (migration 3): laid out for the questions reports ask.
///
/// - `session`: one row per session id with the span of its events (`first_at`, `last_at`),
///   so a report reads only sessions that can touch its windows, and knows when each
///   session started; `regressions` is its metric-regression count (ANALYTICS.md section
///   3), NULL while stale (its events changed since it was counted).
/// - `text_value`: every repository, branch, title, source and schemaVersion once.
/// - `event`: small integers only (codes for enums, numbers for text), in insertion order;
///   found by `id_hash` (dedupe across runs) and by `(session, captured_at)` (reports).
/// - triggers keep the store-wide regression total in `ingest_counter`, so a report never
///   sums two million session rows.
enum StoreSchemaV2 {
    /// Part of migration 3 (never edit), and what a bulk ingest builds again at its end.
    static let idHashIndex = "CREATE INDEX IF NOT EXISTS event_by_id_hash ON event (id_hash)"

    static let sql = """
        ALTER TABLE event RENAME TO event_v1;
        DROP INDEX IF EXISTS event_by_key;
        CREATE TABLE text_value (
            id INTEGER PRIMARY KEY,
            value TEXT NOT NULL UNIQUE
        );
        CREATE TABLE session (
            id INTEGER PRIMARY KEY,
            session_id TEXT NOT NULL UNIQUE,
            first_at INTEGER NOT NULL,        -- earliest captured_at, microseconds UTC
            last_at INTEGER NOT NULL,         -- latest captured_at
            regressions INTEGER               -- NULL: stale, recounted by the next ingest
        );
        CREATE INDEX session_by_last_at ON session (last_at);
        CREATE INDEX session_stale ON session (id) WHERE regressions IS NULL;
        CREATE TABLE event (
            id INTEGER PRIMARY KEY,           -- insertion order
            session INTEGER NOT NULL,         -- session.id
            captured_at INTEGER NOT NULL,     -- microseconds since 1970, UTC
            updated_at INTEGER,
            event_id TEXT NOT NULL,
            id_hash INTEGER NOT NULL,         -- FNV-1a 64 of event_id's bytes, bit-cast; not unique
            fingerprint INTEGER NOT NULL,     -- ContentFingerprint, bit-cast
            status INTEGER NOT NULL,          -- position in SessionStatus.allCases
            source_type INTEGER NOT NULL,     -- position in SourceType.allCases
            operator_action INTEGER NOT NULL, -- position in OperatorAction.allCases
            debug_enabled INTEGER,
            schema_version INTEGER NOT NULL,  -- text_value.id
            source INTEGER,                   -- text_value.id
            repository INTEGER,               -- text_value.id
            branch INTEGER,                   -- text_value.id
            title INTEGER,                    -- text_value.id
            pr_number INTEGER,
            duration_seconds INTEGER,
            token_input INTEGER,
            token_output INTEGER,
            token_total INTEGER,
            estimated_cost_usd REAL
        );
        \(idHashIndex);
        CREATE INDEX event_by_session ON event (session, captured_at);
        ALTER TABLE file_state ADD COLUMN tail_bytes INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE file_state ADD COLUMN tail_outcome TEXT;
        INSERT OR IGNORE INTO ingest_counter (name, value) VALUES ('metricRegressions', 0);
        CREATE TRIGGER session_regressions_added AFTER INSERT ON session WHEN new.regressions IS NOT NULL
        BEGIN
            UPDATE ingest_counter SET value = value + new.regressions WHERE name = 'metricRegressions';
        END;
        CREATE TRIGGER session_regressions_changed AFTER UPDATE OF regressions ON session
        WHEN old.regressions IS NOT new.regressions
        BEGIN
            UPDATE ingest_counter SET value = value - coalesce(old.regressions, 0) + coalesce(new.regressions, 0)
            WHERE name = 'metricRegressions';
        END;
        """

    /// Moves every version-1 row into the v2 tables in insertion order (so the first stored
    /// per eventId stays first), redacting text again with today's redactor and recomputing
    /// fingerprints (sessions whose regressions it could not follow are left stale).
    static func copyVersion1Events(_ db: Database) throws {
        let old = try db.prepare("""
            SELECT schema_version, event_id, captured_at, source, session_id, source_type, status,
                   repository, branch, title, pr_number, updated_at, duration_seconds, token_input,
                   token_output, token_total, estimated_cost_usd, operator_action, debug_enabled
            FROM event_v1 ORDER BY id
            """)
        let writer = try StoreWriter(db: db, columns: EventColumn.schemaV2)
        let redactor = SecretRedactor()
        func clean(_ s: String?) -> String? { s.map { redactor.redact($0).text } }
        func code<T: CaseIterable & RawRepresentable<String>>(_ column: Int32) throws -> T where T: Equatable, T.AllCases == [T] {
            let raw = old.string(at: column) ?? ""
            guard let value = T(rawValue: raw) else {
                throw DatabaseError(code: SQLITE_CORRUPT, message: "version-1 event has \(raw) where a \(T.self) belongs", sql: old.sql)
            }
            return value
        }
        while try old.step() {
            let row = StoredEventValues(schemaVersion: old.string(at: 0) ?? "1.0", fields: DecodedFields(
                eventId: old.string(at: 1) ?? "", capturedAt: Timestamp(microseconds: old.int64(at: 2)),
                source: clean(old.string(at: 3)), sessionId: old.string(at: 4) ?? "",
                sourceType: try code(5), status: try code(6), repository: clean(old.string(at: 7)),
                branch: clean(old.string(at: 8)), title: clean(old.string(at: 9)), prNumber: old.optionalInt64(at: 10),
                updatedAt: old.optionalInt64(at: 11).map(Timestamp.init(microseconds:)),
                metrics: Metrics(
                    durationSeconds: old.optionalInt64(at: 12), tokenInput: old.optionalInt64(at: 13),
                    tokenOutput: old.optionalInt64(at: 14), tokenTotal: old.optionalInt64(at: 15),
                    estimatedCostUsd: old.optionalDouble(at: 16)),
                operatorAction: try code(17), debugEnabled: old.optionalInt64(at: 18).map { $0 != 0 }))
            try writer.insert(row)
        }
        try writer.flushSessions()
        try db.execute("DROP TABLE event_v1")
        // Sessions whose rows came out of timeline order are left stale here: the recount
        // reads events with today's columns, so migration 4 runs it once they exist.
    }
}
