/// Makes the value of a string field from its slot (an interned number of the chunk's
/// string table). Type checks go through `EnvelopeReader.checkString`.
protocol SlotStrings {
    associatedtype Text
    mutating func text(_ reader: EnvelopeReader, _ slot: EnvelopeSlot, of field: EnvelopeField, nonEmpty: Bool) throws(Rejection) -> Text
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
    /// `session.model` (1.x, ANALYTICS.md section 7).
    var model: Text? = nil
    var metrics: Metrics
    var operatorAction: OperatorAction
    var debugEnabled: Bool?
}
