#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The single pass over a line: full JSON validation, recording where the envelope's
/// fields are. Values are interpreted only afterwards, because a syntax error anywhere
/// (even after a bad field) must win: malformed-json comes first in the precedence.
extension JSONLineScanner {
    /// Scans the whole line as one object. Duplicate names: the last one wins, for a
    /// nested object as a whole (a second `session` replaces all of the first).
    ///
    /// Written as one loop over members with the current object as state (the envelope
    /// nests known objects only one level deep) rather than as recursive calls, so that
    /// with the helpers inlined the position stays in a register.
    static func scanEnvelope(
        _ base: UnsafeRawPointer, count: Int, into slots: UnsafeMutablePointer<EnvelopeSlot>
    ) throws(JSONSyntaxError) {
        var scanner = JSONLineScanner(base: base, count: count)  // a local: kept in registers
        try scanner.scanEnvelope(into: slots, names: EnvelopeField.names)
    }

    /// Fields are handled as slot numbers (`EnvelopeField.rawValue`) and the object being
    /// read as its range of slots, so the loop indexes tables instead of switching.
    @inline(__always)
    private mutating func scanEnvelope(
        into slots: UnsafeMutablePointer<EnvelopeSlot>, names: UnsafePointer<ShortName>
    ) throws(JSONSyntaxError) {
        skipWhitespace()
        guard pos < end else { throw fail(.emptyLine) }
        guard byte(pos) == UInt8(ascii: "{") else { throw fail(.notAnObject) }
        pos &+= 1
        skipWhitespace()
        let topFields = EnvelopeField.topSlots
        var fields = topFields  // the slots of the object being read
        var parent = -1  // the slot of that object when it is nested, else -1
        // Producers write the members in the contract's order, so the member expected next
        // is compared in place first: on typical lines no name is scanned or looked up.
        var predicted = fields.lowerBound
        // Unknown member names of the object being read, to find one named twice (rare:
        // nothing is allocated on lines without unknown members).
        var unknownTop: [JSONStringToken] = []
        var unknownNested: [JSONStringToken] = []
        var closed = try peek() == UInt8(ascii: "}")
        if closed { pos &+= 1 }
        while !closed {
            var field = -1
            if predicted < fields.upperBound && pos < end && byte(pos) == UInt8(ascii: "\"")
                && names[predicted].isQuoted(in: base, at: pos &+ 1, end: end) {
                field = predicted
                pos &+= names[predicted].count &+ 2
            } else {
                let key = try scanKey()
                field = lookUp(key, in: fields, names: names)
                if field < 0 {
                    if parent < 0 {
                        try checkNew(key, among: &unknownTop)
                    } else {
                        try checkNew(key, among: &unknownNested)
                    }
                }
            }
            if field >= 0 && slots[field].kind != .absent {
                throw fail(.duplicateKey(EnvelopeField(rawValue: field).map { $0.path } ?? ""))
            }
            try scanColon()
            // Members of the top object sit at level 1, those of a nested one at level 2.
            let depth = parent < 0 ? 1 : 2
            if field < 0 {
                try skipValue(depth: depth)
            } else {
                predicted = field &+ 1
                if let members = EnvelopeField.memberSlots(ofSlot: field) {
                    // Last one wins: forget what an earlier object of the same name said.
                    for i in members { slots[i] = EnvelopeSlot() }
                    if try peek() == UInt8(ascii: "{") {
                        slots[field] = EnvelopeSlot(kind: .object)
                        pos &+= 1
                        skipWhitespace()
                        if try peek() != UInt8(ascii: "}") {
                            parent = field
                            fields = members
                            predicted = members.lowerBound
                            unknownNested.removeAll()
                            continue
                        }
                        pos &+= 1  // `{}`: closed at once
                    } else {
                        slots[field] = try scanValue(depth: depth)
                    }
                } else if pos < end && byte(pos) == UInt8(ascii: "\"") {
                    // Most values are strings: scanned here, without the call.
                    let token = try scanString()
                    slots[field] = EnvelopeSlot(kind: .string, escaped: token.escaped, start: token.start, end: token.end)
                } else {
                    slots[field] = try scanValue(depth: depth)
                }
            }
            // After a value: `,` continues the current object; `}` closes it, and closing a
            // nested object is followed by the top object's own `,` or `}`.
            while try scanMemberEnd() {
                if parent < 0 { closed = true; break }
                predicted = parent &+ 1
                parent = -1
                fields = topFields
            }
        }
        skipWhitespace()
        guard pos == end else { throw fail(.trailingCharacters) }
    }

    /// The slot of a member name among `fields`, or -1 for a name the decoder ignores.
    /// Throws when `key` is already among `seen`, else adds it.
    mutating func checkNew(_ key: JSONStringToken, among seen: inout [JSONStringToken]) throws(JSONSyntaxError) {
        for other in seen where sameKey(key, other) {
            throw fail(.duplicateKey(JSONUnescaper.string(key, in: base)))
        }
        seen.append(key)
    }

    /// Member names compare as their unescaped bytes (`"a"` and `"\u0061"` are one name).
    func sameKey(_ a: JSONStringToken, _ b: JSONStringToken) -> Bool {
        if !a.escaped && !b.escaped {
            let n = a.end &- a.start
            return n == b.end &- b.start && (n == 0 || memcmp(base + a.start, base + b.start, n) == 0)
        }
        return JSONUnescaper.string(a, in: base).utf8.elementsEqual(JSONUnescaper.string(b, in: base).utf8)
    }

    @inline(__always)
    private func lookUp(_ key: JSONStringToken, in fields: Range<Int>, names: UnsafePointer<ShortName>) -> Int {
        let count = key.end &- key.start
        if key.escaped { return lookUpEscaped(key, in: fields, names: names) }
        guard let name = ShortName(base, start: key.start, count: count, end: end) else { return -1 }
        for i in fields where names[i] == name { return i }
        return -1
    }

    /// A name spelled with escapes (`"\u0073ession"`) is still that name.
    @inline(never)
    private func lookUpEscaped(_ key: JSONStringToken, in fields: Range<Int>, names: UnsafePointer<ShortName>) -> Int {
        let count = key.end &- key.start
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer in
            let n = JSONUnescaper.unescape(key, in: base, into: buffer.baseAddress!)
            guard let name = ShortName(UnsafeRawPointer(buffer.baseAddress!), start: 0, count: n, end: n) else { return -1 }
            for i in fields where names[i] == name { return i }
            return -1
        }
    }

    /// Scans any value at `pos` (in an object at level `depth`) and says where it is.
    /// Objects and arrays are only validated: no known field is kept below them.
    @inline(__always)
    private mutating func scanValue(depth: Int) throws(JSONSyntaxError) -> EnvelopeSlot {
        switch try peek() {
        case UInt8(ascii: "\""):
            let token = try scanString()
            return EnvelopeSlot(kind: .string, escaped: token.escaped, start: token.start, end: token.end)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let range = try scanNumber()
            return EnvelopeSlot(kind: .number, start: range.lowerBound, end: range.upperBound)
        case UInt8(ascii: "t"):
            try scanLiteral(Self.trueWord, count: 4)
            return EnvelopeSlot(kind: .trueValue)
        case UInt8(ascii: "f"):
            try scanLiteral(Self.falseWord, count: 5)
            return EnvelopeSlot(kind: .falseValue)
        case UInt8(ascii: "n"):
            try scanLiteral(Self.nullWord, count: 4)
            return EnvelopeSlot(kind: .null)
        case UInt8(ascii: "{"):
            try skipValue(depth: depth)
            return EnvelopeSlot(kind: .object)
        case UInt8(ascii: "["):
            try skipValue(depth: depth)
            return EnvelopeSlot(kind: .array)
        default:
            throw fail(.unexpectedCharacter)
        }
    }
}
