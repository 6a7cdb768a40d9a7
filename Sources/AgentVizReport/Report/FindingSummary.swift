/// The findings of a report at a glance: counts by severity and status, the estimated
/// savings in all, and the rules to act on first, so the actions are not lost in the list.
public struct FindingSummary: Equatable, Sendable {
    /// One rule's findings of the period, as one action.
    public struct RuleAction: Equatable, Sendable {
        public var ruleId: String
        public var severity: Severity
        public var findings: Int
        public var newFindings: Int
        /// Sum of the findings' estimated savings (nil when the rule estimates none).
        public var estimatedSavingsUsd: Double?
        /// The first finding's title (report order), to say what it is about.
        public var firstTitle: String
    }

    public var findings: Int
    public var bySeverity: [Severity: Int]
    public var new: Int
    public var persisting: Int
    public var resolved: Int
    public var estimatedSavingsUsd: Double
    /// Every rule that fired, most severe first, then most savings, then rule id.
    public var byRule: [RuleAction]

    public static let actionsShown = 5

    public init(findings: [ReportFinding], resolved: [Finding]) {
        self.findings = findings.count
        bySeverity = Dictionary(grouping: findings, by: \.finding.severity).mapValues(\.count)
        new = findings.filter { $0.status == .new }.count
        persisting = findings.count - new
        self.resolved = resolved.count
        estimatedSavingsUsd = findings.compactMap(\.finding.estimatedSavingsUsd).reduce(0, +)
        var actions: [String: RuleAction] = [:]
        var order: [String] = []
        for item in findings {
            let f = item.finding
            if actions[f.ruleId] == nil {
                order.append(f.ruleId)
                actions[f.ruleId] = RuleAction(ruleId: f.ruleId, severity: f.severity, findings: 0, newFindings: 0,
                                               estimatedSavingsUsd: nil, firstTitle: f.title)
            }
            actions[f.ruleId]!.findings += 1
            if item.status == .new { actions[f.ruleId]!.newFindings += 1 }
            if let s = f.estimatedSavingsUsd { actions[f.ruleId]!.estimatedSavingsUsd = (actions[f.ruleId]!.estimatedSavingsUsd ?? 0) + s }
        }
        byRule = order.compactMap { actions[$0] }.sorted { a, b in
            if a.severity != b.severity { return a.severity > b.severity }
            if (a.estimatedSavingsUsd ?? 0) != (b.estimatedSavingsUsd ?? 0) { return (a.estimatedSavingsUsd ?? 0) > (b.estimatedSavingsUsd ?? 0) }
            return a.ruleId < b.ruleId
        }
    }
}

extension Report {
    public var findingSummary: FindingSummary { FindingSummary(findings: findings, resolved: resolvedFindings) }
}
