/// A parsed expression. Columns are 1-based positions inside the expression text.
indirect enum RuleExpression: Equatable, Sendable {
    enum UnaryOperator: String, Sendable { case not = "!", negate = "-" }
    enum BinaryOperator: String, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/"
        case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
        case and = "&&", or = "||"

        var isComparison: Bool { [.equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual].contains(self) }
        var isOrdering: Bool { [.less, .lessEqual, .greater, .greaterEqual].contains(self) }
        var isArithmetic: Bool { [.add, .subtract, .multiply, .divide].contains(self) }

        /// The same comparison with its operands swapped (`3 < x` is `x > 3`).
        var mirrored: Self {
            switch self {
            case .less: return .greater
            case .lessEqual: return .greaterEqual
            case .greater: return .less
            case .greaterEqual: return .lessEqual
            default: return self
            }
        }
    }

    case literal(RuleValue, column: Int)
    case field(String, column: Int)
    case unary(UnaryOperator, RuleExpression, column: Int)
    case binary(BinaryOperator, RuleExpression, RuleExpression, column: Int)
    case membership(RuleExpression, [RuleValue], column: Int)

    var column: Int {
        switch self {
        case .literal(_, let c), .field(_, let c), .unary(_, _, let c), .membership(_, _, let c): return c
        case .binary(_, let lhs, _, _): return lhs.column
        }
    }

    /// Every field name the expression reads, in order of first appearance.
    var fieldNames: [String] {
        var names: [String] = []
        func walk(_ e: RuleExpression) {
            switch e {
            case .literal: break
            case .field(let name, _): if !names.contains(name) { names.append(name) }
            case .unary(_, let x, _): walk(x)
            case .binary(_, let a, let b, _): walk(a); walk(b)
            case .membership(let x, _, _): walk(x)
            }
        }
        walk(self)
        return names
    }
}

/// Recursive descent over the grammar, lowest precedence first:
/// `||`, `&&`, comparisons and `in` (non-associative), `+ -`, `* /`, unary `! -`.
struct RuleExpressionParser {
    private var tokens: [RuleToken]
    private var position = 0

    static func parse(_ source: String) throws(RuleExpressionError) -> RuleExpression {
        var parser = RuleExpressionParser(tokens: try RuleLexer.tokens(source))
        if parser.peek.kind == .end { throw parser.error("empty expression", parser.peek) }
        let expression = try parser.or()
        if parser.peek.kind != .end {
            throw parser.error("unexpected \(describe(parser.peek.kind)) after a complete expression", parser.peek)
        }
        return expression
    }

    private init(tokens: [RuleToken]) { self.tokens = tokens }

    private var peek: RuleToken { tokens[position] }

    private mutating func advance() -> RuleToken {
        defer { if position < tokens.count - 1 { position += 1 } }
        return tokens[position]
    }

    private func error(_ message: String, _ token: RuleToken) -> RuleExpressionError {
        RuleExpressionError(kind: .syntax, column: token.column, message: "syntax error: " + message)
    }

    private mutating func or() throws(RuleExpressionError) -> RuleExpression {
        var lhs = try and()
        while peek.kind == .or {
            let op = advance()
            lhs = .binary(.or, lhs, try and(), column: op.column)
        }
        return lhs
    }

    private mutating func and() throws(RuleExpressionError) -> RuleExpression {
        var lhs = try comparison()
        while peek.kind == .and {
            let op = advance()
            lhs = .binary(.and, lhs, try comparison(), column: op.column)
        }
        return lhs
    }

    private mutating func comparison() throws(RuleExpressionError) -> RuleExpression {
        let lhs = try additive()
        let result: RuleExpression
        if let op = comparisonOperator(peek.kind) {
            let token = advance()
            result = .binary(op, lhs, try additive(), column: token.column)
        } else if peek.kind == .inKeyword {
            let token = advance()
            result = .membership(lhs, try list(), column: token.column)
        } else {
            return lhs
        }
        if comparisonOperator(peek.kind) != nil || peek.kind == .inKeyword {
            throw error("comparisons cannot be chained; use parentheses or '&&'", peek)
        }
        return result
    }

    private mutating func list() throws(RuleExpressionError) -> [RuleValue] {
        guard peek.kind == .leftBracket else { throw error("expected '[' after 'in', found \(Self.describe(peek.kind))", peek) }
        _ = advance()
        var items: [RuleValue] = []
        if peek.kind == .rightBracket { _ = advance(); return items }
        while true {
            items.append(try listItem())
            let token = advance()
            if token.kind == .rightBracket { return items }
            guard token.kind == .comma else { throw error("expected ',' or ']' in the list, found \(Self.describe(token.kind))", token) }
        }
    }

    private mutating func listItem() throws(RuleExpressionError) -> RuleValue {
        let token = advance()
        switch token.kind {
        case .number(let v): return .number(v)
        case .string(let s): return .string(s)
        case .trueKeyword: return .bool(true)
        case .falseKeyword: return .bool(false)
        case .nullKeyword: return .null
        case .minus:
            if case .number(let v) = peek.kind { _ = advance(); return .number(-v) }
        default: break
        }
        throw error("a list holds only literals (numbers, strings, true, false, null), found \(Self.describe(token.kind))", token)
    }

    private mutating func additive() throws(RuleExpressionError) -> RuleExpression {
        var lhs = try multiplicative()
        while peek.kind == .plus || peek.kind == .minus {
            let token = advance()
            lhs = .binary(token.kind == .plus ? .add : .subtract, lhs, try multiplicative(), column: token.column)
        }
        return lhs
    }

    private mutating func multiplicative() throws(RuleExpressionError) -> RuleExpression {
        var lhs = try unary()
        while peek.kind == .star || peek.kind == .slash {
            let token = advance()
            lhs = .binary(token.kind == .star ? .multiply : .divide, lhs, try unary(), column: token.column)
        }
        return lhs
    }

    private mutating func unary() throws(RuleExpressionError) -> RuleExpression {
        if peek.kind == .not || peek.kind == .minus {
            let token = advance()
            return .unary(token.kind == .not ? .not : .negate, try unary(), column: token.column)
        }
        return try primary()
    }

    private mutating func primary() throws(RuleExpressionError) -> RuleExpression {
        let token = advance()
        switch token.kind {
        case .number(let v): return .literal(.number(v), column: token.column)
        case .string(let s): return .literal(.string(s), column: token.column)
        case .trueKeyword: return .literal(.bool(true), column: token.column)
        case .falseKeyword: return .literal(.bool(false), column: token.column)
        case .nullKeyword: return .literal(.null, column: token.column)
        case .identifier(let name): return .field(name, column: token.column)
        case .leftParen:
            let inner = try or()
            let close = advance()
            guard close.kind == .rightParen else {
                throw error("expected ')' to close the '(' at column \(token.column), found \(Self.describe(close.kind))", close)
            }
            return inner
        default:
            throw error("expected a value, found \(Self.describe(token.kind))", token)
        }
    }

    private func comparisonOperator(_ kind: RuleToken.Kind) -> RuleExpression.BinaryOperator? {
        switch kind {
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        default: return nil
        }
    }

    static func describe(_ kind: RuleToken.Kind) -> String {
        switch kind {
        case .number(let v): return "number " + literalText(.number(v))
        case .string(let s): return "string \"\(s)\""
        case .identifier(let name): return "'\(name)'"
        case .trueKeyword: return "'true'"
        case .falseKeyword: return "'false'"
        case .nullKeyword: return "'null'"
        case .inKeyword: return "'in'"
        case .plus: return "'+'"
        case .minus: return "'-'"
        case .star: return "'*'"
        case .slash: return "'/'"
        case .equal: return "'=='"
        case .notEqual: return "'!='"
        case .less: return "'<'"
        case .lessEqual: return "'<='"
        case .greater: return "'>'"
        case .greaterEqual: return "'>='"
        case .and: return "'&&'"
        case .or: return "'||'"
        case .not: return "'!'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .comma: return "','"
        case .end: return "end of expression"
        }
    }

    static func literalText(_ value: RuleValue) -> String {
        switch value {
        case .number(let v): return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
        case .integer(let n): return String(n)
        case .string(let s): return "\"" + s + "\""
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }
}
