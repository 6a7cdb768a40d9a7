/// What tripped a CI gate, one line per finding for the job log:
/// `--fail-on medium: medium team-repository-budget repository=contoso/ingest-ops (persisting)`.
public enum GateMessages {
    public static func lines(flag: String, threshold: Severity?, findings: [ReportFinding]) -> [String] {
        guard let threshold else { return [] }
        return findings.map { item in
            let f = item.finding
            return "\(flag) \(threshold.rawValue): \(f.severity.rawValue) \(f.ruleId) \(f.key) (\(item.status.rawValue))"
        }
    }
}
