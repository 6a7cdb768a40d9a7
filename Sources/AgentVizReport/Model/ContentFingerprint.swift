/// A 64-bit FNV-1a over an event's contract fields (ANALYTICS.md section 2): equal content
/// gives equal fingerprints, so a conflicting duplicate (same eventId, other content) is told
/// from a true one. Strings enter by their own FNV-1a hash (`ByteKeyTable.hash`), so the
/// decoder hashes each distinct string once per chunk; values as kept (a derived tokenTotal
/// is already filled in, instants in microseconds, costs in nano-dollars).
///
/// The store persists fingerprints: changing this encoding needs a migration that
/// recomputes them (migration 3 does it from stored values with this same function).
struct ContentFingerprint {
    private var h = FNV1a64()

    init(version: UnsafeRawBufferPointer, idHash: UInt64, capturedMicros: Int64) {
        h.add(version)
        h.add(idHash)
        h.add(UInt64(bitPattern: capturedMicros))
    }

    /// Text fields in this order: source, sessionId, repository, branch, title (nil: absent).
    mutating func text(_ hash: UInt64?) {
        if let hash { h.add(1 as UInt8); h.add(hash) } else { h.add(0 as UInt8) }
    }

    /// Codes, then numbers, then the rest: see `finish`.
    mutating func codes(sourceType: UInt8, status: UInt8, action: UInt8) {
        h.add(sourceType)
        h.add(status)
        h.add(action)
    }

    mutating func number(_ n: Int64?) {
        if let n { h.add(1 as UInt8); h.add(UInt64(bitPattern: n)) } else { h.add(0 as UInt8) }
    }

    /// prNumber, updatedAt, then the metrics, then debugEnabled, then the 1.x cost fields
    /// (model: its text hash) only when one is present, so that an event without them keeps
    /// the fingerprint stores written before they existed hold.
    mutating func finish(prNumber: Int64?, updatedMicros: Int64?, metrics m: Metrics, debugEnabled: Bool?, model: UInt64? = nil) -> UInt64 {
        number(prNumber); number(updatedMicros); number(m.durationSeconds)
        number(m.tokenInput); number(m.tokenOutput); number(m.tokenTotal)
        if let cost = m.estimatedCostUsd {
            // As kept, to the nano-dollar: 0.30000000000000004 and 0.3 are one cost.
            let nanos = Usage.nanos(cost)
            h.add(1 as UInt8)
            h.add(UInt64(truncatingIfNeeded: nanos))
            h.add(UInt64(truncatingIfNeeded: nanos >> 64))
        } else {
            h.add(0 as UInt8)
        }
        h.add(debugEnabled.map { $0 ? 2 : 1 } ?? 0 as UInt8)
        if model != nil || m.hasVersion11Fields {
            h.add(3 as UInt8)
            text(model)
            number(m.tokenCacheRead); number(m.tokenCacheWrite)
            amount(m.aiCredits); amount(m.premiumRequests)
        }
        return h.value
    }

    /// A money-like amount as kept, in billionths (ANALYTICS.md section 2: by value).
    private mutating func amount(_ value: Double?) {
        guard let value else { return h.add(0 as UInt8) }
        let n = Usage.nanos(value)
        h.add(1 as UInt8)
        h.add(UInt64(truncatingIfNeeded: n))
        h.add(UInt64(truncatingIfNeeded: n >> 64))
    }
}

extension ContentFingerprint {
    /// The fingerprint of decoded fields whose text is of any kind (`hash` gives each text's
    /// FNV-1a): the decoder's interned numbers and migration 3's Strings go through here.
    static func of<Text>(
        version: UnsafeRawBufferPointer, idHash: UInt64, _ f: DecodedFields<Text>, hash: (Text) -> UInt64
    ) -> UInt64 {
        var h = ContentFingerprint(version: version, idHash: idHash, capturedMicros: f.capturedAt.microseconds)
        h.text(f.source.map(hash)); h.text(hash(f.sessionId)); h.text(f.repository.map(hash))
        h.text(f.branch.map(hash)); h.text(f.title.map(hash))
        h.codes(sourceType: f.sourceType.compactCode, status: f.status.compactCode, action: f.operatorAction.compactCode)
        return h.finish(prNumber: f.prNumber, updatedMicros: f.updatedAt?.microseconds, metrics: f.metrics,
                        debugEnabled: f.debugEnabled, model: f.model.map(hash))
    }
}
