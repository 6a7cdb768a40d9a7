extension CompactHistory {
    /// Every event of `store`, compact, for the same roll-up as the `--input` path: a scan
    /// in storage order, text interned from SQLite's row buffer, no `Event` and no sort in
    /// SQL (sessions are grouped and ordered in memory).
    static func load(from store: EventStore, progress: ReadProgress? = nil) throws -> CompactHistory {
        var history = CompactHistory()
        let count = try store.eventCount()
        history.reserve(events: count, idBytes: count * 40, deduplicate: false)
        var rows = 0
        try store.forEachStoredEvent { row in
            try history.appendStored(row)
            rows += 1
            if rows == 65_536 { progress?.advanced(bytes: 0, events: rows); rows = 0 }
        }
        progress?.advanced(bytes: 0, events: rows)
        return history
    }

    /// A stored event is already unique and redacted: only intern and append it.
    private mutating func appendStored(_ row: StoredEventRow) throws {
        let id = append(uniqueId: row.eventId)  // the store keeps one row per eventId
        func text(_ bytes: UnsafeRawBufferPointer?) -> Int32 {
            guard let bytes else { return CompactEvent.none }
            return intern(text: bytes)
        }
        let capturedAt = row.capturedAt
        append(CompactEvent(
            capturedMicros: capturedAt, orderAt: row.updatedAt ?? capturedAt, id: id,
            session: intern(text: row.sessionId), repository: text(row.repository),
            branch: text(row.branch), title: text(row.title),
            statusCode: try row.status().compactCode,
            sourceTypeCode: try row.sourceType().compactCode,
            actionCode: try row.operatorAction().compactCode,
            pr: row.prNumber ?? 0, durationSeconds: row.durationSeconds ?? -1,
            tokenInput: row.tokenInput ?? -1, tokenOutput: row.tokenOutput ?? -1,
            tokenTotal: row.tokenTotal ?? -1, cost: row.estimatedCostUsd ?? -1))
    }
}
