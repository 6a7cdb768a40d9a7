/// Makes the value of a string field from its slot: a `String` for `Event`, an interned
/// number for the compact path. Type checks go through `EnvelopeReader.checkString` so
/// every maker rejects alike.
protocol SlotStrings {
    associatedtype Text
    mutating func text(_ reader: EnvelopeReader, _ slot: EnvelopeSlot, of field: EnvelopeField, nonEmpty: Bool) throws(Rejection) -> Text
}

/// Strings for `Event`.
struct StringMaker: SlotStrings {
    @inline(__always)
    mutating func text(_ reader: EnvelopeReader, _ slot: EnvelopeSlot, of field: EnvelopeField, nonEmpty: Bool) throws(Rejection) -> String {
        try reader.checkString(slot, field, nonEmpty: nonEmpty)
        // gh-agent-viz names itself on every line: share one constant string.
        if field == .source, reader.shortName(slot) == ShortName("gh-agent-viz") { return "gh-agent-viz" }
        return reader.string(slot)
    }
}

/// One line's fields after every check, with string fields of type `Text`.
struct DecodedFields<Text> {
    var eventId: Text
    var capturedAt: Timestamp
    var source: Text?
    var sessionId: Text
    var sourceType: SourceType
    var status: SessionStatus
    var repository: Text?
    var branch: Text?
    var title: Text?
    var prNumber: Int64?
    var updatedAt: Timestamp?
    var metrics: Metrics
    var operatorAction: OperatorAction
    var debugEnabled: Bool?
}
