/// Ingest's front end of the writer: a decoded chunk, without a String per field.
extension StoreWriter {
    /// Stores the chunk's events that `dedupe` finds new (asking the store about ids earlier
    /// runs kept when `probe`), and returns the chunk's counters with the dedupe outcome.
    /// Call inside a write transaction, and `flushSessions` before it commits.
    func write(_ chunk: DecodedChunk, dedupe: inout Deduplicator, probe: Bool) throws -> IngestCounters {
        var counters = chunk.counters
        let table = chunk.strings.table
        var local = [Int64](repeating: -1, count: table.count)
        func code(_ i: Int32) throws -> Int64? {
            guard i >= 0 else { return nil }
            if local[Int(i)] < 0 {
                local[Int(i)] = try table.arena.withUnsafeBytes {
                    try textCode(UnsafeRawBufferPointer(rebasing: $0[table.starts[Int(i)]..<table.starts[Int(i) + 1]]))
                }
            }
            return local[Int(i)]
        }
        let kept = { (id: UnsafeRawBufferPointer, hash: UInt64) throws -> UInt64? in
            probe ? try self.keptFingerprint(id, hash: hash) : nil
        }
        for n in chunk.events.indices {
            let e = chunk.events[n], extra = chunk.extras[n], id = Int(e.id)
            let hash = chunk.strings.idHashes[id]
            let verdict = try chunk.strings.withIdBytes(id) {
                try dedupe.admit($0, hash: hash, fingerprint: chunk.fingerprints[n], kept: kept)
            }
            if case .duplicate(let conflicting) = verdict {
                counters.duplicates += 1
                if conflicting { counters.conflictingDuplicates += 1 }
                continue
            }
            let session = try table.arena.withUnsafeBytes {
                try sessionCode(UnsafeRawBufferPointer(rebasing: $0[table.starts[Int(e.session)]..<table.starts[Int(e.session) + 1]]),
                                capturedMicros: e.capturedMicros, orderAt: e.orderAt, metrics: chunk.metrics(of: e))
            }
            let text = (try code(extra.version)!, try code(extra.source), try code(e.repository), try code(e.branch), try code(e.title))
            try chunk.strings.withIdBytes(id) { idBytes in
                try insert(
                    session: session, eventId: idBytes, idHash: hash, fingerprint: chunk.fingerprints[n],
                    capturedMicros: e.capturedMicros, updatedMicros: extra.updatedMicros,
                    codes: (e.statusCode, e.sourceTypeCode, e.actionCode), debugEnabled: extra.debugEnabled,
                    text: text, model: try code(e.model), prNumber: e.prNumber, metrics: chunk.metrics(of: e))
            }
            counters.eventsAccepted += 1
        }
        return counters
    }
}

extension CompactEvent {
    /// The counters every event may carry, as it wrote them (absent: nil); the 1.x ones
    /// live beside it (`DecodedChunk.metrics(of:)`).
    var coreMetrics: Metrics {
        func value(_ v: Int64) -> Int64? { v < 0 ? nil : v }
        return Metrics(
            durationSeconds: value(durationSeconds), tokenInput: value(tokenInput), tokenOutput: value(tokenOutput),
            tokenTotal: value(tokenTotal), estimatedCostUsd: cost < 0 ? nil : cost)
    }
}
