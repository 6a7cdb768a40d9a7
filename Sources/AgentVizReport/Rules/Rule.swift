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

    /// The finding this row gives, or nil when `when` is not true for it.
    public func evaluate(_ row: RuleRow) -> Finding? {
        guard RuleEvaluator.evaluate(condition, row.values).isTrue else { return nil }
        let saving = savings.flatMap { RuleEvaluator.evaluate($0, row.values).number }
        var values = row.values
        values[Self.savingsField] = saving.map(RuleValue.number) ?? .null
        var figures: [String: RuleValue] = [:]
        for name in fieldsRead { figures[name] = row.values[name] ?? .null }
        return Finding(
            ruleId: id, severity: severity, scope: scope, key: row.key,
            sessionIds: row.sessionIds.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) },
            title: titleTemplate.render(values), recommendation: recommendationTemplate.render(values),
            estimatedSavingsUsd: saving, figures: figures, observed: RuleObservation.lines(condition, row.values))
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
            for row in scopeRows {
                if let finding = rule.evaluate(row) { findings.append(finding) }
            }
        }
        return findings.sorted(by: Finding.reportOrder)
    }
}

extension Rule {
    /// Runs one example with rows the caller computed from `example.events` for
    /// `example.week`; nil when the findings' keys are exactly the expected ones, else a
    /// message saying what differed.
    public func check(
        _ example: RuleExample, rows: (RuleScope, [String]?) -> [RuleRow]
    ) -> String? {
        let set = RuleSet(rules: [self])
        let found = set.evaluate(scope: rows).map(\.key).sorted()
        let expected = example.expect.sorted()
        guard found != expected else { return nil }
        let show = { (keys: [FindingKey]) in "[" + keys.map(\.yamlText).joined(separator: ", ") + "]" }
        return "rule '\(id)' example '\(example.name)' (\(file):\(example.line)): expected \(show(expected)), found \(show(found))"
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
