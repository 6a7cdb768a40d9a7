/// The comparisons and arithmetic of rule expressions (ANALYTICS.md section 5), used by
/// `CompiledExpression`; `evaluate` compiles for one dictionary row (tests, small callers).
enum RuleEvaluator {
    static func evaluate(_ e: RuleExpression, _ values: [String: RuleValue]) -> RuleValue {
        let layout = RuleRowLayout(Array(values.keys))
        return CompiledExpression(e, layout: layout)(RuleRowValues(layout: layout, slots: layout.names.map { values[$0]! }))
    }

    static func compare(_ op: RuleExpression.BinaryOperator, _ x: RuleValue, _ y: RuleValue) -> Bool {
        switch op {
        case .equal: return equal(x, y)
        case .notEqual: return !equal(x, y)
        default: break
        }
        let order: Int
        switch (x, y) {
        case (.number, .number), (.number, .integer), (.integer, .number), (.integer, .integer):
            order = numericOrder(x, y)
        case (.string(let a), .string(let b)):
            order = a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : (a.utf8.elementsEqual(b.utf8) ? 0 : 1)
        default: return false
        }
        switch op {
        case .less: return order < 0
        case .lessEqual: return order <= 0
        case .greater: return order > 0
        case .greaterEqual: return order >= 0
        default: return false
        }
    }

    static func equal(_ x: RuleValue, _ y: RuleValue) -> Bool {
        if case .string(let a) = x, case .string(let b) = y { return a.utf8.elementsEqual(b.utf8) }
        if x.number != nil && y.number != nil { return numericOrder(x, y) == 0 }
        return x == y
    }

    /// Numbers compare exactly when both are integers (9007199254740993 > 9007199254740992),
    /// else as doubles.
    static func numericOrder(_ x: RuleValue, _ y: RuleValue) -> Int {
        if let a = x.exactInteger, let b = y.exactInteger { return a < b ? -1 : (a > b ? 1 : 0) }
        let a = x.number!, b = y.number!
        return a < b ? -1 : (a > b ? 1 : 0)
    }

    static func arithmetic(_ op: RuleExpression.BinaryOperator, _ x: RuleValue, _ y: RuleValue) -> RuleValue {
        // Counts stay exact under + - * (a result past 128 bits falls back to doubles).
        if case .integer(let i) = x, case .integer(let j) = y, op != .divide {
            let (r, overflow): (Int128, Bool)
            switch op {
            case .add: (r, overflow) = i.addingReportingOverflow(j)
            case .subtract: (r, overflow) = i.subtractingReportingOverflow(j)
            case .multiply: (r, overflow) = i.multipliedReportingOverflow(by: j)
            default: return .null
            }
            if !overflow { return .integer(r) }
        }
        guard let a = x.number, let b = y.number else { return .null }
        let r: Double
        switch op {
        case .add: r = a + b
        case .subtract: r = a - b
        case .multiply: r = a * b
        case .divide:
            guard b != 0 else { return .null }
            r = a / b
        default: return .null
        }
        return r.isFinite ? .number(r) : .null
    }
}

/// "What was observed against the threshold": one line per `field OP number` comparison
/// of `when` that held (comparisons under `!` are left out: they held by not holding).
enum RuleObservation {
    static func lines(_ when: RuleExpression, _ values: [String: RuleValue]) -> [String] {
        var out: [String] = []
        func walk(_ e: RuleExpression) {
            switch e {
            case .binary(.and, let a, let b, _), .binary(.or, let a, let b, _): walk(a); walk(b)
            case .binary(let op, let a, let b, _) where op.isComparison:
                if let (name, op, limit) = simple(op, a, b),
                   RuleEvaluator.compare(op, values[name] ?? .null, .number(limit)) {
                    out.append(line(name, op, values[name] ?? .null, limit))
                }
            default: break
            }
        }
        walk(when)
        return out
    }

    private static func simple(
        _ op: RuleExpression.BinaryOperator, _ a: RuleExpression, _ b: RuleExpression
    ) -> (String, RuleExpression.BinaryOperator, Double)? {
        if case .field(let name, _) = a, let n = number(b) { return (name, op, n) }
        if case .field(let name, _) = b, let n = number(a) { return (name, op.mirrored, n) }
        return nil
    }

    private static func number(_ e: RuleExpression) -> Double? {
        // A parameter's whole value arrives as an integer literal.
        if case .literal(let v, _) = e { return v.number }
        if case .unary(.negate, .literal(let v, _), _) = e { return v.number.map { -$0 } }
        return nil
    }

    /// `812,400 tokens >= 1,000,000`, `cost $12.40 >= $2.00`, `failure rate 40% >= 25%`.
    static func line(_ name: String, _ op: RuleExpression.BinaryOperator, _ value: RuleValue, _ limit: Double) -> String {
        let spec = FieldCatalog.anyField(name)
        let format = spec?.format ?? .number
        let observed = RuleValueFormat.value(value, format: format)
        let threshold = RuleValueFormat.number(limit, format: format)
        let noun = spec?.noun ?? name
        switch format {
        case .money, .ratio, .identifier, .plain, .amount: return "\(noun) \(observed) \(op.rawValue) \(threshold)"
        case .number: return "\(observed) \(noun) \(op.rawValue) \(threshold)"
        }
    }
}
