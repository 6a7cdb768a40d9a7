/// RULES.md and `rules explain`, generated from the rule metadata (never kept by hand).
/// Output depends only on the rule set: same rules, same bytes.
public enum RulesDocumentation {
    public static func markdown(_ set: RuleSet) -> String {
        var out = """
        <!-- Generated from the rule files by `agentviz-report rules docs`. Do not edit by hand. -->
        # Rules

        Each rule looks at one row per session, group or period of the report's window and gives a
        finding when its condition holds. Severity orders the findings: \(Severity.allCases.reversed().map(\.rawValue).joined(separator: ", ")).
        The expression language and the fields are described in the field reference at the end.


        """
        out += "| id | severity | scope | title |\n| --- | --- | --- | --- |\n"
        for rule in set.rules {
            out += "| [`\(rule.id)`](#\(rule.id)) | \(rule.severity.rawValue) | \(scopeText(rule)) | \(cell(rule.title)) |\n"
        }
        for rule in set.rules { out += "\n" + section(rule) }
        out += "\n" + fieldReference()
        return out
    }

    /// `agentviz-report rules list`: one line per rule (id, severity, scope, title) in
    /// aligned columns.
    public static func list(_ set: RuleSet) -> String {
        let rows = set.rules.map { [$0.id, $0.severity.rawValue, scopeText($0), $0.title] }
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            (0..<3).map { row[$0] + String(repeating: " ", count: widths[$0] + 2 - row[$0].count) }.joined() + row[3] + "\n"
        }.joined()
    }

    /// Plain text for `agentviz-report rules explain ID`.
    public static func explain(_ rule: Rule) -> String {
        var out = "\(rule.id) (\(rule.severity.rawValue), scope \(scopeText(rule)))\n"
        out += "Title: \(rule.title)\n\n"
        out += "What it does:\n" + indent(whatItDoes(rule)) + "\n\n"
        out += "Why it matters:\n" + indent(rule.rationale) + "\n\n"
        out += "What to do:\n" + indent(rule.recommendation) + "\n\n"
        out += "Condition:\n" + indent("when: " + rule.when)
        if let savings = rule.estimatedSavingsUsd { out += "\n" + indent("estimatedSavingsUsd: " + savings) }
        out += "\n" + indent("fields read: " + rule.fieldsRead.joined(separator: ", ")) + "\n"
        if !rule.params.names.isEmpty {
            out += "\nParameters (change them with an override, see README):\n"
            out += indent(rule.params.names.map { "\($0) = \(paramText(rule.params.values[$0]!))" }.joined(separator: "\n")) + "\n"
        }
        if !rule.examples.isEmpty { out += "\nExamples:\n" }
        for example in rule.examples {
            out += indent("\(example.isTriggering ? "triggers" : "does not trigger"): \(example.name) (week \(example.week)) -> \(expectText(example))") + "\n"
            out += example.events.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n") + "\n"
        }
        out += "\nDefined at \(rule.file):\(rule.line)\n"
        return out
    }

    static func section(_ rule: Rule) -> String {
        var out = "## \(rule.id)\n\n"
        out += "**Severity:** \(rule.severity.rawValue) · **Scope:** \(scopeText(rule)) · **Title:** \(rule.title)\n\n"
        out += "### What it does\n\n\(whatItDoes(rule))\n\n"
        out += "### Why it matters\n\n\(rule.rationale)\n\n"
        out += "### What to do\n\n\(rule.recommendation)\n\n"
        out += "### Condition\n\n```\nwhen: \(rule.when)\n"
        if let savings = rule.estimatedSavingsUsd { out += "estimatedSavingsUsd: \(savings)\n" }
        out += "```\n\nFields read: " + rule.fieldsRead.map { "`\($0)`" }.joined(separator: ", ") + ".\n"
        if !rule.params.names.isEmpty {
            out += "\n### Parameters\n\n| parameter | default |\n| --- | --- |\n"
            for name in rule.params.names { out += "| `\(name)` | `\(paramText(rule.params.values[name]!))` |\n" }
            out += "\nRead as `params.<name>`; an override changes them without copying the rule.\n"
        }
        if !rule.examples.isEmpty { out += "\n### Examples\n" }
        for example in rule.examples {
            let kind = example.isTriggering ? "Triggers" : "Does not trigger"
            out += "\n**\(kind):** \(example.name) (week \(example.week)). Expected findings: \(expectText(example)).\n\n"
            out += "```json\n" + example.events.trimmingTrailingNewlines + "\n```\n"
        }
        return out
    }

    static func whatItDoes(_ rule: Rule) -> String {
        let row: String
        switch rule.scope {
        case .session: row = "each session active in the window"
        case .group: row = "each distinct " + (rule.by ?? []).joined(separator: " and ") + " (as of the window end) of the window's active sessions"
        case .period: row = "the window as a whole, compared with the previous period of the same length"
        }
        let savings = rule.estimatedSavingsUsd.map { " Its estimated savings in US dollars are `\($0)`." } ?? ""
        return "Looks at \(row) and gives a finding when `\(rule.when)` holds.\(savings)"
    }

    static func fieldReference() -> String {
        var out = "## Field reference\n\n"
        out += "Every field may be `null`. Expressions: numbers, strings in double quotes, `true`, `false`, `null`, "
        out += "fields, `+ - * /`, `== != < <= > >=`, `&&`, `||`, `!`, parentheses and `x in [a, b]`. "
        out += "`==` and `!=` treat `null` as a value; `< <= > >=` with `null` are false; arithmetic with `null` "
        out += "and division by zero give `null`; `null` in a boolean position counts as false. "
        out += "An expression that starts with `!` must be quoted in YAML (`when: '!completed && ...'`).\n"
        let scopes: [(RuleScope, String)] = [
            (.session, "One row per session active in the window."),
            (.group, "One row per distinct value of the `by` fields among the window's active sessions; only the listed `by` fields exist."),
            (.period, "One row: the window. `previous.<figure>` is the figure of the previous period, `change.<figure>` is (current - previous) / previous, `null` when the previous is 0."),
        ]
        for (scope, intro) in scopes {
            out += "\n### Scope `\(scope.rawValue)`\n\n\(intro)\n\n| field | type | meaning |\n| --- | --- | --- |\n"
            for field in FieldCatalog.fields(scope: scope) {
                out += "| `\(field.name)` | \(typeText(field)) | \(cell(field.summary)) |\n"
            }
        }
        return out
    }

    static func typeText(_ field: RuleField) -> String {
        switch field.format {
        case .money: return "number (USD)"
        case .amount: return "number"
        case .ratio: return "number (ratio)"
        default: return field.type.rawValue
        }
    }

    static func scopeText(_ rule: Rule) -> String {
        rule.scope == .group ? "group by " + (rule.by ?? []).joined(separator: ", ") : rule.scope.rawValue
    }

    static func expectText(_ example: RuleExample) -> String {
        example.expect.isEmpty ? "none" : "[" + example.expect.map(\.yamlText).joined(separator: ", ") + "]"
    }

    static func cell(_ text: String) -> String { text.replacingAll("|", with: "\\|") }

    static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }

    fileprivate var trimmingTrailingNewlines: String {
        var s = Substring(self)
        while s.last == "\n" { s.removeLast() }
        return String(s)
    }
}

extension RulesDocumentation {
    /// A parameter's value as written in YAML.
    static func paramText(_ v: RuleValue) -> String {
        switch v {
        case .integer(let n): return String(n)
        case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .string(let s): return "\"" + s + "\""
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }
}
