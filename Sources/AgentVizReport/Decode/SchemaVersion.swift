/// `schemaVersion` grammar: `MAJOR.MINOR` or `MAJOR.MINOR.PATCH`, ASCII digits only.
enum SchemaVersion {
    /// The major version of a well-formed version string, or nil when it is not one.
    /// A major too large for an Int is still "not 1", so it saturates rather than fails.
    static func major(of text: String) -> Int? {
        var parts = 0
        var digitsInPart = 0
        var major = 0
        for b in text.utf8 {
            if b == UInt8(ascii: ".") {
                guard digitsInPart > 0, parts < 2 else { return nil }
                parts += 1
                digitsInPart = 0
            } else if b &- UInt8(ascii: "0") < 10 {
                if parts == 0 { major = min(major * 10 + Int(b &- UInt8(ascii: "0")), 1_000_000) }
                digitsInPart += 1
            } else {
                return nil
            }
        }
        guard parts >= 1, digitsInPart > 0 else { return nil }
        return major
    }
}
