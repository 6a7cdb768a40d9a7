/// The one place that decides "first accepted line per eventId wins" (ANALYTICS.md
/// section 2): ids seen in this run in memory (exact, compared as bytes), and, for an
/// ingest, the ids earlier runs kept in the store, asked through `kept`.
struct Deduplicator {
    enum Verdict: Equatable {
        /// The id's first line: keep it. `index` numbers the run's kept ids from 0.
        case new(index: Int)
        /// A later line with a kept id; `conflicting` when its content differs.
        case duplicate(conflicting: Bool)
    }

    /// Ids seen in this run, numbered in first-seen order.
    private(set) var ids = ByteKeyTable()
    /// The kept event's fingerprint per id of `ids`.
    private var fingerprints: [UInt64] = []

    mutating func reserve(ids count: Int, bytes: Int) {
        ids.reserve(keys: count, bytes: bytes)
        fingerprints.reserveCapacity(fingerprints.count + count)
    }

    /// Numbers an id known to be unique (a stored event's, read back for a report) for
    /// timeline ties; a table with such ids admits nothing more.
    mutating func appendUnique(_ id: UnsafeRawBufferPointer) -> Int {
        fingerprints.append(0)
        return ids.appendUnindexed(id)
    }

    /// In memory only: `--input` and `validate`.
    mutating func admit(_ id: UnsafeRawBufferPointer, hash: UInt64, fingerprint: UInt64) -> Verdict {
        admit(id, hash: hash, fingerprint: fingerprint, kept: { _, _ in nil })
    }

    /// `kept(id, hash)`: the fingerprint of the event an earlier run stored under this id.
    mutating func admit(
        _ id: UnsafeRawBufferPointer, hash: UInt64, fingerprint: UInt64,
        kept: (UnsafeRawBufferPointer, UInt64) throws -> UInt64?
    ) rethrows -> Verdict {
        let (index, added) = ids.intern(id, hash: hash)
        guard added else { return .duplicate(conflicting: fingerprints[index] != fingerprint) }
        if let stored = try kept(id, hash) {
            fingerprints.append(stored)  // later copies compare with the stored event
            return .duplicate(conflicting: stored != fingerprint)
        }
        fingerprints.append(fingerprint)
        return .new(index: index)
    }
}
