import Yams

/// Error reporting and small typed readers of the rule file loader.
extension RuleFileLoader {
    mutating func fail(
        _ kind: RuleFileError.Kind, _ mark: Mark?, _ message: String, key: String? = nil
    ) {
        fail(kind, (mark?.line ?? 1, mark?.column ?? 1), message, key: key, valueMark: nil)
    }

    mutating func fail(
        _ kind: RuleFileError.Kind, _ at: (line: Int, column: Int), _ message: String, key: String?,
        valueMark: Mark?, expressionColumn: Int? = nil
    ) {
        errors.append(RuleFileError(
            kind: kind, file: path, ruleId: ruleId, line: at.line, column: at.column, key: key,
            expressionColumn: expressionColumn, valueLine: valueMark?.line, valueColumn: valueMark?.column,
            message: message))
    }

    mutating func failInExpression(
        _ kind: RuleFileError.Kind, _ scalar: Node.Scalar, _ column: Int, _ message: String, key: String
    ) {
        let at = locator.position(of: scalar, offset: column - 1)
        fail(kind, at, message, key: key, valueMark: scalar.mark, expressionColumn: column)
    }

    mutating func yamlError(_ error: Error) {
        switch error {
        case YamlError.scanner(let context, let problem, let mark, _),
             YamlError.parser(let context, let problem, let mark, _),
             YamlError.composer(let context, let problem, let mark, _):
            let detail = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            fail(.yamlSyntax, mark, "YAML syntax error: \(problem)\(detail)")
        case YamlError.duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            fail(.yamlSyntax, context.mark, "YAML syntax error: duplicate key \(keys) in a mapping")
        case YamlError.reader(let problem, _, _, _):
            fail(.yamlSyntax, nil, "YAML syntax error: \(problem)")
        default:
            fail(.yamlSyntax, nil, "YAML syntax error: \(error)")
        }
    }

    mutating func unknownKey(_ key: Node, allowed: [String], in context: String? = nil) {
        let name = key.string ?? "?"
        let hint = RuleFieldSuggestion.nearest(name, in: allowed).map { "did you mean '\($0)'?" }
            ?? "allowed: " + allowed.joined(separator: ", ")
        fail(.unknownKey, key.mark, "unknown key '\(name)' (\(hint))", key: context)
    }

    /// A required, non-empty text value; reports a missing key or a wrong shape.
    mutating func requiredText(
        _ key: String, _ entries: [String: Node], _ parent: Node, what: String? = nil, context: String? = nil
    ) -> String? {
        guard let node = entries[key] else {
            let owner = what.map { " in \($0)" } ?? ""
            fail(.missingKey, parent.mark, "missing key '\(key)'\(owner)", key: context)
            return nil
        }
        let empty = node.null != nil && !Self.hasCustomTag(node)
        guard case .scalar(let scalar) = node, !empty else {
            let found = empty ? "nothing" : "a \(Self.shape(node))"
            fail(.invalidValue, node.mark, "expected text, found \(found)", key: context.map { "\($0): \(key)" } ?? key)
            return nil
        }
        return scalar.string
    }

    mutating func enumValue<T: RawRepresentable & CaseIterable>(
        _ key: String, _ entries: [String: Node], _ parent: Node, _ type: T.Type, kind: RuleFileError.Kind
    ) -> T? where T.RawValue == String {
        guard let text = requiredText(key, entries, parent) else { return nil }
        if let value = T(rawValue: text) { return value }
        let names = T.allCases.map(\.rawValue)
        let list = names.dropLast().joined(separator: ", ") + " or " + names.last!
        fail(kind, entries[key]?.mark, "unknown \(key) '\(text)' (expected \(list))", key: key)
        return nil
    }

    /// A tag the user did not mean to write, such as `!completed` in `when: !completed`.
    static func hasCustomTag(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        let tag = scalar.tag.description
        return !tag.isEmpty && !tag.hasPrefix("tag:yaml.org")
    }

    static func shape(_ node: Node) -> String {
        switch node {
        case .scalar: return "scalar"
        case .mapping: return "mapping"
        case .sequence: return "list"
        case .alias: return "alias"
        }
    }
}

extension RuleSet {
    /// Loads and checks rule files completely: every problem of every file is reported
    /// (ids must be unique across all files) before any rule can run.
    /// Every file's rules (an id defined twice is an error, across files too), then every
    /// file's `overrides:` applied in file order (unless `applyingOverrides` is false: a
    /// file's examples test its rules as written).
    public static func load(files: [(path: String, text: String)], applyingOverrides: Bool = true) throws(RuleFileErrors) -> RuleSet {
        var errors: [RuleFileError] = []
        var rules: [Rule] = []
        var overrides: [RuleOverride] = []
        var firstDefinition: [String: String] = [:]
        for file in files {
            var loader = RuleFileLoader(path: file.path, text: file.text)
            loader.load()
            var fileErrors = loader.errors
            for (id, line, column) in loader.ids {
                if let first = firstDefinition[id] {
                    fileErrors.append(RuleFileError(
                        kind: .duplicateId, file: file.path, ruleId: id, line: line, column: column, key: "id",
                        message: "duplicate id '\(id)' (first defined at \(first))"))
                } else {
                    firstDefinition[id] = "\(file.path):\(line):\(column)"
                }
            }
            errors += fileErrors.enumerated().sorted {
                ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
            }.map(\.element)
            rules += loader.rules
            overrides += loader.overrides
        }
        guard errors.isEmpty else { throw RuleFileErrors(errors) }
        return applyingOverrides ? try RuleSet(rules: rules).applying(overrides) : RuleSet(rules: rules)
    }

    public static func load(yaml: String, path: String) throws(RuleFileErrors) -> RuleSet {
        try load(files: [(path: path, text: yaml)])
    }
}
