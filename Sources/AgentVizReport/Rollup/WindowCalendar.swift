import Foundation

/// Builds report windows (ANALYTICS.md section 4) in UTC or an IANA time zone.
///
/// - Weeks are ISO 8601 weeks, Monday 00:00 local to the next Monday 00:00 local, labelled
///   `YYYY-Www` with the ISO week-numbering year (2024-12-30 is in `2025-W01`).
/// - Days (`YYYY-MM-DD`) and months (`YYYY-MM`) run from local midnight to local midnight.
/// - Bounds are the UTC instants of those local midnights, so in a zone with daylight-saving
///   time a day is 23 or 25 hours long and a week 167 or 169 hours around a change.
/// - A local midnight that does not exist (a zone whose clocks jump forward at midnight)
///   resolves to the first instant after the gap; a midnight that occurs twice (clocks fall
///   back across midnight) resolves to its first occurrence. Either way consecutive windows
///   tile the timeline without gaps or overlaps.
///
/// The clock is never read here: callers pass `now`.
public struct WindowCalendar: Sendable {
    /// The zone name as given to `init` (for example `UTC` or `Europe/Berlin`).
    public let timeZoneIdentifier: String
    private let zone: Zone

    private enum Zone: Sendable {
        case utc
        case named(TimeZone)
    }

    /// `timeZone` is an IANA zone name such as `Europe/Berlin`, or `UTC`.
    public init(timeZone: String = "UTC") throws(WindowError) {
        timeZoneIdentifier = timeZone
        if timeZone == "UTC" || timeZone == "Etc/UTC" {
            zone = .utc
            return
        }
        guard Self.isIANAName(timeZone), let tz = TimeZone(identifier: timeZone) else {
            throw WindowError(
                "unknown time zone '\(timeZone)' (expected an IANA name such as Europe/Berlin or UTC)")
        }
        zone = .named(tz)
    }

    /// Foundation also accepts abbreviations (`PST`) and offsets (`GMT+2`) that are not zone
    /// names; only names from the IANA database are taken, checked against Foundation's list
    /// and, for the aliases it leaves out (`US/Eastern`, `Etc/GMT+5`), the zoneinfo files.
    private static func isIANAName(_ id: String) -> Bool {
        if id.isEmpty || id.utf8.count > 64 { return false }
        for b in id.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "/"), UInt8(ascii: "_"),
                UInt8(ascii: "-"), UInt8(ascii: "+"):
                continue
            default:
                return false
            }
        }
        if id.hasPrefix("/") || id.hasSuffix("/") || id.contains("//") { return false }
        if TimeZone.knownTimeZoneIdentifiers.contains(id) { return true }
        for dir in ["/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/", "/var/db/timezone/zoneinfo/"] {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir + id, isDirectory: &isDir), !isDir.boolValue {
                return true
            }
        }
        return false
    }

    // MARK: - Parsing labels

    /// The ISO week `YYYY-Www`, for example `2026-W47`.
    public func week(_ label: String) throws(WindowError) -> Window {
        let b = Array(label.utf8)
        guard b.count == 8, b[4] == UInt8(ascii: "-"), b[5] == UInt8(ascii: "W"),
            let year = Self.number(b[0..<4]), let week = Self.number(b[6..<8])
        else {
            throw WindowError("invalid week '\(label)' (expected YYYY-Www, for example 2026-W47)")
        }
        let weeks = Self.isoWeeksInYear(year)
        guard week >= 1, week <= weeks else {
            throw WindowError(
                "invalid week '\(label)': \(Self.pad(year, 4)) has \(weeks) ISO weeks "
                    + "(expected \(Self.pad(year, 4))-W01 to \(Self.pad(year, 4))-W\(weeks))")
        }
        let monday = Self.isoWeek1Monday(year) + (week - 1) * 7
        return weekWindow(monday: monday)
    }

    /// The calendar day `YYYY-MM-DD`, for example `2026-11-20`.
    public func day(_ label: String) throws(WindowError) -> Window {
        let day = try Self.parseDate(label, what: "day")
        return dayWindow(day)
    }

    /// The calendar month `YYYY-MM`, for example `2026-11`.
    public func month(_ label: String) throws(WindowError) -> Window {
        let b = Array(label.utf8)
        guard b.count == 7, b[4] == UInt8(ascii: "-"),
            let year = Self.number(b[0..<4]), let month = Self.number(b[5..<7])
        else {
            throw WindowError("invalid month '\(label)' (expected YYYY-MM, for example 2026-11)")
        }
        guard month >= 1, month <= 12 else {
            throw WindowError(
                "invalid month '\(label)': the month must be 01 to 12 (expected YYYY-MM, for example 2026-11)")
        }
        return monthWindow(year * 12 + month - 1)
    }

    /// The range `[since, until)`. Each bound is a date `YYYY-MM-DD` (local midnight in this
    /// calendar's zone) or an RFC 3339 instant (`2026-11-20T09:30:00Z`,
    /// `2026-11-20T09:30:00.5+01:00`). The label is `SINCE..UNTIL` as given.
    public func custom(since: String, until: String) throws(WindowError) -> Window {
        let start = try instant(since, what: "since")
        let end = try instant(until, what: "until")
        guard start < end else {
            throw WindowError(
                "empty range: since '\(since)' (\(start)) is not before until '\(until)' (\(end)) "
                    + "(expected since < until)")
        }
        return Window(kind: .custom, label: since + ".." + until, start: start, end: end)
    }

    // MARK: - Windows around an instant

    /// The window of `kind` that holds `t`. Not for `.custom`, which has no natural grid.
    public func window(_ kind: PeriodKind, containing t: Timestamp) -> Window {
        let day = localDay(of: t)
        switch kind {
        case .day:
            var d = day
            var w = dayWindow(d)
            while t < w.start { d -= 1; w = dayWindow(d) }
            while t >= w.end { d += 1; w = dayWindow(d) }
            return w
        case .week:
            var monday = day - Self.weekdayIndex(day)
            var w = weekWindow(monday: monday)
            while t < w.start { monday -= 7; w = weekWindow(monday: monday) }
            while t >= w.end { monday += 7; w = weekWindow(monday: monday) }
            return w
        case .month:
            let c = CivilDate.civil(days: day)
            var index = c.year * 12 + c.month - 1
            var w = monthWindow(index)
            while t < w.start { index -= 1; w = monthWindow(index) }
            while t >= w.end { index += 1; w = monthWindow(index) }
            return w
        case .custom:
            preconditionFailure("WindowCalendar.window(_:containing:) has no grid for custom windows")
        }
    }

    /// The last complete window of `kind` ending at or before `now`: with `now` on a
    /// Wednesday the week before this one, with `now` exactly Monday 00:00 the week that just
    /// ended. Not for `.custom`.
    public func lastComplete(_ kind: PeriodKind, before now: Timestamp) -> Window {
        precondition(kind != .custom, "WindowCalendar.lastComplete has no grid for custom windows")
        return previous(window(kind, containing: now))
    }

    /// The window just before `w`: the previous ISO week, day or calendar month; for a custom
    /// window, the range of the same duration ending at `w.start`.
    /// An instant as RFC 3339 in this calendar's zone: `2026-11-02T00:00:00+01:00` in
    /// Europe/Berlin, `...Z` in UTC (how a report's header names its boundaries).
    public func local(_ t: Timestamp) -> String {
        let seconds = Self.floorDiv(t.microseconds, 1_000_000)
        let offset = offset(atUTC: seconds)
        let shifted = RFC3339.format(Timestamp(microseconds: t.microseconds + offset * 1_000_000))
        guard offset != 0 || !isUTC else { return shifted }
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        return String(shifted.dropLast()) + sign + RFC3339.pad(magnitude / 3600, 2) + ":" + RFC3339.pad(magnitude / 60 % 60, 2)
    }

    private var isUTC: Bool {
        if case .utc = zone { return true }
        return false
    }

    public func previous(_ w: Window) -> Window {
        switch w.kind {
        case .day, .week, .month:
            return window(w.kind, containing: Timestamp(microseconds: w.start.microseconds - 1))
        case .custom:
            let start = Timestamp(microseconds: w.start.microseconds - w.durationMicroseconds)
            return Window(
                kind: .custom, label: boundLabel(start) + ".." + boundLabel(w.start),
                start: start, end: w.start)
        }
    }

    /// `count` consecutive windows, oldest first, `w` last.
    public func series(endingWith w: Window, count: Int) -> [Window] {
        precondition(count >= 1, "a series holds at least one window")
        var windows = [w]
        windows.reserveCapacity(count)
        while windows.count < count { windows.append(previous(windows[windows.count - 1])) }
        return windows.reversed()
    }

    // MARK: - Windows by grid index

    private func dayWindow(_ day: Int64) -> Window {
        Window(
            kind: .day, label: Self.dateLabel(day),
            start: startOfLocalDay(day), end: startOfLocalDay(day + 1))
    }

    private func weekWindow(monday: Int64) -> Window {
        let (year, week) = Self.isoYearAndWeek(monday: monday)
        return Window(
            kind: .week, label: Self.pad(year, 4) + "-W" + Self.pad(week, 2),
            start: startOfLocalDay(monday), end: startOfLocalDay(monday + 7))
    }

    /// `index` is `year * 12 + month - 1`.
    private func monthWindow(_ index: Int64) -> Window {
        let year = Self.floorDiv(index, 12)
        let month = index - year * 12 + 1
        let next = index + 1
        let nextYear = Self.floorDiv(next, 12)
        return Window(
            kind: .month, label: Self.pad(year, 4) + "-" + Self.pad(month, 2),
            start: startOfLocalDay(CivilDate.days(year: year, month: month, day: 1)),
            end: startOfLocalDay(CivilDate.days(year: nextYear, month: next - nextYear * 12 + 1, day: 1)))
    }

    // MARK: - Zone arithmetic

    /// The zone's offset from UTC, in seconds, at the UTC instant `seconds`.
    private func offset(atUTC seconds: Int64) -> Int64 {
        switch zone {
        case .utc:
            return 0
        case .named(let tz):
            return Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
        }
    }

    /// The local civil day (days since 1970-01-01) of the instant `t`.
    private func localDay(of t: Timestamp) -> Int64 {
        let seconds = Self.floorDiv(t.microseconds, 1_000_000)
        return Self.floorDiv(seconds + offset(atUTC: seconds), 86_400)
    }

    /// The instant local midnight starts the civil day `day`: the first instant whose local
    /// time is that midnight, or the first instant after the gap when clocks skip it.
    private func startOfLocalDay(_ day: Int64) -> Timestamp {
        let local = day * 86_400
        guard case .named = zone else { return Timestamp(seconds: local) }
        // Local time as a function of UTC: f(u) = u + offset(u). Real offsets stay within
        // ±18 h, so the instants near this midnight lie within a day of `local`; sample the
        // offsets in force around it and keep the candidates u with f(u) == local.
        let before = offset(atUTC: local - 86_400)
        let after = offset(atUTC: local + 86_400)
        let atNaive = offset(atUTC: local)
        let refined = offset(atUTC: local - atNaive)
        var lo: Int64? = nil  // latest candidate with f(u) < local
        var hi: Int64? = nil  // earliest candidate with f(u) > local
        var exact: Int64? = nil
        for o in [before, after, atNaive, refined] {
            let u = local - o
            let f = u + offset(atUTC: u)
            if f == local {
                exact = min(exact ?? u, u)
            } else if f < local {
                lo = max(lo ?? u, u)
            } else {
                hi = min(hi ?? u, u)
            }
        }
        if let exact { return Timestamp(seconds: exact) }
        // No instant has this local time: clocks jumped over midnight. The first instant
        // after the gap is the transition, the first u in (lo, hi] with f(u) > local.
        guard var lo, var hi, lo < hi else { return Timestamp(seconds: local - before) }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            if mid + offset(atUTC: mid) > local { hi = mid } else { lo = mid }
        }
        return Timestamp(seconds: hi)
    }

    /// A custom window bound: a date (`YYYY-MM-DD`) when it is a local midnight, else the
    /// RFC 3339 UTC instant.
    private func boundLabel(_ t: Timestamp) -> String {
        let day = localDay(of: t)
        for d in [day, day + 1] where startOfLocalDay(d) == t {
            return Self.dateLabel(d)
        }
        return RFC3339.format(t)
    }

    // MARK: - Parsing custom bounds

    private func instant(_ text: String, what: String) throws(WindowError) -> Timestamp {
        let b = Array(text.utf8)
        let expected =
            "(expected a date YYYY-MM-DD or an RFC 3339 instant such as 2026-11-20T09:30:00Z)"
        if b.count == 10 {
            guard let (y, m, d) = Self.dateFields(b[0..<10]) else {
                throw WindowError("invalid \(what) '\(text)' \(expected)")
            }
            guard m >= 1, m <= 12, d >= 1, d <= CivilDate.daysInMonth(year: y, month: m) else {
                throw WindowError("invalid \(what) '\(text)': no such date \(expected)")
            }
            return startOfLocalDay(CivilDate.days(year: y, month: m, day: d))
        }
        guard let t = Self.parseInstant(b) else {
            throw WindowError("invalid \(what) '\(text)' \(expected)")
        }
        return t
    }

    /// RFC 3339 `date-time`: `YYYY-MM-DD(T|t| )HH:MM:SS(.fraction)?(Z|z|(+|-)HH:MM)`.
    /// Fraction digits beyond the sixth are truncated (as `Timestamp` documents).
    static func parseInstant(_ b: [UInt8]) -> Timestamp? {
        guard b.count >= 20, let (y, mo, d) = dateFields(b[0..<10]) else { return nil }
        guard mo >= 1, mo <= 12, d >= 1, d <= CivilDate.daysInMonth(year: y, month: mo) else {
            return nil
        }
        guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let hh = number(b[11..<13]), let mm = number(b[14..<16]), let ss = number(b[17..<19]),
            hh <= 23, mm <= 59, ss <= 59
        else { return nil }
        var i = 19
        var micros: Int64 = 0
        if b[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") {
                if digits < 6 { micros = micros * 10 + Int64(b[i] - UInt8(ascii: "0")) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 6) { micros *= 10 }
        }
        guard i < b.count else { return nil }
        var offset: Int64 = 0
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            guard i + 1 == b.count else { return nil }
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            guard i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"),
                let oh = number(b[(i + 1)..<(i + 3)]), let om = number(b[(i + 4)..<(i + 6)]),
                oh <= 23, om <= 59
            else { return nil }
            offset = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }
        let seconds = CivilDate.days(year: y, month: mo, day: d) * 86_400 + hh * 3600 + mm * 60 + ss - offset
        return Timestamp(microseconds: seconds * 1_000_000 + micros)
    }

    // MARK: - Calendar helpers

    /// Parses `YYYY-MM-DD` into days since 1970-01-01, with errors naming `what`.
    private static func parseDate(_ label: String, what: String) throws(WindowError) -> Int64 {
        let b = Array(label.utf8)
        let expected = "(expected YYYY-MM-DD, for example 2026-11-20)"
        guard b.count == 10, let (y, m, d) = dateFields(b[0..<10]) else {
            throw WindowError("invalid \(what) '\(label)' \(expected)")
        }
        guard m >= 1, m <= 12 else {
            throw WindowError("invalid \(what) '\(label)': the month must be 01 to 12 \(expected)")
        }
        let days = CivilDate.daysInMonth(year: y, month: m)
        guard d >= 1, d <= days else {
            throw WindowError(
                "invalid \(what) '\(label)': the day must be 01 to \(days) in \(pad(y, 4))-\(pad(m, 2)) \(expected)")
        }
        return CivilDate.days(year: y, month: m, day: d)
    }

    /// `YYYY-MM-DD` digits and dashes (ranges unchecked).
    private static func dateFields(_ b: ArraySlice<UInt8>) -> (Int64, Int64, Int64)? {
        let s = b.startIndex
        guard b.count == 10, b[s + 4] == UInt8(ascii: "-"), b[s + 7] == UInt8(ascii: "-"),
            let y = number(b[s..<(s + 4)]), let m = number(b[(s + 5)..<(s + 7)]),
            let d = number(b[(s + 8)..<(s + 10)])
        else { return nil }
        return (y, m, d)
    }

    /// ASCII digits only, no sign.
    private static func number(_ b: ArraySlice<UInt8>) -> Int64? {
        guard !b.isEmpty else { return nil }
        var v: Int64 = 0
        for c in b {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            v = v * 10 + Int64(c - UInt8(ascii: "0"))
        }
        return v
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// 0 for Monday ... 6 for Sunday (1970-01-01 was a Thursday).
    static func weekdayIndex(_ day: Int64) -> Int64 {
        day + 3 - floorDiv(day + 3, 7) * 7
    }

    /// The Monday that starts ISO week 1 of `year` (the week holding January 4).
    static func isoWeek1Monday(_ year: Int64) -> Int64 {
        let jan4 = CivilDate.days(year: year, month: 1, day: 4)
        return jan4 - weekdayIndex(jan4)
    }

    /// 52 or 53.
    static func isoWeeksInYear(_ year: Int64) -> Int64 {
        (isoWeek1Monday(year + 1) - isoWeek1Monday(year)) / 7
    }

    /// The ISO week-numbering year and week of the week starting on `monday`: the year of its
    /// Thursday.
    static func isoYearAndWeek(monday: Int64) -> (year: Int64, week: Int64) {
        let thursday = monday + 3
        let year = CivilDate.civil(days: thursday).year
        return (year, (thursday - CivilDate.days(year: year, month: 1, day: 1)) / 7 + 1)
    }

    static func dateLabel(_ day: Int64) -> String {
        let c = CivilDate.civil(days: day)
        return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2)
    }

    static func pad(_ v: Int64, _ width: Int) -> String {
        let digits = String(v)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
