/// Turns string tokens that the scanner has already validated into values. Because the
/// scanner checked every escape, surrogate pair and UTF-8 sequence, nothing here can fail.
enum JSONUnescaper {
    @inline(__always) static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b &- UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b &- UInt8(ascii: "a") &+ 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b &- UInt8(ascii: "A") &+ 10)
        default: nil
        }
    }

    /// The token's value as a String; escape-free tokens are copied as they are.
    static func string(_ token: JSONStringToken, in base: UnsafeRawPointer) -> String {
        let count = token.end &- token.start
        if !token.escaped {
            // `String(decoding:)` on a typed buffer is the cheapest way in (about half the
            // cost of `String(unsafeUninitializedCapacity:)`). The line is a byte buffer,
            // so viewing it as UInt8 is what it is.
            let bytes = (base + token.start).assumingMemoryBound(to: UInt8.self)
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }
        // An escape never decodes to more bytes than it occupies (`\uXXXX` is 6 bytes for
        // at most 3, a pair 12 for 4), so the raw length is enough capacity.
        return String(unsafeUninitializedCapacity: count) { out in
            unescape(token, in: base, into: out.baseAddress!)
        }
    }

    /// Writes the UTF-8 of the token's value to `out` (room for the raw length) and
    /// returns the number of bytes written.
    static func unescape(_ token: JSONStringToken, in base: UnsafeRawPointer, into out: UnsafeMutablePointer<UInt8>) -> Int {
        @inline(__always) func byte(_ i: Int) -> UInt8 { base.load(fromByteOffset: i, as: UInt8.self) }
        func hex4(_ i: Int) -> UInt32 {
            (hexValue(byte(i))! << 12) | (hexValue(byte(i + 1))! << 8)
                | (hexValue(byte(i + 2))! << 4) | hexValue(byte(i + 3))!
        }
        var i = token.start
        var o = 0
        while i < token.end {
            let b = byte(i)
            guard b == UInt8(ascii: "\\") else {
                out[o] = b
                o += 1
                i += 1
                continue
            }
            let kind = byte(i + 1)
            i += 2
            let simple: UInt8
            switch kind {
            case UInt8(ascii: "b"): simple = 0x08
            case UInt8(ascii: "f"): simple = 0x0C
            case UInt8(ascii: "n"): simple = 0x0A
            case UInt8(ascii: "r"): simple = 0x0D
            case UInt8(ascii: "t"): simple = 0x09
            case UInt8(ascii: "u"):
                var scalar = hex4(i)
                i += 4
                if scalar & 0xFC00 == 0xD800 {
                    let low = hex4(i + 2)
                    i += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                o += writeUTF8(scalar, to: out + o)
                continue
            default: simple = kind  // `"`, `\` and `/` stand for themselves
            }
            out[o] = simple
            o += 1
        }
        return o
    }

    private static func writeUTF8(_ scalar: UInt32, to out: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case ..<0x80:
            out[0] = UInt8(scalar)
            return 1
        case ..<0x800:
            out[0] = UInt8(0xC0 | scalar >> 6)
            out[1] = UInt8(0x80 | scalar & 0x3F)
            return 2
        case ..<0x10000:
            out[0] = UInt8(0xE0 | scalar >> 12)
            out[1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[2] = UInt8(0x80 | scalar & 0x3F)
            return 3
        default:
            out[0] = UInt8(0xF0 | scalar >> 18)
            out[1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            out[2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[3] = UInt8(0x80 | scalar & 0x3F)
            return 4
        }
    }
}
