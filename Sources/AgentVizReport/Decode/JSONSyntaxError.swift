/// What made a line invalid JSON. Messages describe the problem and a column, never the
/// line's content (privacy: the line may hold anything).
enum JSONSyntaxProblem: Sendable {
    case emptyLine
    case notAnObject
    case unexpectedEnd
    case unexpectedCharacter
    case expectedKey
    case expectedColon
    case expectedCommaOrBrace
    case expectedCommaOrBracket
    case invalidLiteral
    case invalidNumber
    case invalidEscape
    case loneSurrogate
    case controlCharacter
    case invalidUTF8
    case tooDeep
    case trailingCharacters
    /// An object names the same member twice: which one wins would be a guess.
    case duplicateKey(String)

    var message: String {
        switch self {
        case .emptyLine: "empty line, expected a JSON object"
        case .notAnObject: "not a JSON object"
        case .unexpectedEnd: "unexpected end of line (truncated JSON)"
        case .unexpectedCharacter: "unexpected character, expected a JSON value"
        case .expectedKey: "expected a quoted member name"
        case .expectedColon: "expected ':' after a member name"
        case .expectedCommaOrBrace: "expected ',' or '}' in an object"
        case .expectedCommaOrBracket: "expected ',' or ']' in an array"
        case .invalidLiteral: "invalid literal, expected true, false or null"
        case .invalidNumber: "invalid number"
        case .invalidEscape: "invalid escape sequence in a string"
        case .loneSurrogate: "unpaired UTF-16 surrogate escape in a string"
        case .controlCharacter: "unescaped control character in a string"
        case .invalidUTF8: "invalid UTF-8"
        case .tooDeep: "nesting deeper than \(JSONLineScanner.maxDepth) levels"
        case .trailingCharacters: "unexpected characters after the JSON object"
        case .duplicateKey(let name): "duplicate member name \(DetailText.quoted(name))"
        }
    }
}

struct JSONSyntaxError: Error, Sendable {
    var problem: JSONSyntaxProblem
    /// Byte offset (0-based) where the scan stopped.
    var offset: Int

    /// The rejection detail: the problem and a 1-based byte column.
    var detail: String { "\(problem.message) (column \(offset + 1))" }
}
