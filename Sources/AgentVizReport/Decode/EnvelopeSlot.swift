/// JSON value kinds as a slot records them; `absent` means the line did not have the field.
enum JSONKind: UInt8 {
    case absent, null, falseValue, trueValue, string, number, object, array

    /// "found …" wording for type errors.
    var described: String {
        switch self {
        case .absent: "nothing"
        case .null: "null"
        case .falseValue, .trueValue: "a boolean"
        case .string: "a string"
        case .number: "a number"
        case .object: "an object"
        case .array: "an array"
        }
    }
}

/// One slot per `EnvelopeField`, inline: a line's table costs no allocation.
struct EnvelopeSlotTable {
    typealias Slots = (
        EnvelopeSlot, EnvelopeSlot, EnvelopeSlot, EnvelopeSlot, EnvelopeSlot, EnvelopeSlot, EnvelopeSlot,
        EnvelopeSlot, EnvelopeSlot, EnvelopeSlot, EnvelopeSlot, EnvelopeSlot, EnvelopeSlot, EnvelopeSlot, EnvelopeSlot,
        EnvelopeSlot, EnvelopeSlot, EnvelopeSlot, EnvelopeSlot, EnvelopeSlot,
        EnvelopeSlot, EnvelopeSlot, EnvelopeSlot, EnvelopeSlot, EnvelopeSlot, EnvelopeSlot, EnvelopeSlot)
    var slots: Slots = (
        EnvelopeSlot(), EnvelopeSlot(), EnvelopeSlot(), EnvelopeSlot(), EnvelopeSlot(), EnvelopeSlot(), EnvelopeSlot(),
        EnvelopeSlot(), EnvelopeSlot(), EnvelopeSlot(), EnvelopeSlot(), EnvelopeSlot(), EnvelopeSlot(), EnvelopeSlot(), EnvelopeSlot(),
        EnvelopeSlot(), EnvelopeSlot(), EnvelopeSlot(), EnvelopeSlot(), EnvelopeSlot(),
        EnvelopeSlot(), EnvelopeSlot(), EnvelopeSlot(), EnvelopeSlot(), EnvelopeSlot(), EnvelopeSlot(), EnvelopeSlot())
}

/// Where a field's value sits in the line. For strings, `start..<end` is the content
/// between the quotes; for numbers, the number's text.
struct EnvelopeSlot {
    var kind: JSONKind = .absent
    var escaped = false
    var start = 0
    var end = 0

    /// Present in the contract's sense: JSON null means absent.
    var isPresent: Bool { kind != .absent && kind != .null }
}
