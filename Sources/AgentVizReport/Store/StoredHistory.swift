import CSQLite

/// Stored events read back into a `CompactHistory` for the roll-up: only the sessions a
/// question needs, each with all of its events (so its state before a window, its first
/// event ever and its timeline are complete), text joined from the dictionary.
struct StoredHistory {
    enum Sessions {
        /// Sessions with an event in `[from, to)`'s span, and any whose regression count is stale.
        case overlapping(from: Int64, to: Int64)
        case staleRegressions
        /// One session, by its id (`session ID`).
        case id(String)
    }

    var history = CompactHistory()
    /// The stored regression counts of the sessions read (stale ones count 0 here).
    var storedRegressionsRead = 0

    static func load(_ db: Database, sessions: Sessions, progress: ReadProgress? = nil) throws -> StoredHistory {
        let filter: String
        switch sessions {
        // Two indexed lookups (span by last_at, stale ones by a partial index), not a scan.
        case .overlapping: filter = """
            s.id IN (SELECT id FROM session WHERE last_at >= ?1 AND first_at < ?2
                     UNION SELECT id FROM session WHERE regressions IS NULL)
            """
        case .staleRegressions: filter = "s.id IN (SELECT id FROM session WHERE regressions IS NULL)"
        case .id: filter = "s.session_id = ?1"
        }
        func bindSpan(_ s: Statement) throws {
            switch sessions {
            case .overlapping(let from, let to):
                try s.bind(from, at: 1)
                try s.bind(to, at: 2)
            case .id(let id): try s.bind(id, at: 1)
            case .staleRegressions: break
            }
        }
        var result = StoredHistory()
        let sum = try db.prepare("SELECT coalesce(sum(s.regressions), 0) FROM session s WHERE \(filter)")
        try bindSpan(sum)
        try sum.step()
        result.storedRegressionsRead = Int(sum.int64(at: 0))

        let query = try db.prepare("""
            SELECT e.event_id, e.captured_at, e.updated_at, s.session_id, r.value, b.value, t.value,
                   e.status, e.source_type, e.operator_action, e.pr_number, e.duration_seconds,
                   e.token_input, e.token_output, e.token_total, e.estimated_cost_usd,
                   m.value, e.token_cache_read, e.token_cache_write, e.ai_credits, e.premium_requests
            FROM session s
            JOIN event e ON e.session = s.id
            LEFT JOIN text_value r ON r.id = e.repository
            LEFT JOIN text_value b ON b.id = e.branch
            LEFT JOIN text_value t ON t.id = e.title
            LEFT JOIN text_value m ON m.id = e.model
            WHERE \(filter)
            """)
        try bindSpan(query)
        var rows = 0
        while try query.step() {
            try result.history.appendStored(query)
            rows += 1
            if rows == 65_536 { progress?.advanced(bytes: 0, events: rows); rows = 0 }
        }
        progress?.advanced(bytes: 0, events: rows)
        return result
    }
}

private extension CompactHistory {
    /// A stored event is already unique and redacted: only intern and append it.
    mutating func appendStored(_ row: Statement) throws {
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        let id = append(uniqueId: row.bytes(at: 0) ?? empty)
        func text(_ column: Int32) -> Int32 {
            guard let bytes = row.bytes(at: column) else { return CompactEvent.none }
            return intern(text: bytes)
        }
        func code<T: CaseIterable>(_ column: Int32, _: T.Type) throws -> UInt8 where T.AllCases == [T] {
            let value = row.int64(at: column)
            guard value >= 0 && value < T.allCases.count else {
                throw DatabaseError(code: SQLITE_CORRUPT, message: "stored event has \(T.self) code \(value)", sql: row.sql)
            }
            return UInt8(value)
        }
        let capturedAt = row.int64(at: 1)
        append(CompactEvent(
            capturedMicros: capturedAt, orderAt: row.optionalInt64(at: 2) ?? capturedAt, id: id,
            session: intern(text: row.bytes(at: 3) ?? empty), repository: text(4), branch: text(5), title: text(6),
            model: text(16),
            statusCode: try code(7, SessionStatus.self), sourceTypeCode: try code(8, SourceType.self),
            actionCode: try code(9, OperatorAction.self),
            pr: row.optionalInt64(at: 10) ?? 0, durationSeconds: row.optionalInt64(at: 11) ?? -1,
            tokenInput: row.optionalInt64(at: 12) ?? -1, tokenOutput: row.optionalInt64(at: 13) ?? -1,
            tokenTotal: row.optionalInt64(at: 14) ?? -1, cost: row.optionalDouble(at: 15) ?? -1),
            costCounters: CostCounters(tokenCacheRead: row.optionalInt64(at: 17), tokenCacheWrite: row.optionalInt64(at: 18),
                                       aiCredits: row.optionalDouble(at: 19), premiumRequests: row.optionalDouble(at: 20)))
    }
}
