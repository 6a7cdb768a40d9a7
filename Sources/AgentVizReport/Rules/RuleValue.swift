/// A value an expression reads or produces (ANALYTICS.md section 5).
public enum RuleValue: Equatable, Sendable {
    case number(Double)
    /// A count (tokens, seconds, sessions, events): exact beyond 2^53, in comparisons,
    /// figures and text (ANALYTICS.md section 1).
    case integer(Int128)
    case string(String)
    case bool(Bool)
    case null

    /// `true` only for `.bool(true)`: `null` and everything else count as false in a
    /// boolean position.
    var isTrue: Bool { if case .bool(true) = self { return true } else { return false } }

    var number: Double? {
        switch self {
        case .number(let v): return v
        case .integer(let n): return Int64(exactly: n).map(Double.init) ?? Double(n)
        default: return nil
        }
    }

    /// The value as an exact integer, when it is one (an integral number counts).
    var exactInteger: Int128? {
        switch self {
        case .integer(let n): return n
        case .number(let v): return v == v.rounded() && abs(v) < 1e38 ? Int128(v) : nil
        default: return nil
        }
    }

    /// A count as a value: tokens, seconds and the like.
    static func count(_ n: Int128) -> RuleValue { .integer(n) }

}

/// The static type of a field. Every field may also be `null`.
public enum FieldType: String, Sendable {
    case number, string, bool

    var noun: String {
        switch self {
        case .number: return "a number"
        case .string: return "a string"
        case .bool: return "a boolean"
        }
    }
}

/// What one row of a rule stands for.
public enum RuleScope: String, Sendable, CaseIterable {
    case session, group, period
}

/// How urgent a finding is. Ordered: `info < low < medium < high < critical`.
public enum Severity: String, Sendable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
