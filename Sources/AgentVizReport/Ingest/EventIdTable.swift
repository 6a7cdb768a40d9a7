/// The eventIds seen so far, each with the content fingerprint of its first event.
///
/// Exact (ids are compared byte for byte, a hash only picks the bucket), and several times
/// faster and smaller than `[String: UInt64]` for a million ids: a `ByteKeyTable` (one
/// arena, no allocation per id) beside an array of fingerprints.
struct EventIdTable {
    private var ids = ByteKeyTable()
    private var fingerprints: [UInt64] = []

    var count: Int { ids.count }

    /// Records `id` with `fingerprint` unless it is already there; returns the fingerprint
    /// recorded first when it is.
    mutating func insert(_ id: String, fingerprint: UInt64) -> UInt64? {
        var id = id
        return id.withUTF8 { insert(UnsafeRawBufferPointer($0), fingerprint: fingerprint) }
    }

    mutating func insert(_ id: UnsafeRawBufferPointer, fingerprint: UInt64) -> UInt64? {
        let (index, added) = ids.intern(id)
        guard !added else {
            fingerprints.append(fingerprint)
            return nil
        }
        return fingerprints[index]
    }
}
