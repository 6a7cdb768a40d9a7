/// The fields of one kind of rule row in slot order: names are resolved to slots once per
/// layout (when rules are compiled for it), never per row.
public final class RuleRowLayout: Sendable {
    public let names: [String]
    let slots: [String: Int]

    public init(_ names: [String]) {
        self.names = names
        var slots: [String: Int] = [:]
        for (i, name) in names.enumerated() where slots[name] == nil { slots[name] = i }
        self.slots = slots
    }
}

/// One row's values in its layout's slot order.
public struct RuleRowValues: Sendable {
    public let layout: RuleRowLayout
    var slots: [RuleValue]

    init(layout: RuleRowLayout, slots: [RuleValue]) {
        precondition(slots.count == layout.names.count, "a value per field of the layout")
        self.layout = layout
        self.slots = slots
    }

    /// By name, for the few rows that fire (templates, observed lines): `null` when absent.
    public subscript(name: String) -> RuleValue {
        layout.slots[name].map { slots[$0] } ?? .null
    }

    public var dictionary: [String: RuleValue] {
        Dictionary(zip(layout.names, slots), uniquingKeysWith: { a, _ in a })
    }
}

/// A rule expression compiled to a closure over a layout's slots: field names are looked
/// up once here. The only evaluator of ANALYTICS.md section 5's semantics: `==`/`!=` treat
/// `null` as a value; ordering with `null` is false; arithmetic with `null`, and division
/// by zero, give `null`; `null` in a boolean position is false.
struct CompiledExpression: Sendable {
    let run: @Sendable (RuleRowValues) -> RuleValue

    init(_ e: RuleExpression, layout: RuleRowLayout) {
        run = Self.compile(e, layout)
    }

    func callAsFunction(_ row: RuleRowValues) -> RuleValue { run(row) }

    private static func compile(_ e: RuleExpression, _ layout: RuleRowLayout) -> @Sendable (RuleRowValues) -> RuleValue {
        switch e {
        case .literal(let v, _):
            return { _ in v }
        case .field(let name, _):
            guard let slot = layout.slots[name] else { return { _ in .null } }
            return { $0.slots[slot] }
        case .unary(.not, let x, _):
            let x = compile(x, layout)
            return { .bool(!x($0).isTrue) }
        case .unary(.negate, let x, _):
            let x = compile(x, layout)
            return { row in x(row).number.map { .number(-$0) } ?? .null }
        case .binary(.and, let a, let b, _):
            let a = compile(a, layout), b = compile(b, layout)
            return { .bool(a($0).isTrue && b($0).isTrue) }
        case .binary(.or, let a, let b, _):
            let a = compile(a, layout), b = compile(b, layout)
            return { .bool(a($0).isTrue || b($0).isTrue) }
        case .binary(let op, let a, let b, _):
            let a = compile(a, layout), b = compile(b, layout)
            if op.isArithmetic { return { RuleEvaluator.arithmetic(op, a($0), b($0)) } }
            return { .bool(RuleEvaluator.compare(op, a($0), b($0))) }
        case .membership(let x, let items, _):
            let x = compile(x, layout)
            return { row in
                let v = x(row)
                return .bool(items.contains { RuleEvaluator.equal(v, $0) })
            }
        }
    }
}
