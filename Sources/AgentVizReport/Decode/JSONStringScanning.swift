/// Strings: the hot part of every line (most of its bytes are string content), so plain
/// ASCII is skipped eight bytes at a time and only the rare bytes take the careful path.
extension JSONLineScanner {
    /// `pos` is at the opening quote; on return it is just past the closing one.
    @inline(__always)
    mutating func scanString() throws(JSONSyntaxError) -> JSONStringToken {
        let start = pos &+ 1
        var escaped = false
        var i = start  // a local, so the fast loop keeps it in a register
        while true {
            while i &+ 8 <= end {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let special = Self.specialBytes(word)
                if special == 0 { i &+= 8; continue }
                // The lowest flagged byte is exact (the bit tricks only misfire above a
                // true hit), so this lands on the first byte that needs a closer look.
                i &+= special.trailingZeroBitCount >> 3
                break
            }
            // One byte: the one the word loop stopped at, or one of the line's last seven.
            guard i < end else {
                pos = i
                throw fail(.unexpectedEnd)
            }
            let b = byte(i)
            if b == UInt8(ascii: "\"") {
                pos = i &+ 1
                return JSONStringToken(start: start, end: i, escaped: escaped)
            }
            if b >= 0x20 && b < 0x80 && b != UInt8(ascii: "\\") {
                i &+= 1
                continue
            }
            pos = i
            try scanUnusualByte(escaped: &escaped)
            i = pos
        }
    }

    /// The slow path of `scanString`: an escape, a control character or non-ASCII UTF-8.
    @inline(never)
    private mutating func scanUnusualByte(escaped: inout Bool) throws(JSONSyntaxError) {
        let b = try peek()
        if b == UInt8(ascii: "\\") {
            escaped = true
            try scanEscape()
        } else if b < 0x20 {
            throw fail(.controlCharacter)
        } else {
            try scanMultiByte(lead: b)
        }
    }

    /// High bit set in each byte of `word` that is a quote, a backslash, a control
    /// character (< 0x20) or not ASCII; zero when all eight bytes are plain content.
    @inline(__always) static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let below20 = (word &- ones &* 0x20) & ~word
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let isQuote = (quote &- ones) & ~quote
        let isBackslash = (backslash &- ones) & ~backslash
        return (below20 | isQuote | isBackslash | word) & highs
    }

    /// `pos` is at a backslash. Accepts the eight short escapes and `\uXXXX`, where a high
    /// surrogate must be followed by an escaped low one and a low one may not stand alone.
    private mutating func scanEscape() throws(JSONSyntaxError) {
        pos += 1
        switch try peek() {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
             UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            pos += 1
        case UInt8(ascii: "u"):
            pos += 1
            let unit = try scanHex4()
            if unit & 0xFC00 == 0xDC00 { throw fail(.loneSurrogate) }
            if unit & 0xFC00 == 0xD800 {
                guard pos + 1 < end, byte(pos) == UInt8(ascii: "\\"), byte(pos + 1) == UInt8(ascii: "u") else {
                    throw fail(.loneSurrogate)
                }
                pos += 2
                guard try scanHex4() & 0xFC00 == 0xDC00 else { throw fail(.loneSurrogate) }
            }
        default:
            throw fail(.invalidEscape)
        }
    }

    private mutating func scanHex4() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = JSONUnescaper.hexValue(try peek()) else { throw fail(.invalidEscape) }
            value = value << 4 | digit
            pos += 1
        }
        return value
    }

    /// Well-formed UTF-8 per Unicode table 3-7: no overlongs, no UTF-16 surrogates, nothing
    /// above U+10FFFF, no truncated sequences.
    private mutating func scanMultiByte(lead: UInt8) throws(JSONSyntaxError) {
        let trailing: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: trailing = 1
        case 0xE0: trailing = 2; low = 0xA0
        case 0xED: trailing = 2; high = 0x9F
        case 0xE1...0xEF: trailing = 2
        case 0xF0: trailing = 3; low = 0x90
        case 0xF4: trailing = 3; high = 0x8F
        case 0xF1...0xF3: trailing = 3
        default: throw fail(.invalidUTF8)
        }
        guard pos + trailing < end else { throw fail(.invalidUTF8) }
        let second = byte(pos + 1)
        guard second >= low && second <= high else { throw fail(.invalidUTF8) }
        var k = 2
        while k <= trailing {
            guard byte(pos + k) & 0xC0 == 0x80 else { throw fail(.invalidUTF8) }
            k += 1
        }
        pos += trailing + 1
    }
}
