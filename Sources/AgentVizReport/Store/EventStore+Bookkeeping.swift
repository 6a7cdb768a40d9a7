import CSQLite

/// Ingest counters and input-file states: the store's bookkeeping beside the events. Ingest
/// writes both in the transaction of the events they describe, so a crash never leaves
/// counters, offsets and events out of step.
extension EventStore {
    /// Adds `c` (which may hold negative corrections) to the cumulative ingest counters.
    /// Call inside a write transaction.
    func addIngestCounters(_ c: IngestCounters) throws {
        let add = try db.prepare("""
            INSERT INTO ingest_counter (name, value) VALUES (?, ?)
            ON CONFLICT (name) DO UPDATE SET value = value + excluded.value
            """)
        for (name, value) in Self.counterRows(c) where value != 0 {
            try add.bind(name, at: 1)
            try add.bind(Int64(value), at: 2)
            try add.step()
            add.reset()
        }
    }

    public func ingestCounters() throws -> IngestCounters {
        let query = try db.prepare("SELECT name, value FROM ingest_counter WHERE name != ?")
        try query.bind(Self.regressionsCounter, at: 1)
        var c = IngestCounters()
        while try query.step() {
            let name = query.string(at: 0) ?? ""
            let value = Int(query.int64(at: 1))
            switch name {
            case "linesRead": c.linesRead = value
            case "eventsAccepted": c.eventsAccepted = value
            case "duplicates": c.duplicates = value
            case "conflictingDuplicates": c.conflictingDuplicates = value
            case "redactions": c.redactions = value
            default:
                guard name.hasPrefix(Self.rejectedPrefix),
                      let reason = RejectReason(rawValue: String(name.dropFirst(Self.rejectedPrefix.count)))
                else {
                    throw DatabaseError(code: SQLITE_CORRUPT, message: "unknown ingest counter '\(name)'", sql: query.sql)
                }
                if value != 0 { c.rejectedByReason[reason] = value }
            }
        }
        return c
    }

    /// The stored regression counts of all sessions (kept by triggers; stale sessions count 0).
    func storedRegressions() throws -> Int {
        let query = try db.prepare("SELECT value FROM ingest_counter WHERE name = ?")
        try query.bind(Self.regressionsCounter, at: 1)
        return try query.step() ? Int(query.int64(at: 0)) : 0
    }

    /// The earliest and latest `captured_at` of every stored event (from the sessions' spans).
    func coverage() throws -> Coverage {
        let query = try db.prepare("SELECT min(first_at), max(last_at) FROM session")
        guard try query.step(), let first = query.optionalInt64(at: 0), let last = query.optionalInt64(at: 1) else {
            return Coverage()
        }
        return Coverage(firstEventAt: Timestamp(microseconds: first), lastEventAt: Timestamp(microseconds: last))
    }

    private static let regressionsCounter = "metricRegressions"
    private static let rejectedPrefix = "rejected."

    private static func counterRows(_ c: IngestCounters) -> [(String, Int)] {
        [
            ("linesRead", c.linesRead), ("eventsAccepted", c.eventsAccepted), ("duplicates", c.duplicates),
            ("conflictingDuplicates", c.conflictingDuplicates), ("redactions", c.redactions),
        ] + c.rejectedByReason.sorted { $0.key < $1.key }.map { (rejectedPrefix + $0.key.rawValue, $0.value) }
    }

    public func fileState(path: String) throws -> FileState? {
        let query = try db.prepare("""
            SELECT identity, size, offset, fingerprint, lines, tail_bytes, tail_outcome FROM file_state WHERE path = ?
            """)
        try query.bind(path, at: 1)
        guard try query.step() else { return nil }
        return FileState(
            path: path, identity: query.string(at: 0) ?? "", size: query.int64(at: 1),
            offset: query.int64(at: 2), fingerprint: UInt64(bitPattern: query.int64(at: 3)),
            lines: Int(query.int64(at: 4)), tail: Int(query.int64(at: 5)) > 0
                ? FileState.Tail(bytes: query.int64(at: 5), outcome: query.string(at: 6) ?? "") : nil)
    }

    /// Records (replacing) the state of `s.path`. Call inside a write transaction.
    func saveFileState(_ s: FileState) throws {
        let save = try db.prepare("""
            INSERT OR REPLACE INTO file_state (path, identity, size, offset, fingerprint, lines, tail_bytes, tail_outcome)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try save.bind(s.path, at: 1)
        try save.bind(s.identity, at: 2)
        try save.bind(s.size, at: 3)
        try save.bind(s.offset, at: 4)
        try save.bind(Int64(bitPattern: s.fingerprint), at: 5)
        try save.bind(Int64(s.lines), at: 6)
        try save.bind(s.tail?.bytes ?? 0, at: 7)
        try save.bind(s.tail?.outcome, at: 8)
        try save.step()
    }
}
