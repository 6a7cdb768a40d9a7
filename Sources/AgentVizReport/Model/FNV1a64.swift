/// 64-bit FNV-1a: small, fast and the same on every run and platform (unlike `Hasher`,
/// which is seeded per process), so its values can be persisted.
public struct FNV1a64: Sendable {
    public static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01B3

    public private(set) var value: UInt64

    public init(value: UInt64 = FNV1a64.offsetBasis) { self.value = value }

    @inline(__always)
    public mutating func add(_ byte: UInt8) { value = (value ^ UInt64(byte)) &* Self.prime }

    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var h = value
        for byte in bytes { h = (h ^ UInt64(byte)) &* Self.prime }
        value = h
    }

    /// Eight bytes, little-endian.
    public mutating func add(_ word: UInt64) {
        var h = value
        h = (h ^ (word & 0xFF)) &* Self.prime
        h = (h ^ (word >> 8 & 0xFF)) &* Self.prime
        h = (h ^ (word >> 16 & 0xFF)) &* Self.prime
        h = (h ^ (word >> 24 & 0xFF)) &* Self.prime
        h = (h ^ (word >> 32 & 0xFF)) &* Self.prime
        h = (h ^ (word >> 40 & 0xFF)) &* Self.prime
        h = (h ^ (word >> 48 & 0xFF)) &* Self.prime
        h = (h ^ (word >> 56)) &* Self.prime
        value = h
    }

    /// The string's UTF-8 bytes, without a length.
    public mutating func addBytes(of string: String) {
        var string = string
        string.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    /// FNV-1a of the UTF-8 bytes of `string`.
    public static func hash(_ string: String) -> UInt64 {
        var hasher = FNV1a64()
        hasher.addBytes(of: string)
        return hasher.value
    }
}
