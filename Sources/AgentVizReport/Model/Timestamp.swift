/// An instant as microseconds since 1970-01-01T00:00:00Z.
///
/// Microseconds cover years 0000-9999 in an `Int64` with room to spare; digits of a
/// fractional second beyond the sixth are truncated (ordering ties below 1 µs fall back
/// to `updatedAt` and `eventId`, as the timeline order prescribes).
public struct Timestamp: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var microseconds: Int64

    public init(microseconds: Int64) { self.microseconds = microseconds }
    public init(seconds: Int64) { self.microseconds = seconds * 1_000_000 }

    public static func < (a: Self, b: Self) -> Bool { a.microseconds < b.microseconds }

    public var description: String { RFC3339.format(self) }
}

extension Timestamp {
    /// Whole days since 1970-01-01 and the microseconds into that day (UTC), floor-divided
    /// so instants before 1970 land on the right day.
    var utcDayAndMicros: (day: Int64, micros: Int64) {
        let perDay: Int64 = 86_400_000_000
        var day = microseconds / perDay
        var rest = microseconds % perDay
        if rest < 0 { day -= 1; rest += perDay }
        return (day, rest)
    }
}

/// Civil calendar arithmetic on the proleptic Gregorian calendar (Howard Hinnant's
/// `days_from_civil` / `civil_from_days`), exact for every year the contract can carry.
public enum CivilDate {
    public static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day)
    }

    public static func isLeap(_ year: Int64) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// RFC 3339 text for instants. Parsing lives beside the decoder (`Decode/RFC3339.swift`).
extension RFC3339 {
    /// `YYYY-MM-DDTHH:MM:SSZ`, with `.ffffff` (trailing zeros trimmed) only when the instant
    /// has a fractional second.
    public static func format(_ t: Timestamp) -> String {
        let (day, micros) = t.utcDayAndMicros
        let (y, m, d) = CivilDate.civil(days: day)
        let secs = micros / 1_000_000
        let frac = micros % 1_000_000
        var s = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T"
        s += pad(secs / 3600, 2) + ":" + pad(secs / 60 % 60, 2) + ":" + pad(secs % 60, 2)
        if frac != 0 {
            var f = pad(frac, 6)
            while f.hasSuffix("0") { f.removeLast() }
            s += "." + f
        }
        return s + "Z"
    }

    /// The UTC day of an instant: `YYYY-MM-DD`.
    public static func formatDay(_ t: Timestamp) -> String {
        String(format(t).prefix(10))
    }

    static func pad(_ v: Int64, _ width: Int) -> String {
        let digits = String(v)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
