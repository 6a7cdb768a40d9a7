import CSQLite

/// One schema change. Ids are dense from 1 and recorded in `schema_migration` when applied.
struct Migration: Sendable {
    var id: Int
    var name: String
    var sql: String
    /// Work SQL alone cannot do (recomputing values), run after `sql` in the same transaction.
    var step: (@Sendable (Database) throws -> Void)? = nil
}

/// The store's schema history. APPEND-ONLY: a migration that has shipped is never edited,
/// reordered or removed; change the schema by adding the next one.
enum Migrations {
    static let all: [Migration] = [
        Migration(id: 1, name: "events, ingest counters, file states", sql: """
            CREATE TABLE event (
                id INTEGER PRIMARY KEY,        -- insertion order
                key INTEGER NOT NULL,          -- FNV-1a 64 of event_id's UTF-8, bit-cast; not unique
                event_id TEXT NOT NULL,
                fingerprint INTEGER NOT NULL,  -- Event.contentFingerprint, bit-cast to Int64
                schema_version TEXT NOT NULL,
                captured_at INTEGER NOT NULL,  -- microseconds since 1970, UTC
                source TEXT,
                session_id TEXT NOT NULL,
                source_type TEXT NOT NULL,
                status TEXT NOT NULL,
                repository TEXT,
                branch TEXT,
                title TEXT,
                pr_number INTEGER,
                updated_at INTEGER,
                duration_seconds INTEGER,
                token_input INTEGER,
                token_output INTEGER,
                token_total INTEGER,
                estimated_cost_usd REAL,
                operator_action TEXT NOT NULL,
                debug_enabled INTEGER
            );
            CREATE INDEX event_by_key ON event (key);
            CREATE TABLE ingest_counter (
                name TEXT PRIMARY KEY,         -- a field of IngestCounters, or "rejected.<reason>"
                value INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE file_state (
                path TEXT PRIMARY KEY,
                identity TEXT NOT NULL,
                size INTEGER NOT NULL,
                offset INTEGER NOT NULL,
                fingerprint INTEGER NOT NULL
            ) WITHOUT ROWID;
            """),
        Migration(id: 2, name: "line count of file states", sql: """
            ALTER TABLE file_state ADD COLUMN lines INTEGER NOT NULL DEFAULT 0;
            """),
        Migration(id: 3, name: "store v2: sessions, text dictionary, coded events", sql: StoreSchemaV2.sql,
                  step: StoreSchemaV2.copyVersion1Events),
        Migration(id: 4, name: "1.x cost fields: model, cache tokens, AI credits, premium requests", sql: """
            ALTER TABLE event ADD COLUMN model INTEGER;             -- text_value id
            ALTER TABLE event ADD COLUMN token_cache_read INTEGER;
            ALTER TABLE event ADD COLUMN token_cache_write INTEGER;
            ALTER TABLE event ADD COLUMN ai_credits REAL;
            ALTER TABLE event ADD COLUMN premium_requests REAL;
            """, step: { db in
                // Sessions an upgrade from version 1 left stale (see migration 3).
                try EventStore.recountRegressions(db)
            }),
    ]

    /// Applies every migration `db` lacks, each in its own `BEGIN IMMEDIATE` transaction that
    /// re-checks what is applied, so concurrent openers apply each migration exactly once.
    /// Refuses a database written by a newer version, or one whose history differs from ours.
    static func migrate(_ db: Database, migrations: [Migration] = all) throws {
        // Up to date (the usual case): no write lock needed.
        if try hasMigrationTable(db) {
            let applied = try appliedMigrations(db)
            try check(applied, against: migrations, path: db.path)
            if migrations.allSatisfy({ applied[$0.id] != nil }) { return }
        }
        try db.transaction {
            try db.execute("CREATE TABLE IF NOT EXISTS schema_migration (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        }
        for migration in migrations {
            try db.transaction {
                let applied = try appliedMigrations(db)
                try check(applied, against: migrations, path: db.path)
                guard applied[migration.id] == nil else { return }
                try db.execute(migration.sql)
                try migration.step?(db)
                let record = try db.prepare("INSERT INTO schema_migration (id, name) VALUES (?, ?)")
                try record.bind(Int64(migration.id), at: 1)
                try record.bind(migration.name, at: 2)
                try record.step()
            }
        }
    }

    static func hasMigrationTable(_ db: Database) throws -> Bool {
        let query = try db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'")
        return try query.step()
    }

    static func appliedMigrations(_ db: Database) throws -> [Int: String] {
        let query = try db.prepare("SELECT id, name FROM schema_migration")
        var applied: [Int: String] = [:]
        while try query.step() { applied[Int(query.int64(at: 0))] = query.string(at: 1) ?? "" }
        return applied
    }

    private static func check(_ applied: [Int: String], against known: [Migration], path: String) throws {
        let names = Dictionary(uniqueKeysWithValues: known.map { ($0.id, $0.name) })
        for (id, name) in applied.sorted(by: { $0.key < $1.key }) {
            guard let knownName = names[id] else {
                throw DatabaseError(code: SQLITE_ERROR, message: "\(path) has schema migration \(id) (\"\(name)\"), newer than this agentviz-report knows (up to \(known.last?.id ?? 0)); use a newer agentviz-report or another database")
            }
            guard knownName == name else {
                throw DatabaseError(code: SQLITE_ERROR, message: "\(path) has schema migration \(id) as \"\(name)\" but this agentviz-report expects \"\(knownName)\"; the database was not written by this tool")
            }
        }
    }
}
