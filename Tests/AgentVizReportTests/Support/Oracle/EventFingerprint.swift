@testable import AgentVizReport

extension Event {
    /// A stable 64-bit FNV-1a over a canonical encoding of every field, used to tell a
    /// conflicting duplicate (same `eventId`, other content) from a true one.
    ///
    /// Encoding, in declaration order: each optional field is a 0 byte when nil, else a 1 byte
    /// and its value; strings (and enum raw values) are their UTF-8 byte count as 8 bytes
    /// little-endian then the bytes; integers and timestamps (microseconds) are 8 bytes
    /// little-endian; doubles are their IEEE-754 bits with -0 written as +0 (equal events
    /// give equal fingerprints); booleans are one byte. Strings are compared as bytes: text in
    /// two Unicode normalization forms is different content here.
    ///
    /// Fingerprints are persisted by the store: changing this encoding needs a migration.
    var contentFingerprint: UInt64 {
        var h = FNV1a64()
        h.add(string: schemaVersion)
        h.add(string: eventId)
        h.add(capturedAt.microseconds)
        h.add(optional: source) { $0.add(string: $1) }
        h.add(string: sessionId)
        h.add(string: sourceType.rawValue)
        h.add(string: status.rawValue)
        h.add(optional: repository) { $0.add(string: $1) }
        h.add(optional: branch) { $0.add(string: $1) }
        h.add(optional: title) { $0.add(string: $1) }
        h.add(optional: prNumber) { $0.add($1) }
        h.add(optional: updatedAt) { $0.add($1.microseconds) }
        h.add(optional: metrics.durationSeconds) { $0.add($1) }
        h.add(optional: metrics.tokenInput) { $0.add($1) }
        h.add(optional: metrics.tokenOutput) { $0.add($1) }
        h.add(optional: metrics.tokenTotal) { $0.add($1) }
        h.add(optional: metrics.estimatedCostUsd) { $0.add(($1 == 0 ? 0 : $1).bitPattern) }
        h.add(string: operatorAction.rawValue)
        h.add(optional: debugEnabled) { $0.add($1 ? 1 as UInt8 : 0) }
        // The 1.x cost fields only when one is present: 1.0 events keep their fingerprints.
        if model != nil || metrics.hasVersion11Fields {
            h.add(optional: model) { $0.add(string: $1) }
            h.add(optional: metrics.tokenCacheRead) { $0.add($1) }
            h.add(optional: metrics.tokenCacheWrite) { $0.add($1) }
            h.add(optional: metrics.aiCredits) { $0.add(($1 == 0 ? 0 : $1).bitPattern) }
            h.add(optional: metrics.premiumRequests) { $0.add(($1 == 0 ? 0 : $1).bitPattern) }
        }
        return h.value
    }
}

private extension FNV1a64 {
    mutating func add(string: String) {
        add(UInt64(string.utf8.count))
        addBytes(of: string)
    }

    mutating func add(_ value: Int64) { add(UInt64(bitPattern: value)) }

    mutating func add<T>(optional value: T?, _ addValue: (inout FNV1a64, T) -> Void) {
        guard let value else { return add(0 as UInt8) }
        add(1 as UInt8)
        addValue(&self, value)
    }
}
