/// What a finding is about: the session id, the group's `by` values, or the window label.
public enum FindingKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    case session(String)
    /// By-field name to its value, `nil` for sessions without one.
    case group([String: String?])
    case period(String)

    /// The session id, `repository=acme/api, branch=null`, or the window label.
    public var description: String {
        switch self {
        case .session(let id): return id
        case .period(let label): return label
        case .group(let values): return Self.ordered(values).map { "\($0)=\($1 ?? "null")" }.joined(separator: ", ")
        }
    }

    /// As an example's `expect:` writes it: `s1`, `{repository: acme/api, branch: main}`.
    public var yamlText: String {
        guard case .group(let values) = self else { return description }
        return "{" + Self.ordered(values).map { "\($0): \($1 ?? "null")" }.joined(separator: ", ") + "}"
    }

    /// Group values in catalog order (repository, branch, sourceType, status).
    static func ordered(_ values: [String: String?]) -> [(String, String?)] {
        let order = FieldCatalog.byFields.map(\.name)
        return values.sorted { (order.firstIndex(of: $0.key) ?? 99, $0.key) < (order.firstIndex(of: $1.key) ?? 99, $1.key) }
            .map { ($0.key, $0.value) }
    }

    public static func < (a: Self, b: Self) -> Bool {
        switch (a, b) {
        case (.session(let x), .session(let y)), (.period(let x), .period(let y)):
            return x.utf8.lexicographicallyPrecedes(y.utf8)
        case (.group(let x), .group(let y)):
            let xs = ordered(x), ys = ordered(y)
            for (p, q) in zip(xs, ys) {
                if p.0 != q.0 { return p.0 < q.0 }
                switch (p.1, q.1) {
                case (nil, nil): continue
                case (nil, _): return true
                case (_, nil): return false
                case (let s?, let t?): if s != t { return s.utf8.lexicographicallyPrecedes(t.utf8) }
                }
            }
            return xs.count < ys.count
        default:
            return a.rank < b.rank
        }
    }

    private var rank: Int {
        switch self {
        case .session: return 0
        case .group: return 1
        case .period: return 2
        }
    }
}

/// One row of a scope as the report pipeline computes it for a window.
public struct RuleRow: Sendable {
    public var key: FindingKey
    public var sessionIds: [String]
    public var values: RuleRowValues

    public init(key: FindingKey, sessionIds: [String], values: RuleRowValues) {
        self.key = key
        self.sessionIds = sessionIds
        self.values = values
    }

    /// A row with a layout of its own (tests and one-off rows).
    public init(key: FindingKey, sessionIds: [String], values: [String: RuleValue]) {
        let layout = RuleRowLayout(values.keys.sorted())
        self.init(key: key, sessionIds: sessionIds, values: RuleRowValues(layout: layout, slots: layout.names.map { values[$0]! }))
    }
}

/// A rule that held for a row (ANALYTICS.md section 5).
public struct Finding: Sendable, Equatable {
    public var ruleId: String
    public var severity: Severity
    public var scope: RuleScope
    public var key: FindingKey
    /// Sorted (byte order).
    public var sessionIds: [String]
    public var title: String
    public var recommendation: String
    public var estimatedSavingsUsd: Double?
    /// Every field the rule reads (when, estimatedSavingsUsd, title, recommendation) with its value.
    public var figures: [String: RuleValue]
    /// What was observed against the threshold, one line per `field OP number` comparison
    /// of `when` that held: `812,400 tokens >= 500,000`.
    public var observed: [String]

    public init(
        ruleId: String, severity: Severity, scope: RuleScope, key: FindingKey, sessionIds: [String],
        title: String, recommendation: String, estimatedSavingsUsd: Double?,
        figures: [String: RuleValue], observed: [String]
    ) {
        self.ruleId = ruleId
        self.severity = severity
        self.scope = scope
        self.key = key
        self.sessionIds = sessionIds
        self.title = title
        self.recommendation = recommendation
        self.estimatedSavingsUsd = estimatedSavingsUsd
        self.figures = figures
        self.observed = observed
    }

    /// Report order: severity (critical first), estimated savings (largest first, none
    /// last), rule id, key.
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        switch (a.estimatedSavingsUsd, b.estimatedSavingsUsd) {
        case (let x?, let y?) where x != y: return x > y
        case (.some, nil): return true
        case (nil, .some): return false
        default: break
        }
        if a.ruleId != b.ruleId { return a.ruleId.utf8.lexicographicallyPrecedes(b.ruleId.utf8) }
        return a.key < b.key
    }
}
