/// Why a line was not accepted (ANALYTICS.md section 1). Raw values are stable identifiers
/// used in JSON output and error messages. Declaration order is the precedence order.
public enum RejectReason: String, CaseIterable, Sendable, Comparable, Codable {
    case lineTooLong = "line-too-long"
    case malformedJSON = "malformed-json"
    case unsupportedSchemaVersion = "unsupported-schema-version"
    case invalidSchemaVersion = "invalid-schema-version"
    case missingField = "missing-field"
    case invalidField = "invalid-field"

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A rejected line's reason and a short detail. The detail names the field and at most a
/// short, redacted value: it never echoes the line's content.
public struct Rejection: Error, Equatable, Sendable {
    public var reason: RejectReason
    public var detail: String

    public init(_ reason: RejectReason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }
}
