/// Accepted events, compact, first per eventId, with one string table: what a report holds
/// in memory, from input files (`merge`) or from the store (`CompactHistory+Store`).
struct CompactHistory {
    private(set) var events: [CompactEvent] = []
    /// The 1.x cost counters of the events that carry them (`CompactEvent.costCounters`).
    private(set) var costCounters: [CostCounters] = []
    /// Kept events' ids, numbered like `events` (byte order breaks timeline ties).
    private(set) var dedupe = Deduplicator()
    private var strings = ByteKeyTable()
    private(set) var texts: [String] = []
    private(set) var counters = IngestCounters()

    var ids: ByteKeyTable { dedupe.ids }

    /// Makes room for `events` more events at once (growing a large array by doubling
    /// would hold the old and the new copy at the same time).
    mutating func reserve(events more: Int, idBytes: Int) {
        events.reserveCapacity(events.count + more)
        dedupe.reserve(ids: more, bytes: idBytes)
    }

    /// An id known to be unique (a stored event's): kept for timeline ties, not indexed.
    mutating func append(uniqueId bytes: UnsafeRawBufferPointer) -> Int32 {
        Int32(dedupe.appendUnique(bytes))
    }

    mutating func intern(text bytes: UnsafeRawBufferPointer, hash: UInt64? = nil) -> Int32 {
        let (index, added) = strings.intern(bytes, hash: hash ?? ByteKeyTable.hash(bytes))
        if added { texts.append(String(decoding: bytes, as: UTF8.self)) }
        return Int32(index)
    }

    mutating func append(_ event: CompactEvent, costCounters extra: CostCounters? = nil) {
        var event = event
        if let extra, !extra.isEmpty {
            event.costCounters = Int32(costCounters.count)
            costCounters.append(extra)
        }
        events.append(event)
        counters.eventsAccepted = events.count
    }

    /// Adds a chunk after every earlier chunk (so the first line per eventId wins).
    mutating func merge(_ chunk: DecodedChunk) {
        if events.isEmpty && chunk.events.count > 1024 {
            // Size the history from the first chunk's density: no doubling copies later.
            reserve(events: chunk.events.count * 16, idBytes: chunk.strings.idArena.count * 16)
        }
        let local = chunk.strings.table
        var global = [Int32](repeating: 0, count: local.count)
        local.arena.withUnsafeBytes { arena in
            for i in 0..<local.count {
                let bytes = UnsafeRawBufferPointer(rebasing: arena[local.starts[i]..<local.starts[i + 1]])
                global[i] = intern(text: bytes, hash: local.hashes[i])
            }
        }
        @inline(__always) func map(_ i: Int32) -> Int32 { i < 0 ? i : global[Int(i)] }
        for (n, var event) in chunk.events.enumerated() {
            let id = Int(event.id)
            let verdict = chunk.strings.withIdBytes(id) { bytes in
                dedupe.admit(bytes, hash: chunk.strings.idHashes[id], fingerprint: chunk.fingerprints[n])
            }
            switch verdict {
            case .duplicate(let conflicting):
                counters.duplicates += 1
                if conflicting { counters.conflictingDuplicates += 1 }
            case .new(let index):
                event.id = Int32(index)
                event.session = map(event.session)
                event.repository = map(event.repository)
                event.branch = map(event.branch)
                event.title = map(event.title)
                event.model = map(event.model)
                if event.costCounters >= 0 {
                    let counters = chunk.costCounters[Int(event.costCounters)]
                    event.costCounters = Int32(costCounters.count)
                    costCounters.append(counters)
                }
                events.append(event)
            }
        }
        counters += chunk.counters  // the decoder counts lines; kept events are counted here
        counters.eventsAccepted = events.count
    }

    /// Calls `body` with every session's timeline: events grouped by session (a counting
    /// sort on the session's string number), each session sorted in timeline order
    /// (ANALYTICS.md section 3: capturedAt, then updatedAt or capturedAt, then eventId bytes).
    /// The one timeline order of the project.
    func forEachTimeline(_ body: (SessionTimeline<CompactText>) throws -> Void) rethrows {
        var starts = [Int](repeating: 0, count: texts.count + 1)
        for e in events { starts[Int(e.session) + 1] += 1 }
        for i in 0..<texts.count { starts[i + 1] += starts[i] }
        var next = starts
        var order = [Int32](repeating: 0, count: events.count)
        for (i, e) in events.enumerated() {
            order[next[Int(e.session)]] = Int32(i)
            next[Int(e.session)] += 1
        }
        let text = CompactText(strings: texts, costCounters: costCounters)
        let ids = dedupe.ids
        var session: [CompactEvent] = []
        for s in 0..<texts.count where starts[s + 1] > starts[s] {
            session.removeAll(keepingCapacity: true)
            for k in starts[s]..<starts[s + 1] { session.append(events[Int(order[k])]) }
            session.sort { a, b in
                if a.capturedMicros != b.capturedMicros { return a.capturedMicros < b.capturedMicros }
                if a.orderAt != b.orderAt { return a.orderAt < b.orderAt }
                return ids.precedes(Int(a.id), Int(b.id))
            }
            try body(SessionTimeline(sortedEvents: session, text: text))
        }
    }

    /// Adds every session to `builder`.
    func rollup(into builder: inout RollupBuilder) {
        forEachTimeline { builder.add($0) }
    }
}
