/// Every accepted event of an input, compact, first per eventId, with one string table:
/// what the fast `--input` path holds in memory (about 170 bytes per event).
struct CompactHistory {
    private(set) var events: [CompactEvent] = []
    /// Kept events' ids, numbered like `events` (byte order breaks timeline ties).
    private(set) var ids = ByteKeyTable()
    private var fingerprints: [UInt64] = []
    private var strings = ByteKeyTable()
    private(set) var texts: [String] = []
    private(set) var counters = IngestCounters()
    /// False for `validate`: count and deduplicate, but keep no events or strings.
    var keepsEvents = true
    private var kept = 0

    /// Makes room for `events` more events at once (growing a large array by doubling
    /// would hold the old and the new copy at the same time).
    mutating func reserve(events more: Int, idBytes: Int, deduplicate: Bool = true) {
        events.reserveCapacity(events.count + more)
        if deduplicate { fingerprints.reserveCapacity(fingerprints.count + more) }
        ids.reserve(keys: more, bytes: idBytes, indexed: deduplicate)
    }

    /// An id known to be unique (a stored event's): kept for timeline ties, not indexed.
    mutating func append(uniqueId bytes: UnsafeRawBufferPointer) -> Int32 {
        Int32(ids.appendUnindexed(bytes))
    }

    mutating func intern(text bytes: UnsafeRawBufferPointer, hash: UInt64? = nil) -> Int32 {
        let (index, added) = strings.intern(bytes, hash: hash ?? ByteKeyTable.hash(bytes))
        if added { texts.append(String(decoding: bytes, as: UTF8.self)) }
        return Int32(index)
    }

    mutating func append(_ event: CompactEvent) {
        events.append(event)
        kept += 1
        counters.eventsAccepted = kept
    }

    /// Adds a chunk after every earlier chunk (so the first line per eventId wins); its
    /// line numbers are shifted by `linesBefore`, and its rejected lines passed on in order.
    mutating func merge(_ chunk: DecodedChunk, linesBefore: Int, onRejected: (RejectedLine) -> Void) {
        let local = chunk.strings.table
        var global = [Int32](repeating: 0, count: keepsEvents ? local.count : 0)
        if keepsEvents { local.arena.withUnsafeBytes { arena in
            for i in 0..<local.count {
                let start = local.starts[i], end = local.starts[i + 1]
                let bytes = UnsafeRawBufferPointer(rebasing: arena[start..<end])
                global[i] = intern(text: bytes, hash: local.hashes[i])
            }
        } }
        @inline(__always) func map(_ i: Int32) -> Int32 { i < 0 ? i : global[Int(i)] }
        chunk.strings.idArena.withUnsafeBytes { arena in
            for (n, var event) in chunk.events.enumerated() {
                let local = Int(event.id)
                let start = chunk.strings.idStarts[local], end = chunk.strings.idStarts[local + 1]
                let (id, added) = ids.intern(UnsafeRawBufferPointer(rebasing: arena[start..<end]), hash: chunk.strings.idHashes[local])
                let fingerprint = chunk.fingerprints[n]
                guard added else {
                    counters.duplicates += 1
                    if fingerprints[id] != fingerprint { counters.conflictingDuplicates += 1 }
                    continue
                }
                fingerprints.append(fingerprint)
                kept += 1
                guard keepsEvents else { continue }
                event.id = Int32(id)
                event.session = map(event.session)
                event.repository = map(event.repository)
                event.branch = map(event.branch)
                event.title = map(event.title)
                events.append(event)
            }
        }
        counters.linesRead += chunk.counters.linesRead
        counters.redactions += chunk.counters.redactions
        counters.rejectedByReason.merge(chunk.counters.rejectedByReason, uniquingKeysWith: +)
        counters.eventsAccepted = kept
        for var line in chunk.rejected {
            line.line += linesBefore
            onRejected(line)
        }
    }

    /// Adds every session to `builder`: events grouped by session (a counting sort on the
    /// session's string number), each session sorted in timeline order.
    func rollup(into builder: inout RollupBuilder) {
        var starts = [Int](repeating: 0, count: texts.count + 1)
        for e in events { starts[Int(e.session) + 1] += 1 }
        for i in 0..<texts.count { starts[i + 1] += starts[i] }
        var next = starts
        var order = [Int32](repeating: 0, count: events.count)
        for (i, e) in events.enumerated() {
            order[next[Int(e.session)]] = Int32(i)
            next[Int(e.session)] += 1
        }
        let text = CompactText(strings: texts)
        var session: [CompactEvent] = []
        for s in 0..<texts.count where starts[s + 1] > starts[s] {
            session.removeAll(keepingCapacity: true)
            for k in starts[s]..<starts[s + 1] { session.append(events[Int(order[k])]) }
            session.sort { a, b in
                if a.capturedMicros != b.capturedMicros { return a.capturedMicros < b.capturedMicros }
                if a.orderAt != b.orderAt { return a.orderAt < b.orderAt }
                return ids.precedes(Int(a.id), Int(b.id))
            }
            builder.add(SessionTimeline(sortedEvents: session, text: text))
        }
    }
}
