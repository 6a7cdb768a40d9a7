/// A value of a named rule parameter, as the config file gives it (issue 12 item 3 will
/// let rules read them; until then they are parsed, checked for shape and carried only).
public enum RuleParameterValue: Equatable, Sendable, CustomStringConvertible {
    case text(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)

    public var description: String {
        switch self {
        case .text(let s): return "'\(s)'"
        case .integer(let n): return String(n)
        case .number(let d): return String(d)
        case .bool(let b): return String(b)
        }
    }
}

/// `analytics.rules.overrides.<rule id>` of the config file.
public struct RuleOverride: Equatable, Sendable {
    public var ruleId: String
    public var severity: Severity?
    public var enabled: Bool?
    public var params: [String: RuleParameterValue] = [:]
    /// Where the override is written (file and line of its rule id), for errors.
    public var file: String
    public var line: Int

    public init(ruleId: String, severity: Severity? = nil, enabled: Bool? = nil,
                params: [String: RuleParameterValue] = [:], file: String, line: Int) {
        self.ruleId = ruleId
        self.severity = severity
        self.enabled = enabled
        self.params = params
        self.file = file
        self.line = line
    }
}

/// Every override, in file order.
public struct RuleOverrides: Equatable, Sendable {
    public var items: [RuleOverride]

    public init(_ items: [RuleOverride] = []) { self.items = items }

    public static let none = RuleOverrides()
}

extension RuleSet {
    /// The rules with `severity` and `enabled` of each override applied. An override of a
    /// rule no loaded rule set has is an error (a misspelt id would otherwise do nothing).
    public func applying(_ overrides: RuleOverrides) throws(JobError) -> RuleSet {
        var rules = self.rules
        var errors: [ConfigError] = []
        for o in overrides.items {
            guard let index = rules.firstIndex(where: { $0.id == o.ruleId }) else {
                let near = RuleFieldSuggestion.nearest(o.ruleId, in: self.rules.map(\.id))
                let hint = near.map { " (did you mean '\($0)'?)" } ?? ""
                errors.append(ConfigError(
                    file: o.file, line: o.line, key: "analytics.rules.overrides." + o.ruleId,
                    message: "no loaded rule has this id\(hint); 'agentviz-report rules list' shows the ids"))
                continue
            }
            if let severity = o.severity { rules[index].severity = severity }
        }
        guard errors.isEmpty else { throw .config(errors) }
        let disabled = Set(overrides.items.filter { $0.enabled == false }.map(\.ruleId))
        return RuleSet(rules: rules.filter { !disabled.contains($0.id) })
    }
}
