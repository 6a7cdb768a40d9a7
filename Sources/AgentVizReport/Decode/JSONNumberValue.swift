/// Values of number tokens the scanner has already validated against the JSON grammar.
///
/// Counters are read exactly from the decimal text, never through a Double, so
/// `9007199254740993` stays itself and `100.0` or `1e2` count as the whole number 100.
enum JSONNumberValue {
    enum Whole: Equatable {
        case value(Int64)
        /// Nonzero and below zero (whole or not).
        case negative
        /// Has a nonzero fractional part, e.g. `1.5` or `1e-3`.
        case fractional
        /// Whole, but beyond `Int64.max`.
        case outOfRange
    }

    /// The number's digits and scale: value = ±digits × 10^exponent.
    private struct Decimal {
        var negative = false
        var integer: Range<Int> = 0..<0
        var fraction: Range<Int> = 0..<0
        var exponent = 0

        init(_ base: UnsafeRawPointer, _ range: Range<Int>) {
            @inline(__always) func byte(_ i: Int) -> UInt8 { base.load(fromByteOffset: i, as: UInt8.self) }
            @inline(__always) func isDigit(_ i: Int) -> Bool { i < range.upperBound && byte(i) &- 0x30 < 10 }
            var i = range.lowerBound
            if byte(i) == UInt8(ascii: "-") { negative = true; i += 1 }
            let intStart = i
            while isDigit(i) { i += 1 }
            integer = intStart..<i
            fraction = i..<i
            if i < range.upperBound && byte(i) == UInt8(ascii: ".") {
                i += 1
                let fracStart = i
                while isDigit(i) { i += 1 }
                fraction = fracStart..<i
            }
            if i < range.upperBound {  // the exponent
                i += 1
                var sign = 1
                if byte(i) == UInt8(ascii: "-") { sign = -1; i += 1 } else if byte(i) == UInt8(ascii: "+") { i += 1 }
                var e = 0
                while isDigit(i) {
                    // Saturate: any exponent this large already decides the outcome.
                    if e < 100_000_000 { e = e * 10 + Int(byte(i) - 0x30) }
                    i += 1
                }
                exponent = sign * e
            }
            exponent -= fraction.count
        }
    }

    @inline(__always)
    static func whole(_ base: UnsafeRawPointer, _ range: Range<Int>) -> Whole {
        // Fast path, the usual case: plain digits, too few to overflow.
        if range.count <= 18 {
            var value: Int64 = 0
            var i = range.lowerBound
            while i < range.upperBound {
                let d = base.load(fromByteOffset: i, as: UInt8.self) &- UInt8(ascii: "0")
                guard d < 10 else { break }
                value = value &* 10 &+ Int64(d)
                i &+= 1
            }
            if i == range.upperBound { return .value(value) }
        }
        return wholeInGeneral(base, range)
    }

    @inline(never)
    private static func wholeInGeneral(_ base: UnsafeRawPointer, _ range: Range<Int>) -> Whole {
        let d = Decimal(base, range)
        @inline(__always) func digit(_ k: Int) -> Int64 {
            // The k-th digit of integer+fraction, skipping the '.' between them.
            let i = k < d.integer.count ? d.integer.lowerBound + k : d.fraction.lowerBound + (k - d.integer.count)
            return Int64(base.load(fromByteOffset: i, as: UInt8.self) &- 0x30)
        }
        let count = d.integer.count + d.fraction.count
        var first = 0
        while first < count && digit(first) == 0 { first += 1 }
        if first == count { return .value(0) }  // 0, -0, 0.000, 0e5
        var last = count - 1
        while digit(last) == 0 { last -= 1 }
        let scale = d.exponent + (count - 1 - last)  // trailing zeros move into the scale
        if scale < 0 { return .fractional }
        if d.negative { return .negative }
        let significant = last - first + 1
        if significant + scale > 19 { return .outOfRange }
        var value: Int64 = 0
        var overflow = false
        for k in first...last {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(digit(k))
            value = sum
            overflow = overflow || o1 || o2
        }
        for _ in 0..<scale {
            let (times10, o) = value.multipliedReportingOverflow(by: 10)
            value = times10
            overflow = overflow || o
        }
        return overflow ? .outOfRange : .value(value)
    }

    /// The nearest Double (correctly rounded); ±infinity when the text overflows it.
    @inline(__always)
    static func double(_ base: UnsafeRawPointer, _ range: Range<Int>) -> Double {
        // Fast path for `digits[.digits]` with at most 15 digits in all (every cost the
        // generator writes): the digits make an exact integer and a division by an exact
        // power of ten rounds correctly.
        if range.count <= 16 {
            var mantissa: Int64 = 0
            var fractionDigits = -1  // -1 until the '.'
            var i = range.lowerBound
            while i < range.upperBound {
                let b = base.load(fromByteOffset: i, as: UInt8.self)
                if b &- UInt8(ascii: "0") < 10 {
                    mantissa = mantissa &* 10 &+ Int64(b &- UInt8(ascii: "0"))
                    if fractionDigits >= 0 { fractionDigits &+= 1 }
                } else if b == UInt8(ascii: ".") {
                    fractionDigits = 0
                } else {
                    break
                }
                i &+= 1
            }
            if i == range.upperBound && mantissa < 1 << 53 {
                return fractionDigits <= 0 ? Double(mantissa) : Double(mantissa) / powersOfTen[fractionDigits]
            }
        }
        return doubleInGeneral(base, range)
    }

    @inline(never)
    private static func doubleInGeneral(_ base: UnsafeRawPointer, _ range: Range<Int>) -> Double {
        let d = Decimal(base, range)
        // Clinger's fast path: up to 15 significant digits and |scale| <= 22 are exact
        // as Doubles, so one multiplication or division rounds correctly. Costs like
        // 0.016746 always take it.
        var mantissa: Int64 = 0
        var digits = 0
        var exact = true
        for i in d.integer.lowerBound..<d.fraction.upperBound {
            let b = base.load(fromByteOffset: i, as: UInt8.self)
            guard b &- 0x30 < 10 else { continue }  // the '.'
            if mantissa == 0 && b == 0x30 { continue }
            digits += 1
            if digits > 15 { exact = false; break }
            mantissa = mantissa * 10 + Int64(b - 0x30)
        }
        if exact && d.exponent >= -22 && d.exponent <= 22 {
            var value = Double(mantissa)
            if d.exponent >= 0 { value *= powersOfTen[d.exponent] } else { value /= powersOfTen[-d.exponent] }
            return d.negative ? -value : value
        }
        let text = String(unsafeUninitializedCapacity: range.count) { out in
            UnsafeMutableRawPointer(out.baseAddress!).copyMemory(from: base + range.lowerBound, byteCount: range.count)
            return range.count
        }
        return Double(text) ?? .nan
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
