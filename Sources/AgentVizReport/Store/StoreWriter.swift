import CSQLite

/// Writes events into store v2 inside the caller's transaction: text and session ids
/// become numbers (cached for the whole run: a number, once given, never changes), each
/// touched session's span is widened once per flush and its regression count marked stale.
final class StoreWriter {
    private let db: Database
    private let insertEvent: Statement
    private let findText: Statement
    private let addText: Statement
    private let findSession: Statement
    private let addSession: Statement
    private let widenSession: Statement
    private let findHash: Statement
    private var texts = ByteKeyTable()
    private var textCodes: [Int64] = []
    private var sessions = ByteKeyTable()
    private var sessionCodes: [Int64] = []
    /// Sessions given events since the last flush: code -> (first, last) captured_at.
    private var touched: [Int64: (first: Int64, last: Int64)] = [:]
    /// Sessions created by this run whose events so far arrived in timeline order: their
    /// regression count is kept up to date here (the common case), so no recount reads
    /// them back. Any other touched session is left stale for `recountRegressions`.
    private var inOrder: [Int64: RunningSession] = [:]

    private struct RunningSession {
        var lastCaptured: Int64
        var lastOrderAt: Int64
        var usage = Usage()
        var regressions = 0
    }

    /// Whether `insertEvent` has the columns of migration 4.
    private let writesCostColumns: Bool

    /// `columns`: a prefix of `EventColumn.allCases` (migration 3 writes only its own).
    init(db: Database, columns: [EventColumn] = EventColumn.allCases) throws {
        self.db = db
        insertEvent = try db.prepare(EventColumn.insertSQL(columns))
        writesCostColumns = columns.count == EventColumn.allCases.count
        findText = try db.prepare("SELECT id FROM text_value WHERE value = ?")
        addText = try db.prepare("INSERT INTO text_value (value) VALUES (?)")
        findSession = try db.prepare("SELECT id FROM session WHERE session_id = ?")
        addSession = try db.prepare("INSERT INTO session (session_id, first_at, last_at) VALUES (?, ?, ?)")
        widenSession = try db.prepare("""
            UPDATE session SET first_at = min(first_at, ?2), last_at = max(last_at, ?3), regressions = ?4
            WHERE id = ?1
            """)
        findHash = try db.prepare("SELECT event_id, fingerprint FROM event WHERE id_hash = ?")
    }

    // MARK: Dedupe backend

    /// The fingerprint of the stored event with exactly (byte for byte) this id, if any.
    /// Rows under the same hash with another id are hash collisions, skipped.
    func keptFingerprint(_ id: UnsafeRawBufferPointer, hash: UInt64) throws -> UInt64? {
        try findHash.bind(Int64(bitPattern: hash), at: 1)
        defer { findHash.reset() }
        while try findHash.step() {
            if let stored = findHash.bytes(at: 0), stored.elementsEqual(id) {
                return UInt64(bitPattern: findHash.int64(at: 1))
            }
        }
        return nil
    }

    // MARK: Numbers for text

    func textCode(_ bytes: UnsafeRawBufferPointer) throws -> Int64 {
        let (index, added) = texts.intern(bytes)
        if !added { return textCodes[index] }
        let code = try lookUpOrAdd(bytes, find: findText, add: addText, extra: nil)
        textCodes.append(code)
        return code
    }

    func textCode(_ text: String?) throws -> Int64? {
        guard var text else { return nil }
        return try text.withUTF8 { try textCode(UnsafeRawBufferPointer($0)) }
    }

    /// The session's number; widens its span to `capturedMicros` at the next flush and
    /// follows its regression count while its events arrive in order.
    func sessionCode(_ bytes: UnsafeRawBufferPointer, capturedMicros: Int64, orderAt: Int64, metrics: Metrics) throws -> Int64 {
        let (index, added) = sessions.intern(bytes)
        let code: Int64
        if added {
            var created = false
            code = try lookUpOrAdd(bytes, find: findSession, add: addSession, extra: capturedMicros, created: &created)
            sessionCodes.append(code)
            if created { inOrder[code] = RunningSession(lastCaptured: .min, lastOrderAt: .min) }
        } else {
            code = sessionCodes[index]
        }
        if var running = inOrder[code] {
            // Strictly after the last event: ties would need the eventIds, so they recount.
            if (capturedMicros, orderAt) > (running.lastCaptured, running.lastOrderAt) {
                running.regressions += running.usage.absorbMaximum(of: metrics)
                running.lastCaptured = capturedMicros
                running.lastOrderAt = orderAt
                inOrder[code] = running
            } else {
                inOrder[code] = nil
            }
        }
        if let span = touched[code] {
            touched[code] = (min(span.first, capturedMicros), max(span.last, capturedMicros))
        } else {
            touched[code] = (capturedMicros, capturedMicros)
        }
        return code
    }

    private func lookUpOrAdd(_ bytes: UnsafeRawBufferPointer, find: Statement, add: Statement, extra: Int64?) throws -> Int64 {
        var created = false
        return try lookUpOrAdd(bytes, find: find, add: add, extra: extra, created: &created)
    }

    private func lookUpOrAdd(
        _ bytes: UnsafeRawBufferPointer, find: Statement, add: Statement, extra: Int64?, created: inout Bool
    ) throws -> Int64 {
        let text = UnsafeBufferPointer(start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        try find.bindStatic(text, at: 1)
        defer { find.reset() }
        if try find.step() { return find.int64(at: 0) }
        created = true
        try add.bindStatic(text, at: 1)
        if let extra {
            try add.bind(extra, at: 2)
            try add.bind(extra, at: 3)
        }
        defer { add.reset() }
        try add.step()
        return db.lastInsertedRowId
    }

    /// Another writer may add events to the sessions this run created: their counts can no
    /// longer be followed here, so they are left to the recount.
    func forgetRunningCounts() {
        inOrder.removeAll()
    }

    /// Writes the span changes of the sessions touched since the last flush.
    func flushSessions() throws {
        for (code, span) in touched {
            try widenSession.bind(code, at: 1)
            try widenSession.bind(span.first, at: 2)
            try widenSession.bind(span.last, at: 3)
            try widenSession.bind(inOrder[code].map { Int64($0.regressions) }, at: 4)
            try widenSession.step()
            widenSession.reset()
        }
        touched.removeAll(keepingCapacity: true)
    }

    // MARK: Rows

    /// Binds the columns every front end fills the same way, then inserts.
    func insert(
        session: Int64, eventId: UnsafeRawBufferPointer, idHash: UInt64, fingerprint: UInt64,
        capturedMicros: Int64, updatedMicros: Int64?, codes: (status: UInt8, sourceType: UInt8, action: UInt8),
        debugEnabled: Bool?, text: (version: Int64, source: Int64?, repository: Int64?, branch: Int64?, title: Int64?),
        model: Int64? = nil, prNumber: Int64?, metrics m: Metrics
    ) throws {
        let s = insertEvent
        try s.bind(session, at: EventColumn.session.parameter)
        try s.bind(capturedMicros, at: EventColumn.capturedAt.parameter)
        try s.bind(updatedMicros, at: EventColumn.updatedAt.parameter)
        try s.bindStatic(UnsafeBufferPointer(start: eventId.baseAddress?.assumingMemoryBound(to: UInt8.self), count: eventId.count), at: EventColumn.eventId.parameter)
        try s.bind(Int64(bitPattern: idHash), at: EventColumn.idHash.parameter)
        try s.bind(Int64(bitPattern: fingerprint), at: EventColumn.fingerprint.parameter)
        try s.bind(Int64(codes.status), at: EventColumn.status.parameter)
        try s.bind(Int64(codes.sourceType), at: EventColumn.sourceType.parameter)
        try s.bind(Int64(codes.action), at: EventColumn.operatorAction.parameter)
        try s.bind(debugEnabled.map { $0 ? 1 : 0 } as Int64?, at: EventColumn.debugEnabled.parameter)
        try s.bind(text.version, at: EventColumn.schemaVersion.parameter)
        try s.bind(text.source, at: EventColumn.source.parameter)
        try s.bind(text.repository, at: EventColumn.repository.parameter)
        try s.bind(text.branch, at: EventColumn.branch.parameter)
        try s.bind(text.title, at: EventColumn.title.parameter)
        try s.bind(prNumber, at: EventColumn.prNumber.parameter)
        try s.bind(m.durationSeconds, at: EventColumn.durationSeconds.parameter)
        try s.bind(m.tokenInput, at: EventColumn.tokenInput.parameter)
        try s.bind(m.tokenOutput, at: EventColumn.tokenOutput.parameter)
        try s.bind(m.tokenTotal, at: EventColumn.tokenTotal.parameter)
        try s.bind(m.estimatedCostUsd, at: EventColumn.estimatedCostUsd.parameter)
        if writesCostColumns {
            try s.bind(model, at: EventColumn.model.parameter)
            try s.bind(m.tokenCacheRead, at: EventColumn.tokenCacheRead.parameter)
            try s.bind(m.tokenCacheWrite, at: EventColumn.tokenCacheWrite.parameter)
            try s.bind(m.aiCredits, at: EventColumn.aiCredits.parameter)
            try s.bind(m.premiumRequests, at: EventColumn.premiumRequests.parameter)
        }
        defer { s.reset() }
        try s.step()
    }

    /// A version-1 row (migration 3).
    func insert(_ v: StoredEventValues) throws {
        let f = v.fields
        var id = f.eventId, session = f.sessionId
        let captured = f.capturedAt.microseconds
        let sessionNumber = try session.withUTF8 {
            try self.sessionCode(UnsafeRawBufferPointer($0), capturedMicros: captured,
                                 orderAt: (f.updatedAt ?? f.capturedAt).microseconds, metrics: f.metrics)
        }
        let text = (try textCode(v.schemaVersion)!, try textCode(f.source), try textCode(f.repository),
                    try textCode(f.branch), try textCode(f.title))
        let fingerprint = v.fingerprint
        try id.withUTF8 { (idBytes: UnsafeBufferPointer<UInt8>) throws -> Void in
            try insert(
                session: sessionNumber, eventId: UnsafeRawBufferPointer(idBytes), idHash: FNV1a64.hash(f.eventId),
                fingerprint: fingerprint, capturedMicros: captured, updatedMicros: f.updatedAt?.microseconds,
                codes: (f.status.compactCode, f.sourceType.compactCode, f.operatorAction.compactCode),
                debugEnabled: f.debugEnabled, text: text, prNumber: f.prNumber, metrics: f.metrics)
        }
    }
}
