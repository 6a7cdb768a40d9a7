/// A strict RFC 8259 scanner over the bytes of one line.
///
/// It validates everything (grammar, escapes, surrogate pairs, UTF-8, nesting depth) but
/// materialises nothing: strings come back as byte ranges, so the envelope walk can decide
/// which values are worth turning into Swift values. (Foundation's JSON decoders build
/// every value and are about ten times slower for this work.)
///
/// Performance notes: the hot helpers are `@inline(__always)` so that, inside
/// `scanEnvelope`, the scanner is a local whose fields live in registers; index arithmetic
/// uses wrapping operators because every index is bounded by the buffer's size, far below
/// `Int.max`, so overflow checks would only cost branches.
struct JSONLineScanner {
    /// Deepest allowed nesting of objects and arrays, the line's own object being level 1.
    static let maxDepth = 256

    let base: UnsafeRawPointer
    let end: Int
    var pos = 0

    init(base: UnsafeRawPointer, count: Int) {
        self.base = base
        self.end = count
    }

    @inline(__always) func byte(_ i: Int) -> UInt8 {
        base.load(fromByteOffset: i, as: UInt8.self)
    }

    @inline(__always) func fail(_ problem: JSONSyntaxProblem) -> JSONSyntaxError {
        JSONSyntaxError(problem: problem, offset: pos)
    }

    /// The byte at `pos`, or an "unexpected end" error: every truncation lands here.
    @inline(__always) func peek() throws(JSONSyntaxError) -> UInt8 {
        guard pos < end else { throw fail(.unexpectedEnd) }
        return byte(pos)
    }

    /// JSON whitespace only (space, tab, LF, CR); anything else is significant.
    @inline(__always) mutating func skipWhitespace() {
        while pos < end {
            let b = byte(pos)
            guard b <= 0x20, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            pos &+= 1
        }
    }

    // MARK: Values we do not keep

    /// Validates and steps over any value; `depth` is the level of the enclosing container.
    ///
    /// Iterative, with the open containers kept as bits: nesting costs no stack, so a
    /// hostile line cannot exhaust it whatever the build or the thread's stack size.
    mutating func skipValue(depth: Int) throws(JSONSyntaxError) {
        var open = ContainerStack()
        var names: [[JSONStringToken]] = []  // member names of each open object, innermost last
        while true {
            // One value, or the start of a container's first member.
            switch try peek() {
            case UInt8(ascii: "\""): _ = try scanString()
            case UInt8(ascii: "t"): try scanLiteral(Self.trueWord, count: 4)
            case UInt8(ascii: "f"): try scanLiteral(Self.falseWord, count: 5)
            case UInt8(ascii: "n"): try scanLiteral(Self.nullWord, count: 4)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try scanNumber()
            case let b where b == UInt8(ascii: "{") || b == UInt8(ascii: "["):
                let isObject = b == UInt8(ascii: "{")
                guard depth + open.count + 1 <= Self.maxDepth else { throw fail(.tooDeep) }
                pos &+= 1
                skipWhitespace()
                if try peek() == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    pos &+= 1  // empty: the value is complete
                } else {
                    open.push(isObject: isObject)
                    if isObject {
                        names.append([try scanKey()])
                        try scanColon()
                    }
                    continue
                }
            default:
                throw fail(.unexpectedCharacter)
            }
            // A value is complete: a `,` starts the next one in its container, a closing
            // bracket completes the container itself.
            while !open.isEmpty {
                skipWhitespace()
                let isObject = open.topIsObject
                let b = try peek()
                if b == UInt8(ascii: ",") {
                    pos &+= 1
                    skipWhitespace()
                    if isObject {
                        let key = try scanKey()
                        try checkNew(key, among: &names[names.count - 1])
                        try scanColon()
                    }
                    break
                }
                guard b == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                    throw fail(isObject ? .expectedCommaOrBrace : .expectedCommaOrBracket)
                }
                pos &+= 1
                open.pop()
                if isObject { names.removeLast() }
            }
            if open.isEmpty { return }
        }
    }

    // MARK: Object members

    /// Scans a member name (a string) and leaves `pos` after its closing quote.
    @inline(__always)
    mutating func scanKey() throws(JSONSyntaxError) -> JSONStringToken {
        guard try peek() == UInt8(ascii: "\"") else { throw fail(.expectedKey) }
        return try scanString()
    }

    /// Scans the `:` after a member name (whitespace allowed around it), leaving `pos` at
    /// the value.
    @inline(__always)
    mutating func scanColon() throws(JSONSyntaxError) {
        if pos < end && byte(pos) == UInt8(ascii: ":") {
            pos &+= 1  // the usual `"name":`, without whitespace
        } else {
            skipWhitespace()
            guard try peek() == UInt8(ascii: ":") else { throw fail(.expectedColon) }
            pos &+= 1
        }
        skipWhitespace()
    }

    /// After a member's value: consumes `,` (returns false, more members follow) or `}`
    /// (returns true). A `,` must be followed by another member: no trailing commas.
    @inline(__always)
    mutating func scanMemberEnd() throws(JSONSyntaxError) -> Bool {
        if pos < end && byte(pos) == UInt8(ascii: ",") {
            pos &+= 1  // the usual `,` right after the value
            skipWhitespace()
            return false
        }
        skipWhitespace()
        switch try peek() {
        case UInt8(ascii: ","): pos &+= 1; skipWhitespace(); return false
        case UInt8(ascii: "}"): pos &+= 1; return true
        default: throw fail(.expectedCommaOrBrace)
        }
    }

    // MARK: Scalars

    /// The literals' bytes packed little-endian, compared one byte at a time.
    static let trueWord: UInt64 = 0x6575_7274  // "true"
    static let falseWord: UInt64 = 0x65_736C_6166  // "false"
    static let nullWord: UInt64 = 0x6C6C_756E  // "null"

    @inline(__always)
    mutating func scanLiteral(_ word: UInt64, count: Int) throws(JSONSyntaxError) {
        for k in 0..<count {
            guard pos < end else { throw fail(.unexpectedEnd) }
            guard byte(pos) == UInt8(truncatingIfNeeded: word >> (8 * UInt64(k))) else { throw fail(.invalidLiteral) }
            pos &+= 1
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` and nothing else: no `+`,
    /// no leading zeros (`01` stops after `0`, and the caller rejects the `1`), no NaN.
    @inline(__always)
    mutating func scanNumber() throws(JSONSyntaxError) -> Range<Int> {
        let start = pos
        if byte(pos) == UInt8(ascii: "-") { pos &+= 1 }
        let first = try peek()
        if first == UInt8(ascii: "0") {
            pos &+= 1
        } else if first &- UInt8(ascii: "1") < 9 {
            pos &+= 1
            skipDigits()
        } else {
            throw fail(.invalidNumber)
        }
        if pos < end && byte(pos) == UInt8(ascii: ".") {
            pos &+= 1
            try requireDigits()
        }
        if pos < end && (byte(pos) | 0x20) == UInt8(ascii: "e") {
            pos &+= 1
            if pos < end && (byte(pos) == UInt8(ascii: "+") || byte(pos) == UInt8(ascii: "-")) { pos &+= 1 }
            try requireDigits()
        }
        return Range(uncheckedBounds: (start, pos))
    }

    @inline(__always) private mutating func skipDigits() {
        while pos < end && byte(pos) &- UInt8(ascii: "0") < 10 { pos &+= 1 }
    }

    @inline(__always) private mutating func requireDigits() throws(JSONSyntaxError) {
        guard try peek() &- UInt8(ascii: "0") < 10 else { throw fail(.invalidNumber) }
        skipDigits()
    }
}

/// The containers `skipValue` is inside, innermost last, one bit each (set: object).
/// 256 bits cover the deepest nesting allowed.
struct ContainerStack {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    var topIsObject: Bool { bit(count - 1) }

    mutating func push(isObject: Bool) {
        let mask: UInt64 = 1 << UInt64(count & 63)
        switch count >> 6 {
        case 0: words.0 = isObject ? words.0 | mask : words.0 & ~mask
        case 1: words.1 = isObject ? words.1 | mask : words.1 & ~mask
        case 2: words.2 = isObject ? words.2 | mask : words.2 & ~mask
        default: words.3 = isObject ? words.3 | mask : words.3 & ~mask
        }
        count += 1
    }

    mutating func pop() { count -= 1 }

    private func bit(_ i: Int) -> Bool {
        let word: UInt64
        switch i >> 6 {
        case 0: word = words.0
        case 1: word = words.1
        case 2: word = words.2
        default: word = words.3
        }
        return word & (1 << UInt64(i & 63)) != 0
    }
}

/// A string's content (between the quotes) as a byte range of the line. `escaped` says
/// whether it holds backslash escapes, i.e. whether the bytes are not already the value.
struct JSONStringToken {
    var start: Int
    var end: Int
    var escaped: Bool
}
