import Yams

/// Reads one rule file into rules, collecting every problem instead of stopping at the
/// first. Uses Yams' node API for line/column marks and to see unknown keys.
struct RuleFileLoader {
    static let ruleKeys = ["id", "severity", "scope", "by", "title", "rationale", "recommendation",
                           "when", "estimatedSavingsUsd", "params", "examples"]
    static let exampleKeys = ["name", "week", "events", "expect", "budget", "invalidLines"]

    let path: String
    let text: String
    let locator: YAMLScalarLocator
    var errors: [RuleFileError] = []
    var rules: [Rule] = []
    /// The file's `overrides:` of rules by id (its own or others').
    var overrides: [RuleOverride] = []
    /// Every well-formed id with its position, for duplicate checks across files.
    var ids: [(id: String, line: Int, column: Int)] = []
    /// The rule being read, so its errors name it.
    var ruleId: String?
    /// Its parameters, which its expressions and texts may read.
    var params = RuleParams()

    init(path: String, text: String) {
        self.path = path
        self.text = text
        self.locator = YAMLScalarLocator(text: text)
    }

    mutating func load() {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            yamlError(error)
            return
        }
        guard let root, case .mapping(let top) = root else {
            fail(.notAMapping, root?.mark, "expected a mapping with a 'rules' list (or 'overrides') at the top of the file")
            return
        }
        var rulesNode: Node?
        var overridesNode: Node?
        for (key, value) in top {
            switch key.string {
            case "rules": rulesNode = value
            case "overrides": overridesNode = value
            default: unknownKey(key, allowed: ["rules", "overrides"])
            }
        }
        if let overridesNode {
            overrides = RuleOverride.parse(overridesNode, file: path) { mark, message in
                fail(.invalidValue, mark, message, key: "overrides")
            }
        }
        guard let rulesNode else {
            if overridesNode == nil { fail(.missingKey, root.mark, "missing key 'rules'") }
            return
        }
        if rulesNode.null != nil { return }
        guard case .sequence(let items) = rulesNode else {
            return fail(.invalidValue, rulesNode.mark, "expected a list of rules", key: "rules")
        }
        for (index, item) in items.enumerated() {
            ruleId = nil
            if let rule = loadRule(item, index: index) { rules.append(rule) }
        }
        ruleId = nil
    }

    private mutating func loadRule(_ node: Node, index: Int) -> Rule? {
        guard case .mapping(let mapping) = node else {
            fail(.notAMapping, node.mark, "rule #\(index + 1) is not a mapping (expected id, severity, scope, title, rationale, recommendation, when)")
            return nil
        }
        let errorCount = errors.count
        var entries: [String: Node] = [:]
        var unknown: [Node] = []
        for (key, value) in mapping {
            if let name = key.string, Self.ruleKeys.contains(name) { entries[name] = value } else { unknown.append(key) }
        }
        let id = requiredText("id", entries, node, what: "rule #\(index + 1)")
        if let id {
            ruleId = id
            if id.isEmpty || !id.unicodeScalars.allSatisfy({ ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }) {
                fail(.badId, entries["id"]?.mark, "invalid id '\(id)': use lowercase letters, digits and '-' only", key: "id")
            } else {
                ids.append((id, entries["id"]?.mark?.line ?? 1, entries["id"]?.mark?.column ?? 1))
            }
        }
        for key in unknown { unknownKey(key, allowed: Self.ruleKeys) }
        let severity = enumValue("severity", entries, node, Severity.self, kind: .unknownSeverity)
        let scope = enumValue("scope", entries, node, RuleScope.self, kind: .unknownScope)
        let byErrors = errors.count
        var by = loadBy(entries, node, scope: scope)
        // A broken by list is reported once; check the rest as if it named every by field.
        if scope == .group && errors.count > byErrors { by = FieldCatalog.byFields.map(\.name) }
        let title = requiredText("title", entries, node)
        let rationale = requiredText("rationale", entries, node)
        let recommendation = requiredText("recommendation", entries, node)
        params = loadParams(entries["params"])
        let when = requiredText("when", entries, node)
        let condition = entries["when"].flatMap { expression($0, key: "when", wanted: .bool, scope: scope, by: by) }
        let savingsNode = entries["estimatedSavingsUsd"]
        let savings = savingsNode.flatMap { expression($0, key: "estimatedSavingsUsd", wanted: .number, scope: scope, by: by) }
        let titleTemplate = entries["title"].flatMap { template($0, key: "title", scope: scope, by: by, savings: savingsNode != nil) }
        let recommendationTemplate = entries["recommendation"].flatMap {
            template($0, key: "recommendation", scope: scope, by: by, savings: savingsNode != nil)
        }
        let examples = entries["examples"].map { loadExamples($0, scope: scope, by: by) } ?? []
        guard errors.count == errorCount, let id, let severity, let scope, let title, let rationale,
              let recommendation, let when, let condition, let titleTemplate, let recommendationTemplate else { return nil }
        var rule = Rule(
            id: id, severity: severity, scope: scope, by: scope == .group ? by : nil, title: title,
            rationale: rationale, recommendation: recommendation, when: when,
            estimatedSavingsUsd: savingsNode?.scalar?.string, examples: examples, file: path,
            line: node.mark?.line ?? 1, condition: condition, savings: savings,
            titleTemplate: titleTemplate, recommendationTemplate: recommendationTemplate)
        rule.params = params
        return rule
    }

    /// `params: { name: value, ... }`: names are identifiers, values scalars.
    private mutating func loadParams(_ node: Node?) -> RuleParams {
        var params = RuleParams()
        guard let node else { return params }
        guard case .mapping(let mapping) = node else {
            fail(.invalidValue, node.mark, "expected a mapping of parameter names to values, for example params: { minTokens: 1000000 }", key: "params")
            return params
        }
        for (key, value) in mapping {
            guard let name = key.string, let first = name.unicodeScalars.first, first.properties.isAlphabetic,
                  name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }) else {
                fail(.invalidValue, key.mark, "a parameter name is letters, digits and _ (starting with a letter), found '\(key.string ?? "?")'", key: "params")
                continue
            }
            guard let v = RuleParams.value(of: value) else {
                fail(.invalidValue, value.mark, "parameter '\(name)' must be a number, true, false or text", key: "params")
                continue
            }
            params.declare(name, v)
        }
        return params
    }

    /// The `by` list when it is usable (scope group, known fields, no repeats).
    private mutating func loadBy(_ entries: [String: Node], _ rule: Node, scope: RuleScope?) -> [String]? {
        guard let node = entries["by"] else {
            if scope == .group {
                fail(.missingKey, rule.mark, "missing key 'by' (scope group needs the fields to group by, for example by: [repository, branch])")
            }
            return nil
        }
        if let scope, scope != .group {
            fail(.badBy, node.mark, "by is only allowed in scope group (this rule's scope is \(scope.rawValue))", key: "by")
            return nil
        }
        guard case .sequence(let items) = node else {
            fail(.badBy, node.mark, "expected a list of fields, for example [repository, branch]", key: "by")
            return nil
        }
        if items.isEmpty { fail(.badBy, node.mark, "by must list at least one field", key: "by") }
        let allowed = FieldCatalog.byFields.map(\.name)
        var fields: [String] = []
        for item in items {
            guard let name = item.scalar?.string else {
                fail(.badBy, item.mark, "expected a field name", key: "by")
                continue
            }
            if !allowed.contains(name) {
                let hint = RuleFieldSuggestion.nearest(name, in: allowed).map { "did you mean '\($0)'?" }
                    ?? "allowed: " + allowed.joined(separator: ", ")
                fail(.badBy, item.mark, "unknown by field '\(name)' (\(hint))", key: "by")
            } else if fields.contains(name) {
                fail(.badBy, item.mark, "'\(name)' is listed twice", key: "by")
            } else {
                fields.append(name)
            }
        }
        return fields.isEmpty ? nil : fields
    }

    private mutating func expression(
        _ node: Node, key: String, wanted: RuleExpressionType, scope: RuleScope?, by: [String]?
    ) -> RuleExpression? {
        guard case .scalar(let scalar) = node else {
            fail(.invalidValue, node.mark, "expected an expression (text), found a \(Self.shape(node))", key: key)
            return nil
        }
        if Self.hasCustomTag(node) {
            let tag = scalar.tag.description
            fail(.expressionSyntax, scalar.mark, "YAML reads the leading '\(tag)' as a tag; quote the whole expression, for example \(key): '\(tag) && ...'", key: key)
            return nil
        }
        let expressionError = { (e: RuleExpressionError) -> (RuleFileError.Kind, Int, String) in
            let kind: RuleFileError.Kind = e.kind == .syntax ? .expressionSyntax : (e.kind == .unknownField ? .unknownField : .typeError)
            return (kind, e.column, e.message)
        }
        let parsed: RuleExpression
        do {
            parsed = try RuleExpressionParser.parse(scalar.string)
        } catch {
            let (kind, column, message) = expressionError(error)
            failInExpression(kind, scalar, column, message, key: key)
            return nil
        }
        guard let scope else { return parsed }
        var checker = RuleTypeChecker(scope: scope, by: by, params: params)
        let type = checker.check(parsed)
        for error in checker.errors {
            let (kind, column, message) = expressionError(error)
            failInExpression(kind, scalar, column, message, key: key)
        }
        if checker.errors.isEmpty && type != wanted && type != .unknown {
            let article = { (t: RuleExpressionType) in t == .null ? "null" : "a \(t.name)" }
            failInExpression(.typeError, scalar, 1, "type error: expected \(article(wanted)) expression, found \(article(type))", key: key)
        }
        return parsed
    }

    private mutating func template(_ node: Node, key: String, scope: RuleScope?, by: [String]?, savings: Bool) -> RuleTemplate? {
        guard case .scalar(let scalar) = node else { return nil }
        switch RuleTemplate.parse(scalar.string) {
        case .failure(let error):
            let at = locator.position(of: scalar, offset: error.offset)
            fail(.templateError, at, error.message, key: key, valueMark: scalar.mark)
            return nil
        case .success(let template):
            guard let scope else { return template }
            for case .field(let name, let offset) in template.parts {
                if name == Rule.savingsField ? savings : FieldCatalog.field(name, scope: scope, by: by) != nil || params[name] != nil { continue }
                let message = name == Rule.savingsField
                    ? "'{{\(name)}}' needs the rule to define estimatedSavingsUsd"
                    : RuleParams.isReference(name) ? params.unknown(name) : RuleFieldSuggestion.unknownField(name, scope: scope, by: by)
                fail(.templateError, locator.position(of: scalar, offset: offset), message, key: key, valueMark: scalar.mark)
            }
            return template
        }
    }
}
