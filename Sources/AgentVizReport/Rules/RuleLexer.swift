/// A token of the expression language with its 1-based column (in Unicode scalars, as
/// YAML marks count them).
struct RuleToken: Equatable {
    enum Kind: Equatable {
        case number(Double), string(String), identifier(String)
        case trueKeyword, falseKeyword, nullKeyword, inKeyword
        case plus, minus, star, slash
        case equal, notEqual, less, lessEqual, greater, greaterEqual
        case and, or, not
        case leftParen, rightParen, leftBracket, rightBracket, comma
        case end
    }
    var kind: Kind
    var column: Int
}

/// A problem in an expression: the column inside the expression and what is wrong.
struct RuleExpressionError: Error, Equatable {
    enum Kind: Equatable { case syntax, unknownField, type }
    var kind: Kind
    var column: Int
    var message: String
}

enum RuleLexer {
    static func tokens(_ source: String) throws(RuleExpressionError) -> [RuleToken] {
        let s = Array(source.unicodeScalars)
        var out: [RuleToken] = []
        var i = 0
        func syntax(_ message: String, _ at: Int) -> RuleExpressionError {
            RuleExpressionError(kind: .syntax, column: at + 1, message: "syntax error: " + message)
        }
        while i < s.count {
            let c = s[i]
            let start = i
            if c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1; continue }
            if isDigit(c) || (c == "." && i + 1 < s.count && isDigit(s[i + 1])) {
                out.append(RuleToken(kind: .number(try number(s, &i, syntax)), column: start + 1))
                continue
            }
            if isIdentifierStart(c) {
                var name = ""
                while true {
                    while i < s.count && isIdentifierPart(s[i]) { name.unicodeScalars.append(s[i]); i += 1 }
                    guard i + 1 < s.count, s[i] == ".", isIdentifierStart(s[i + 1]) else { break }
                    name.append("."); i += 1
                }
                let kind: RuleToken.Kind
                switch name {
                case "true": kind = .trueKeyword
                case "false": kind = .falseKeyword
                case "null": kind = .nullKeyword
                case "in": kind = .inKeyword
                default: kind = .identifier(name)
                }
                out.append(RuleToken(kind: kind, column: start + 1))
                continue
            }
            if c == "\"" {
                i += 1
                var text = ""
                while true {
                    guard i < s.count, s[i] != "\n" else { throw syntax("unterminated string", start) }
                    if s[i] == "\"" { i += 1; break }
                    if s[i] == "\\" {
                        guard i + 1 < s.count, s[i + 1] == "\"" || s[i + 1] == "\\" else {
                            throw syntax("invalid escape in string (only \\\" and \\\\ are allowed)", i)
                        }
                        i += 1
                    }
                    text.unicodeScalars.append(s[i]); i += 1
                }
                out.append(RuleToken(kind: .string(text), column: start + 1))
                continue
            }
            let next: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
            let kind: RuleToken.Kind
            var width = 1
            switch (c, next) {
            case ("=", "="): kind = .equal; width = 2
            case ("!", "="): kind = .notEqual; width = 2
            case ("<", "="): kind = .lessEqual; width = 2
            case (">", "="): kind = .greaterEqual; width = 2
            case ("&", "&"): kind = .and; width = 2
            case ("|", "|"): kind = .or; width = 2
            case ("<", _): kind = .less
            case (">", _): kind = .greater
            case ("!", _): kind = .not
            case ("+", _): kind = .plus
            case ("-", _): kind = .minus
            case ("*", _): kind = .star
            case ("/", _): kind = .slash
            case ("(", _): kind = .leftParen
            case (")", _): kind = .rightParen
            case ("[", _): kind = .leftBracket
            case ("]", _): kind = .rightBracket
            case (",", _): kind = .comma
            case ("=", _): throw syntax("unexpected '=' (did you mean '=='?)", i)
            case ("&", _): throw syntax("unexpected '&' (did you mean '&&'?)", i)
            case ("|", _): throw syntax("unexpected '|' (did you mean '||'?)", i)
            default: throw syntax("unexpected character '\(c)'", i)
            }
            out.append(RuleToken(kind: kind, column: start + 1))
            i += width
        }
        out.append(RuleToken(kind: .end, column: s.count + 1))
        return out
    }

    /// Digits with an optional fraction and exponent; `_` may separate digits (`1_000_000`).
    private static func number(
        _ s: [Unicode.Scalar], _ i: inout Int, _ syntax: (String, Int) -> RuleExpressionError
    ) throws(RuleExpressionError) -> Double {
        let start = i
        var text = ""
        func digits() {
            while i < s.count, isDigit(s[i]) || (s[i] == "_" && i + 1 < s.count && isDigit(s[i + 1]) && i > start) {
                if s[i] != "_" { text.unicodeScalars.append(s[i]) }
                i += 1
            }
        }
        digits()
        if i < s.count, s[i] == ".", i + 1 < s.count, isDigit(s[i + 1]) { text.append("."); i += 1; digits() }
        if i < s.count, s[i] == "e" || s[i] == "E" {
            var j = i + 1
            var exponent = "e"
            if j < s.count, s[j] == "+" || s[j] == "-" { exponent.unicodeScalars.append(s[j]); j += 1 }
            if j < s.count, isDigit(s[j]) { text += exponent; i = j; digits() }
        }
        if i < s.count, isIdentifierStart(s[i]) || isDigit(s[i]) || s[i] == "_" || s[i] == "." {
            throw syntax("malformed number", start)
        }
        guard let value = Double(text), value.isFinite else { throw syntax("malformed number", start) }
        return value
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
    static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" }
    static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool { isIdentifierStart(c) || isDigit(c) }
}
