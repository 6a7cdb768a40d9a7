/// The string fields of one chunk's lines: eventIds in their own list (they are unique),
/// everything else interned, so a session id or repository seen 10,000 times is stored once.
struct ChunkStrings: SlotStrings {
    var table = ByteKeyTable()
    var idArena: [UInt8] = []
    var idStarts: [Int] = [0]
    var idHashes: [UInt64] = []

    mutating func text(_ reader: EnvelopeReader, _ slot: EnvelopeSlot, of field: EnvelopeField, nonEmpty: Bool) throws(Rejection) -> Int32 {
        try reader.checkString(slot, field, nonEmpty: nonEmpty)
        if !slot.escaped {
            return add(UnsafeRawBufferPointer(start: reader.base + slot.start, count: slot.end - slot.start), field)
        }
        var text = reader.string(slot)
        return text.withUTF8 { add(UnsafeRawBufferPointer($0), field) }
    }

    private mutating func add(_ bytes: UnsafeRawBufferPointer, _ field: EnvelopeField) -> Int32 {
        if field == .eventId {
            idArena.append(contentsOf: bytes)
            idStarts.append(idArena.count)
            idHashes.append(ByteKeyTable.hash(bytes))
            return Int32(idHashes.count - 1)
        }
        return Int32(table.intern(bytes).index)
    }

    mutating func intern(_ text: String) -> Int32 {
        var text = text
        return text.withUTF8 { Int32(table.intern(UnsafeRawBufferPointer($0)).index) }
    }

    func withIdBytes<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try idArena.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[idStarts[i]..<idStarts[i + 1]])) }
    }
}
