/// `analytics.rules.overrides` of the config file: `RuleOverride`s in file order.
public struct RuleOverrides: Equatable, Sendable {
    public var items: [RuleOverride]

    public init(_ items: [RuleOverride] = []) { self.items = items }

    public static let none = RuleOverrides()
}

extension RuleSet {
    /// The rules with the config file's overrides applied (severity, enabled, params). An
    /// override of a rule no loaded rule set has, an unknown parameter or a value of the
    /// wrong type is an error naming the config file, line and key (a misspelt id would
    /// otherwise do nothing).
    public func applying(_ overrides: RuleOverrides) throws(JobError) -> RuleSet {
        do {
            return try applying(overrides.items)
        } catch {
            throw .config(error.errors.map { e in
                ConfigError(file: e.file, line: e.line, key: "analytics.rules.overrides." + (e.ruleId ?? ""),
                            message: e.message.replacingOccurrences(of: "override of unknown rule '\(e.ruleId ?? "")'", with: "no loaded rule has this id"))
            })
        }
    }
}
