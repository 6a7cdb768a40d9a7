import Yams

/// A change to a loaded rule by its id, without copying it: another severity, other
/// parameter values, or the rule turned off. From a rule file's `overrides:` or from the
/// config file's `analytics.rules.overrides`.
public struct RuleOverride: Sendable, Equatable {
    public var ruleId: String
    public var severity: Severity?
    public var enabled: Bool?
    /// In the order written.
    public var params: [(name: String, value: RuleValue)]
    /// Where it was written, for error messages.
    public var file: String
    public var line: Int
    public var column: Int

    public init(ruleId: String, severity: Severity? = nil, enabled: Bool? = nil,
                params: [(name: String, value: RuleValue)] = [], file: String, line: Int = 1, column: Int = 1) {
        self.ruleId = ruleId
        self.severity = severity
        self.enabled = enabled
        self.params = params
        self.file = file
        self.line = line
        self.column = column
    }

    public static func == (a: RuleOverride, b: RuleOverride) -> Bool {
        a.ruleId == b.ruleId && a.severity == b.severity && a.enabled == b.enabled && a.file == b.file
            && a.line == b.line && a.column == b.column
            && a.params.map(\.name) == b.params.map(\.name) && a.params.map(\.value) == b.params.map(\.value)
    }

    static let keys = ["severity", "enabled", "params"]

    /// `id: { severity: high, enabled: false, params: { name: value } }` entries of a mapping;
    /// problems go to `fail` (mark, message).
    static func parse(_ node: Node, file: String, fail: (Mark?, String) -> Void) -> [RuleOverride] {
        guard case .mapping(let mapping) = node else {
            fail(node.mark, "overrides: expected a mapping of rule ids to changes, for example high-token-session: { severity: high }")
            return []
        }
        var out: [RuleOverride] = []
        for (key, value) in mapping {
            guard let id = key.string, !id.isEmpty else { fail(key.mark, "overrides: expected a rule id"); continue }
            guard case .mapping(let entries) = value else {
                fail(value.mark, "overrides.\(id): expected a mapping with severity, enabled or params")
                continue
            }
            var o = RuleOverride(ruleId: id, file: file, line: key.mark?.line ?? 1, column: key.mark?.column ?? 1)
            for (k, v) in entries {
                switch k.string {
                case "severity":
                    guard let s = v.string.flatMap(Severity.init(rawValue:)) else {
                        fail(v.mark, "overrides.\(id).severity: expected one of \(Severity.allCases.map(\.rawValue).joined(separator: ", ")), found '\(v.string ?? "?")'")
                        continue
                    }
                    o.severity = s
                case "enabled":
                    guard let b = v.bool else { fail(v.mark, "overrides.\(id).enabled: expected true or false, found '\(v.string ?? "?")'"); continue }
                    o.enabled = b
                case "params":
                    guard case .mapping(let params) = v else { fail(v.mark, "overrides.\(id).params: expected a mapping of parameter names to values"); continue }
                    for (name, pv) in params {
                        guard let n = name.string, let value = RuleParams.value(of: pv) else {
                            fail(pv.mark, "overrides.\(id).params: expected name: value")
                            continue
                        }
                        o.params.append((n, value))
                    }
                default:
                    fail(k.mark, "overrides.\(id): unknown key '\(k.string ?? "?")' (allowed: \(keys.joined(separator: ", ")))")
                }
            }
            out.append(o)
        }
        return out
    }
}

extension RuleSet {
    /// The set with `overrides` applied in order (a later one wins); a rule turned off is
    /// left out. An unknown id or parameter, or a value of the wrong type, is an error that
    /// names where the override was written.
    public func applying(_ overrides: [RuleOverride]) throws(RuleFileErrors) -> RuleSet {
        var rules = self.rules
        var off: Set<String> = []
        var errors: [RuleFileError] = []
        for o in overrides {
            func fail(_ message: String) {
                errors.append(RuleFileError(kind: .invalidValue, file: o.file, ruleId: o.ruleId, line: o.line, column: o.column,
                                            key: "overrides", message: message))
            }
            guard let index = rules.firstIndex(where: { $0.id == o.ruleId }) else {
                let known = rules.map(\.id)
                let hint = RuleFieldSuggestion.nearest(o.ruleId, in: known).map { " (did you mean '\($0)'?)" } ?? ""
                fail("override of unknown rule '\(o.ruleId)'\(hint); 'agentviz-report rules list' shows the rule ids")
                continue
            }
            if let severity = o.severity { rules[index].severity = severity }
            for (name, value) in o.params {
                do { try rules[index].params.set(name, value) } catch { fail("override of '\(o.ruleId)': \(error)") }
            }
            if let enabled = o.enabled {
                if enabled { off.remove(o.ruleId) } else { off.insert(o.ruleId) }
            }
        }
        guard errors.isEmpty else { throw RuleFileErrors(errors) }
        return RuleSet(rules: rules.filter { !off.contains($0.id) })
    }
}
