/// A string of at most 16 bytes packed into two little-endian words, so comparing a member
/// name or an enum value with a known one costs a few integer operations instead of a byte
/// loop. Built from a `StaticString`, the packing folds to constants at compile time.
struct ShortName: Equatable {
    var low: UInt64
    var high: UInt64
    var count: Int

    static let capacity = 16

    @inline(__always) init(_ literal: StaticString) {
        let bytes = literal.utf8Start
        let n = literal.utf8CodeUnitCount
        // Straight-line code (no loop, no trap) so the optimiser folds it to constants.
        @inline(__always) func at(_ k: Int) -> UInt64 { k < n ? UInt64(bytes[k]) : 0 }
        low = at(0) | at(1) << 8 | at(2) << 16 | at(3) << 24 | at(4) << 32 | at(5) << 40 | at(6) << 48 | at(7) << 56
        high = at(8) | at(9) << 8 | at(10) << 16 | at(11) << 24 | at(12) << 32 | at(13) << 40 | at(14) << 48 | at(15) << 56
        count = n <= Self.capacity ? n : -1  // a longer literal matches nothing
    }

    /// The bytes `start..<start + count` of a buffer of `end` bytes; nil when longer than 16.
    @inline(__always) init?(_ base: UnsafeRawPointer, start: Int, count: Int, end: Int) {
        guard count <= Self.capacity else { return nil }
        self.count = count
        if start &+ 16 <= end {
            let (low, high) = Self.words(base, start, count)
            self.low = low
            self.high = high
        } else {
            low = 0
            high = 0
            for k in 0..<count {
                let b = UInt64(base.load(fromByteOffset: start &+ k, as: UInt8.self))
                if k < 8 { low |= b << (8 * k) } else { high |= b << (8 * (k - 8)) }
            }
        }
    }

    /// Whether the buffer holds exactly this name at `start`, followed by a closing quote.
    /// Needs 16 readable bytes from `start` (callers fall back to a full scan otherwise).
    @inline(__always) func isQuoted(in base: UnsafeRawPointer, at start: Int, end: Int) -> Bool {
        guard start &+ 16 <= end, start &+ count < end else { return false }
        let (low, high) = Self.words(base, start, count)
        return low == self.low && high == self.high
            && base.load(fromByteOffset: start &+ count, as: UInt8.self) == UInt8(ascii: "\"")
    }

    /// Two whole-word loads, masked to the first `count` bytes (`start + 16 <= end`).
    @inline(__always) private static func words(_ base: UnsafeRawPointer, _ start: Int, _ count: Int) -> (UInt64, UInt64) {
        let w0 = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: start, as: UInt64.self))
        let w1 = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: start &+ 8, as: UInt64.self))
        let low = count >= 8 ? w0 : w0 & ((1 &<< (8 &* UInt64(truncatingIfNeeded: count))) &- 1)
        let high = count >= 16 ? w1 : count <= 8 ? 0 : w1 & ((1 &<< (8 &* UInt64(truncatingIfNeeded: count &- 8))) &- 1)
        return (low, high)
    }
}
