/// One loaded, checked rule. The source texts are kept for documentation; the parsed
/// forms are ready to evaluate.
public struct Rule: Sendable {
    public var id: String
    public var severity: Severity
    public var scope: RuleScope
    /// The group fields (scope `group` only).
    public var by: [String]?
    public var title: String
    public var rationale: String
    public var recommendation: String
    /// The `when` expression as written.
    public var when: String
    /// The `estimatedSavingsUsd` expression as written.
    public var estimatedSavingsUsd: String?
    public var examples: [RuleExample]
    /// Named constants the rule reads as `params.<name>` (an override may change them).
    public var params = RuleParams()
    /// Where the rule is defined.
    public var file: String
    public var line: Int

    let condition: RuleExpression
    let savings: RuleExpression?
    let titleTemplate: RuleTemplate
    let recommendationTemplate: RuleTemplate

    /// The field a template may quote for the rule's own savings.
    static let savingsField = "estimatedSavingsUsd"

    /// Every field the rule reads (when, estimatedSavingsUsd, title, recommendation), in
    /// order of first appearance.
    public var fieldsRead: [String] {
        var names: [String] = []
        let all = condition.fieldNames + (savings?.fieldNames ?? []) + titleTemplate.fieldNames + recommendationTemplate.fieldNames
        for name in all where name != Self.savingsField && !names.contains(name) { names.append(name) }
        return names
    }

    /// The rule compiled for rows of `layout`.
    func compiled(for layout: RuleRowLayout) -> CompiledRule {
        let condition = condition.resolving(params)
        return CompiledRule(rule: self, resolvedCondition: condition, condition: CompiledExpression(condition, layout: layout),
                            savings: savings.map { CompiledExpression($0.resolving(params), layout: layout) })
    }

    /// The finding this row gives, or nil when `when` is not true for it.
    public func evaluate(_ row: RuleRow) -> Finding? {
        compiled(for: row.values.layout).evaluate(row)
    }
}

/// A rule with its expressions compiled for one row layout.
struct CompiledRule {
    let rule: Rule
    /// `when` with its parameters' values in place (what observed lines describe).
    let resolvedCondition: RuleExpression
    let condition: CompiledExpression
    let savings: CompiledExpression?

    func evaluate(_ row: RuleRow) -> Finding? {
        guard condition(row.values).isTrue else { return nil }
        // Only firing rows get here: names are fine from now on.
        let saving = savings.flatMap { $0(row.values).number }
        var values = row.values.dictionary
        let observed = RuleObservation.lines(resolvedCondition, values)
        values[Rule.savingsField] = saving.map(RuleValue.number) ?? .null
        for name in rule.params.names { values[RuleParams.prefix + name] = rule.params.values[name] }
        var figures: [String: RuleValue] = [:]
        for name in rule.fieldsRead { figures[name] = values[name] ?? row.values[name] }
        return Finding(
            ruleId: rule.id, severity: rule.severity, scope: rule.scope, key: row.key,
            sessionIds: row.sessionIds.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) },
            title: rule.titleTemplate.render(values), recommendation: rule.recommendationTemplate.render(values),
            estimatedSavingsUsd: saving, figures: figures, observed: observed)
    }
}

/// A rule's example: NDJSON events, the week the report is run for, and the keys of the
/// findings the rule must give there (none for a non-triggering example).
public struct RuleExample: Sendable, Equatable {
    public var name: String
    /// An ISO week label such as `2026-W47`.
    public var week: String
    public var events: String
    public var expect: [FindingKey]
    public var line: Int
    /// `budget: 100usd`: the example runs as with `--budget` (budget rules need one).
    public var budget: Budget? = nil

    public var isTriggering: Bool { !expect.isEmpty }

    /// The week's window `[start, end)` in UTC.
    public var window: (start: Timestamp, end: Timestamp) { ExampleWeek.window(week)! }
}

public struct RuleSet: Sendable {
    public var rules: [Rule]

    public init(rules: [Rule]) { self.rules = rules }

    /// No rules: reports without findings.
    public static let empty = RuleSet(rules: [])

    public func rule(id: String) -> Rule? { rules.first { $0.id == id } }

    /// The distinct `by` lists of the group rules, in rule order: the group rows the
    /// pipeline must compute.
    public var groupings: [[String]] {
        var out: [[String]] = []
        for rule in rules where rule.scope == .group {
            if let by = rule.by, !out.contains(by) { out.append(by) }
        }
        return out
    }

    /// Runs every rule over the rows of its scope (asked once per scope and `by` list) and
    /// returns the findings in report order.
    public func evaluate(scope rows: (RuleScope, [String]?) -> [RuleRow]) -> [Finding] {
        var cache: [String: [RuleRow]] = [:]
        var findings: [Finding] = []
        for rule in rules {
            let by = rule.scope == .group ? rule.by : nil
            let cacheKey = rule.scope.rawValue + "|" + (by ?? []).joined(separator: ",")
            let scopeRows = cache[cacheKey] ?? rows(rule.scope, by)
            cache[cacheKey] = scopeRows
            // Rows of one scope share a layout: compile once per layout.
            var compiled: (layout: RuleRowLayout, rule: CompiledRule)?
            for row in scopeRows {
                if compiled?.layout !== row.values.layout {
                    compiled = (row.values.layout, rule.compiled(for: row.values.layout))
                }
                if let finding = compiled!.rule.evaluate(row) { findings.append(finding) }
            }
        }
        return findings.sorted(by: Finding.reportOrder)
    }
}

/// ISO 8601 week labels (`2026-W47`): Monday 00:00 UTC to the next Monday.
enum ExampleWeek {
    public static func window(_ label: String) -> (start: Timestamp, end: Timestamp)? {
        let parts = label.split(separator: "-W", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts[0].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isASCII),
              let year = Int64(parts[0]), let week = Int64(parts[1]),
              week >= 1, week <= weeks(in: year) else { return nil }
        let start = mondayOfWeek1(year) + (week - 1) * 7
        return (Timestamp(seconds: start * 86_400), Timestamp(seconds: (start + 7) * 86_400))
    }

    /// 52 or 53.
    public static func weeks(in year: Int64) -> Int64 {
        (mondayOfWeek1(year + 1) - mondayOfWeek1(year)) / 7
    }

    /// Days since 1970-01-01 of the Monday of the week holding January 4th.
    static func mondayOfWeek1(_ year: Int64) -> Int64 {
        let jan4 = CivilDate.days(year: year, month: 1, day: 4)
        let weekday = ((jan4 + 3) % 7 + 7) % 7  // 0 = Monday; 1970-01-01 was a Thursday
        return jan4 - weekday
    }
}
