/// A problem in a rule file, found while loading (before any data is read).
public struct RuleFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case yamlSyntax, notAMapping, invalidValue, missingKey, unknownKey
        case badId, duplicateId, unknownSeverity, unknownScope, badBy
        case expressionSyntax, unknownField, typeError, templateError, badExample
    }

    public var kind: Kind
    public var file: String
    /// The rule's id when the rule has one.
    public var ruleId: String?
    /// Position in the YAML file (1-based; columns count Unicode scalars, as libYAML does).
    /// For expression and template errors, the position of the offending token.
    public var line: Int
    public var column: Int
    /// Where in the rule: `when`, `by`, `examples[2].week`, ...
    public var key: String?
    /// For expression errors: the 1-based column inside the expression text.
    public var expressionColumn: Int?
    /// For expression and template errors: where the value (the `when` text) starts in the file.
    public var valueLine: Int?
    public var valueColumn: Int?
    public var message: String

    public init(
        kind: Kind, file: String, ruleId: String? = nil, line: Int, column: Int, key: String? = nil,
        expressionColumn: Int? = nil, valueLine: Int? = nil, valueColumn: Int? = nil, message: String
    ) {
        self.kind = kind
        self.file = file
        self.ruleId = ruleId
        self.line = line
        self.column = column
        self.key = key
        self.expressionColumn = expressionColumn
        self.valueLine = valueLine
        self.valueColumn = valueColumn
        self.message = message
    }

    /// `rules/custom.yml:12:11: rule 'high-token-session': when: unknown field 'tokenTotl' in scope session (did you mean 'tokenTotal'?)`
    public var description: String {
        var s = "\(file):\(line):\(column): "
        if let ruleId { s += "rule '\(ruleId)': " }
        if let key { s += key + ": " }
        return s + message
    }
}

/// Every problem found in the rule files, in file order.
public struct RuleFileErrors: Error, Equatable, Sendable, CustomStringConvertible {
    public var errors: [RuleFileError]

    public init(_ errors: [RuleFileError]) { self.errors = errors }

    /// One line per problem.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
