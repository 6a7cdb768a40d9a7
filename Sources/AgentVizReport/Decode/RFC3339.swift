/// RFC 3339 timestamps as the contract writes them (`format` lives in Model/Timestamp.swift).
public enum RFC3339 {
    /// Parses `YYYY-MM-DD(T|t)HH:MM:SS(.fraction)?(Z|z|+HH:MM|-HH:MM)` into the UTC instant.
    ///
    /// Strict: every field has exactly its digits, the date must exist (Feb 29 only in
    /// leap years), second 60 is refused (a leap second has no instant in a count of
    /// microseconds), and digits of the fraction beyond microseconds are truncated.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Timestamp? {
        guard let base = bytes.baseAddress, bytes.count >= 20 else { return nil }
        return parse(base, count: bytes.count)
    }

    public static func parse(_ text: String) -> Timestamp? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// `base` holds `n >= 20` bytes.
    static func parse(_ base: UnsafeRawPointer, count n: Int) -> Timestamp? {
        @inline(__always) func at(_ i: Int) -> UInt8 { base.load(fromByteOffset: i, as: UInt8.self) }
        /// Two ASCII digits at `i` as a number, or -1 when either is not a digit.
        @inline(__always) func two(_ i: Int) -> Int64 {
            let tens = at(i) &- UInt8(ascii: "0")
            let ones = at(i &+ 1) &- UInt8(ascii: "0")
            return tens < 10 && ones < 10 ? Int64(tens) &* 10 &+ Int64(ones) : -1
        }
        let century = two(0), yy = two(2), month = two(5), day = two(8)
        let hour = two(11), minute = two(14), second = two(17)
        guard century >= 0, yy >= 0, at(4) == UInt8(ascii: "-"), at(7) == UInt8(ascii: "-"),
              at(10) | 0x20 == UInt8(ascii: "t"), at(13) == UInt8(ascii: ":"), at(16) == UInt8(ascii: ":"),
              month >= 1, month <= 12, day >= 1, hour >= 0, hour <= 23, minute >= 0, minute <= 59,
              second >= 0, second <= 59
        else { return nil }
        let year = century &* 100 &+ yy
        guard day <= CivilDate.daysInMonth(year: year, month: month) else { return nil }

        var i = 19
        var micros: Int64 = 0
        if at(i) == UInt8(ascii: ".") {
            i &+= 1
            var digits = 0
            while i < n {
                let d = at(i) &- UInt8(ascii: "0")
                guard d < 10 else { break }
                if digits < 6 { micros = micros &* 10 &+ Int64(d) }
                digits &+= 1
                i &+= 1
            }
            guard digits > 0 else { return nil }
            while digits < 6 { micros &*= 10; digits &+= 1 }
        }

        guard i < n else { return nil }
        var offsetSeconds: Int64 = 0
        switch at(i) {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard i &+ 1 == n else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard i &+ 6 == n, at(i &+ 3) == UInt8(ascii: ":") else { return nil }
            let oh = two(i &+ 1), om = two(i &+ 4)
            guard oh >= 0, oh <= 23, om >= 0, om <= 59 else { return nil }
            offsetSeconds = (oh &* 3600 &+ om &* 60) &* (at(i) == UInt8(ascii: "+") ? 1 : -1)
        default:
            return nil
        }

        let days = CivilDate.days(year: year, month: month, day: day)
        let local = days &* 86_400 &+ hour &* 3600 &+ minute &* 60 &+ second
        // Local time minus its offset is UTC: 23:30-01:00 is 00:30Z the next day.
        return Timestamp(microseconds: (local &- offsetSeconds) &* 1_000_000 &+ micros)
    }
}
