/// Static types of the expression language: `null` is its own type (the `null` literal)
/// and `unknown` stands for a field already reported as unknown, so one typo does not
/// cascade into type errors.
enum RuleExpressionType: Equatable {
    case number, string, bool, null, unknown

    init(_ field: FieldType) {
        switch field {
        case .number: self = .number
        case .string: self = .string
        case .bool: self = .bool
        }
    }

    var name: String {
        switch self {
        case .number: return "number"
        case .string: return "string"
        case .bool: return "boolean"
        case .null: return "null"
        case .unknown: return "unknown"
        }
    }

    /// Fits where `wanted` is expected (`null` and `unknown` fit anywhere).
    func fits(_ wanted: RuleExpressionType) -> Bool { self == wanted || self == .null || self == .unknown }
}

/// Checks an expression against the fields of a scope, collecting every problem.
struct RuleTypeChecker {
    let scope: RuleScope
    let by: [String]?
    /// The rule's declared parameters, read as `params.<name>`.
    let params: RuleParams
    private(set) var errors: [RuleExpressionError] = []

    init(scope: RuleScope, by: [String]?, params: RuleParams = RuleParams()) {
        self.scope = scope
        self.by = by
        self.params = params
    }

    mutating func check(_ e: RuleExpression) -> RuleExpressionType {
        switch e {
        case .literal(let value, _):
            switch value {
            case .number, .integer: return .number
            case .string: return .string
            case .bool: return .bool
            case .null: return .null
            }
        case .field(let name, let column):
            if let spec = FieldCatalog.field(name, scope: scope, by: by) { return RuleExpressionType(spec.type) }
            if RuleParams.isReference(name) {
                if let value = params[name] { return RuleExpressionType(value) }
                errors.append(RuleExpressionError(kind: .unknownField, column: column, message: params.unknown(name)))
                return .unknown
            }
            errors.append(RuleExpressionError(kind: .unknownField, column: column,
                                          message: RuleFieldSuggestion.unknownField(name, scope: scope, by: by)))
            return .unknown
        case .unary(let op, let operand, _):
            let t = check(operand)
            let wanted: RuleExpressionType = op == .not ? .bool : .number
            if !t.fits(wanted) { needs(op.rawValue, wanted, operand, t, unary: true) }
            return wanted
        case .binary(let op, let lhs, let rhs, let column):
            let a = check(lhs), b = check(rhs)
            if op.isArithmetic || op == .and || op == .or {
                let wanted: RuleExpressionType = op.isArithmetic ? .number : .bool
                if !a.fits(wanted) { needs(op.rawValue, wanted, lhs, a, unary: false) }
                if !b.fits(wanted) { needs(op.rawValue, wanted, rhs, b, unary: false) }
                return wanted
            }
            if !compatible(a, b) {
                mismatch("'\(op.rawValue)' compares \(Self.describe(lhs, a)) with \(Self.describe(rhs, b))", column)
            } else if op.isOrdering, a == .bool || b == .bool {
                mismatch("'\(op.rawValue)' cannot order booleans (only numbers and strings)", column)
            }
            return .bool
        case .membership(let lhs, let items, let column):
            let a = check(lhs)
            for (i, item) in items.enumerated() {
                let b = check(.literal(item, column: column))
                if !compatible(a, b) {
                    let list = "\(Self.describe(.literal(item, column: column), b)) (list item \(i + 1))"
                    mismatch("'in' compares \(Self.describe(lhs, a)) with \(list)", column)
                    break
                }
            }
            return .bool
        }
    }

    private func compatible(_ a: RuleExpressionType, _ b: RuleExpressionType) -> Bool {
        a == b || [a, b].contains(.null) || [a, b].contains(.unknown)
    }

    private mutating func needs(
        _ op: String, _ wanted: RuleExpressionType, _ operand: RuleExpression, _ found: RuleExpressionType, unary: Bool
    ) {
        let what = wanted == .bool ? (unary ? "a boolean" : "booleans") : (unary ? "a number" : "numbers")
        errors.append(RuleExpressionError(kind: .type, column: operand.column,
                                      message: "type error: '\(op)' needs \(what), found \(Self.describe(operand, found))"))
    }

    private mutating func mismatch(_ message: String, _ column: Int) {
        errors.append(RuleExpressionError(kind: .type, column: column, message: "type error: " + message))
    }

    /// `string field 'status'`, `number 3`, `a boolean expression`.
    static func describe(_ e: RuleExpression, _ t: RuleExpressionType) -> String {
        switch e {
        case .field(let name, _): return "\(t.name) field '\(name)'"
        case .literal(let v, _): return v == .null ? "null" : "\(t.name) \(RuleExpressionParser.literalText(v))"
        default: return "a \(t.name) expression"
        }
    }
}

enum RuleFieldSuggestion {
    /// `unknown field 'tokenTotl' in scope session (did you mean 'tokenTotal'?)`
    static func unknownField(_ name: String, scope: RuleScope, by: [String]?) -> String {
        let base = "unknown field '\(name)' in scope \(scope.rawValue)"
        if scope == .group, FieldCatalog.byFields.contains(where: { $0.name == name }) {
            return base + " (add it to by: to use it)"
        }
        if let suggestion = nearest(name, in: FieldCatalog.fields(scope: scope, by: by).map(\.name)) {
            return base + " (did you mean '\(suggestion)'?)"
        }
        if let other = RuleScope.allCases.first(where: { FieldCatalog.field(name, scope: $0, by: [name]) != nil }) {
            return base + " (it is a field of scope \(other.rawValue))"
        }
        return base
    }

    /// The closest candidate by edit distance (case-insensitive), if close enough; a
    /// candidate containing the name comes next (the first in catalog order, which lists the
    /// main figures first: `cost` suggests `estimatedCostUsd`). Ties go to the earlier candidate.
    static func nearest(_ name: String, in candidates: [String]) -> String? {
        let lower = Array(name.lowercased())
        var best: (String, Int)?
        for c in candidates {
            let d = distance(lower, Array(c.lowercased()))
            if d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        if let (c, d) = best, d <= max(1, min(3, lower.count / 3)) { return c }
        guard lower.count >= 3 else { return nil }
        return candidates.first { $0.lowercased().contains(name.lowercased()) }
    }

    /// Levenshtein distance.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension RuleExpressionType {
    /// The type of a parameter's value.
    init(_ value: RuleValue) {
        switch value {
        case .number, .integer: self = .number
        case .string: self = .string
        case .bool: self = .bool
        case .null: self = .null
        }
    }
}
