import Yams

/// A rule's named parameters (`params: { minTokens: 1000000 }`): constants its `when`,
/// `estimatedSavingsUsd` and texts read as `params.minTokens`, so a threshold can be tuned
/// by an override without copying the rule.
public struct RuleParams: Sendable, Equatable {
    public static let prefix = "params."

    /// In declaration order.
    public private(set) var names: [String] = []
    public private(set) var values: [String: RuleValue] = [:]

    public init() {}

    static func isReference(_ field: String) -> Bool { field.hasPrefix(prefix) }

    /// The value of `params.<name>`.
    subscript(reference: String) -> RuleValue? {
        guard Self.isReference(reference) else { return nil }
        return values[String(reference.dropFirst(Self.prefix.count))]
    }

    mutating func declare(_ name: String, _ value: RuleValue) {
        if values[name] == nil { names.append(name) }
        values[name] = value
    }

    /// Changes a declared parameter; the new value must have the declared one's type.
    public mutating func set(_ name: String, _ value: RuleValue) throws(RuleParamError) {
        guard let current = values[name] else {
            throw RuleParamError("unknown parameter '\(name)' (\(declaredList))")
        }
        guard RuleExpressionType(current) == RuleExpressionType(value) else {
            throw RuleParamError("parameter '\(name)' is a \(RuleExpressionType(current).name), found a \(RuleExpressionType(value).name)")
        }
        values[name] = value
    }

    func unknown(_ reference: String) -> String {
        "unknown parameter '\(reference)' (\(declaredList); declare it under params:)"
    }

    private var declaredList: String {
        names.isEmpty ? "the rule declares none" : "declared: " + names.joined(separator: ", ")
    }

    /// A scalar YAML value as a parameter: a number (exact when whole), true/false, or text.
    static func value(of node: Node) -> RuleValue? {
        guard case .scalar(let scalar) = node else { return nil }
        let text = scalar.string
        if scalar.style == .plain {
            if let n = Int128(text) { return .integer(n) }
            if let d = Double(text), d.isFinite, text.contains(where: \.isNumber) { return .number(d) }
            if text == "true" { return .bool(true) }
            if text == "false" { return .bool(false) }
        }
        return .string(text)
    }
}

public struct RuleParamError: Error, Equatable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

extension RuleExpression {
    /// The expression with every `params.<name>` replaced by its value.
    func resolving(_ params: RuleParams) -> RuleExpression {
        guard !params.names.isEmpty else { return self }
        switch self {
        case .literal: return self
        case .field(let name, let column): return params[name].map { .literal($0, column: column) } ?? self
        case .unary(let op, let x, let column): return .unary(op, x.resolving(params), column: column)
        case .binary(let op, let a, let b, let column): return .binary(op, a.resolving(params), b.resolving(params), column: column)
        case .membership(let x, let list, let column): return .membership(x.resolving(params), list, column: column)
        }
    }
}
