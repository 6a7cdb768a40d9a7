import CSQLite

/// How an `Event` maps to a row of `event`: the column list, binding and decoding.
enum EventRow {
    /// The columns holding the event's fields, in `Event` declaration order.
    static let fieldColumns = [
        "schema_version", "event_id", "captured_at", "source", "session_id", "source_type", "status",
        "repository", "branch", "title", "pr_number", "updated_at",
        "duration_seconds", "token_input", "token_output", "token_total", "estimated_cost_usd",
        "operator_action", "debug_enabled",
    ]

    /// Parameters: 1 key, 2 fingerprint, 3... the field columns.
    static let insertSQL = """
        INSERT INTO event (key, fingerprint, \(fieldColumns.joined(separator: ", ")))
        VALUES (\(Array(repeating: "?", count: fieldColumns.count + 2).joined(separator: ", ")))
        """

    static let selectInTimelineOrderSQL = """
        SELECT \(fieldColumns.joined(separator: ", ")) FROM event
        ORDER BY session_id, captured_at, coalesce(updated_at, captured_at), event_id
        """

    /// Binds parameters 2 and up of `insertSQL` (the caller binds the key in `body`) and runs
    /// `body` while they stay bound; text goes through `text` without copies.
    static func withBound<R>(
        _ e: Event, fingerprint: Int64, to s: Statement, text: inout RowText, _ body: () throws -> R
    ) throws -> R {
        text.removeAll()
        text.append(e.schemaVersion, at: 3)
        text.append(e.eventId, at: 4)
        text.append(e.source, at: 6)
        text.append(e.sessionId, at: 7)
        text.append(e.sourceType.rawValue, at: 8)
        text.append(e.status.rawValue, at: 9)
        text.append(e.repository, at: 10)
        text.append(e.branch, at: 11)
        text.append(e.title, at: 12)
        text.append(e.operatorAction.rawValue, at: 20)
        try s.bind(fingerprint, at: 2)
        try s.bind(e.capturedAt.microseconds, at: 5)
        try s.bind(e.prNumber, at: 13)
        try s.bind(e.updatedAt?.microseconds, at: 14)
        try s.bind(e.metrics.durationSeconds, at: 15)
        try s.bind(e.metrics.tokenInput, at: 16)
        try s.bind(e.metrics.tokenOutput, at: 17)
        try s.bind(e.metrics.tokenTotal, at: 18)
        try s.bind(e.metrics.estimatedCostUsd, at: 19)
        try s.bind(e.debugEnabled.map { $0 ? 1 : 0 } as Int64?, at: 21)
        return try text.withBound(to: s, body)
    }

    /// The event in the current row of a `SELECT <fieldColumns>`.
    static func decode(_ s: Statement) throws -> Event {
        let eventId = try required(s, 1)
        func value<T: RawRepresentable<String>>(_ column: Int32) throws -> T {
            let raw = try required(s, column)
            guard let value = T(rawValue: raw) else {
                throw DatabaseError(code: SQLITE_CORRUPT, message: "event \(eventId): \(fieldColumns[Int(column)]) '\(raw)' is not a known \(T.self)", sql: s.sql)
            }
            return value
        }
        return Event(
            schemaVersion: try required(s, 0), eventId: eventId,
            capturedAt: Timestamp(microseconds: s.int64(at: 2)), source: s.string(at: 3),
            sessionId: try required(s, 4), sourceType: try value(5), status: try value(6),
            repository: s.string(at: 7), branch: s.string(at: 8), title: s.string(at: 9),
            prNumber: s.optionalInt64(at: 10),
            updatedAt: s.optionalInt64(at: 11).map(Timestamp.init(microseconds:)),
            metrics: Metrics(
                durationSeconds: s.optionalInt64(at: 12), tokenInput: s.optionalInt64(at: 13),
                tokenOutput: s.optionalInt64(at: 14), tokenTotal: s.optionalInt64(at: 15),
                estimatedCostUsd: s.optionalDouble(at: 16)),
            operatorAction: try value(17), debugEnabled: s.optionalInt64(at: 18).map { $0 != 0 })
    }

    private static func required(_ s: Statement, _ column: Int32) throws -> String {
        guard let text = s.string(at: column) else {
            throw DatabaseError(code: SQLITE_CORRUPT, message: "event column \(fieldColumns[Int(column)]) is NULL", sql: s.sql)
        }
        return text
    }
}

/// The text parameters of one row in one reusable buffer, bound without copies
/// (`Statement.bindStatic`) while `withBound` runs.
struct RowText {
    private var bytes: [UInt8] = []
    /// Parameter index and byte range; a nil range binds NULL.
    private var slots: [(index: Int32, range: Range<Int>?)] = []

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        slots.removeAll(keepingCapacity: true)
    }

    mutating func append(_ value: String?, at index: Int32) {
        guard let value else { return slots.append((index, nil)) }
        let start = bytes.count
        bytes.append(contentsOf: value.utf8)
        slots.append((index, start..<bytes.count))
    }

    func withBound<R>(to s: Statement, _ body: () throws -> R) throws -> R {
        try bytes.withUnsafeBufferPointer { all in
            for (index, range) in slots {
                if let range {
                    try s.bindStatic(UnsafeBufferPointer(rebasing: all[range]), at: index)
                } else {
                    try s.bind(nil as String?, at: index)
                }
            }
            return try body()
        }
    }
}
