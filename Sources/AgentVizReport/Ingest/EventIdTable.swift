#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The eventIds seen so far, each with the content fingerprint of its first event.
///
/// Exact (ids are compared byte for byte, a hash only picks the bucket), and several times
/// faster and smaller than `[String: UInt64]` for a million ids: the id bytes live in one
/// arena, entries are fixed-size, and the open-addressing index holds 8 bytes per slot
/// (a 32-bit hash tag and the entry number) with no per-id allocation.
struct EventIdTable {
    private struct Entry {
        var offset: Int
        var length: Int
        var fingerprint: UInt64
    }

    private var arena: [UInt8] = []
    private var entries: [Entry] = []
    /// 0 = empty; else `tag << 32 | (entry index + 1)`.
    private var slots: [UInt64] = Array(repeating: 0, count: 1 << 12)

    var count: Int { entries.count }

    /// Records `id` with `fingerprint` unless it is already there; returns the fingerprint
    /// recorded first when it is.
    mutating func insert(_ id: String, fingerprint: UInt64) -> UInt64? {
        var id = id
        return id.withUTF8 { insert(UnsafeRawBufferPointer($0), fingerprint: fingerprint) }
    }

    mutating func insert(_ id: UnsafeRawBufferPointer, fingerprint: UInt64) -> UInt64? {
        var hasher = FNV1a64()
        hasher.add(id)
        let hash = hasher.value
        let tag = hash >> 32
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let value = slots[slot]
            if value == 0 { break }
            if value >> 32 == tag {
                let entry = entries[Int(value & 0xFFFF_FFFF) - 1]
                if entry.length == id.count && arenaMatches(entry, id) { return entry.fingerprint }
            }
            slot = (slot + 1) & mask
        }
        entries.append(Entry(offset: arena.count, length: id.count, fingerprint: fingerprint))
        arena.append(contentsOf: id)
        slots[slot] = tag << 32 | UInt64(entries.count)
        if entries.count * 2 > slots.count { grow() }
        return nil
    }

    private func arenaMatches(_ entry: Entry, _ id: UnsafeRawBufferPointer) -> Bool {
        arena.withUnsafeBytes { bytes in
            id.count == 0 || memcmp(bytes.baseAddress! + entry.offset, id.baseAddress!, id.count) == 0
        }
    }

    /// Doubles the index; entries and arena stay where they are.
    private mutating func grow() {
        var bigger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        arena.withUnsafeBytes { bytes in
            for (index, entry) in entries.enumerated() {
                var hasher = FNV1a64()
                hasher.add(UnsafeRawBufferPointer(rebasing: bytes[entry.offset..<entry.offset + entry.length]))
                var slot = Int(truncatingIfNeeded: hasher.value) & mask
                while bigger[slot] != 0 { slot = (slot + 1) & mask }
                bigger[slot] = (hasher.value >> 32) << 32 | UInt64(index + 1)
            }
        }
        slots = bigger
    }
}
