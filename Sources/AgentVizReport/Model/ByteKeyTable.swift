#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte strings numbered 0, 1, 2... in first-seen order: one arena for the bytes, an
/// open-addressing index of 8-byte slots, no allocation per key. Keys compare as bytes.
struct ByteKeyTable {
    private(set) var arena: [UInt8] = []
    /// Start of key `i` in the arena; `starts[count]` is the arena's end.
    private(set) var starts: [Int] = [0]
    private(set) var hashes: [UInt64] = []
    /// 0 = empty; else `hash >> 32 << 32 | (key + 1)`.
    private var slots = [UInt64](repeating: 0, count: 1 << 10)
    private var unindexed = false

    var count: Int { hashes.count }

    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = FNV1a64()
        hasher.add(bytes)
        return hasher.value
    }

    func bytes(_ key: Int) -> ArraySlice<UInt8> { arena[starts[key]..<starts[key + 1]] }

    /// Adds a key known to be new that will never be looked up (the ids of stored events,
    /// unique by construction): numbered like the others, but not indexed.
    mutating func appendUnindexed(_ key: UnsafeRawBufferPointer) -> Int {
        arena.append(contentsOf: key)
        starts.append(arena.count)
        hashes.append(0)
        unindexed = true
        return hashes.count - 1
    }

    /// Room for `keys` more keys of `bytes` bytes in all, without regrowing.
    mutating func reserve(keys: Int, bytes: Int, indexed: Bool = true) {
        arena.reserveCapacity(arena.count + bytes)
        starts.reserveCapacity(starts.count + keys)
        hashes.reserveCapacity(hashes.count + keys)
        guard indexed else { return }
        var size = slots.count
        while size < 2 * (hashes.count + keys) + 2 { size *= 2 }
        if size > slots.count {
            slots = [UInt64](repeating: 0, count: size / 2)  // grow() doubles and re-indexes
            grow()
        }
    }

    /// The key's number, and whether it was added now.
    mutating func intern(_ key: UnsafeRawBufferPointer, hash: UInt64) -> (index: Int, added: Bool) {
        precondition(!unindexed, "a table with unindexed keys cannot be searched")
        let tag = hash >> 32
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let value = slots[slot]
            if value == 0 { break }
            if value >> 32 == tag {
                let index = Int(value & 0xFFFF_FFFF) - 1
                if matches(index, key) { return (index, false) }
            }
            slot = (slot + 1) & mask
        }
        let index = hashes.count
        arena.append(contentsOf: key)
        starts.append(arena.count)
        hashes.append(hash)
        slots[slot] = tag << 32 | UInt64(index + 1)
        if hashes.count * 2 > slots.count { grow() }
        return (index, true)
    }

    mutating func intern(_ key: UnsafeRawBufferPointer) -> (index: Int, added: Bool) {
        intern(key, hash: Self.hash(key))
    }

    /// Byte order of two keys.
    func precedes(_ a: Int, _ b: Int) -> Bool {
        arena.withUnsafeBytes { bytes in
            let la = starts[a + 1] - starts[a], lb = starts[b + 1] - starts[b]
            let common = min(la, lb)
            let c = common == 0 ? 0 : memcmp(bytes.baseAddress! + starts[a], bytes.baseAddress! + starts[b], common)
            return c != 0 ? c < 0 : la < lb
        }
    }

    private func matches(_ index: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let start = starts[index], length = starts[index + 1] - start
        guard length == key.count else { return false }
        return length == 0 || arena.withUnsafeBytes { memcmp($0.baseAddress! + start, key.baseAddress!, length) == 0 }
    }

    private mutating func grow() {
        var bigger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = (hash >> 32) << 32 | UInt64(index + 1)
        }
        slots = bigger
    }
}
