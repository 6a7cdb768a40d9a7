/// A value an expression reads or produces (ANALYTICS.md section 5).
public enum RuleValue: Equatable, Sendable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case null

    /// `true` only for `.bool(true)`: `null` and everything else count as false in a
    /// boolean position.
    var isTrue: Bool { if case .bool(true) = self { return true } else { return false } }

    var number: Double? { if case .number(let v) = self { return v } else { return nil } }
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
