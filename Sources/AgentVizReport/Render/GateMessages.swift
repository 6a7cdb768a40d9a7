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

/// Data problems (no data, rejected input, stale history) are findings, so `--fail-on`
/// gates them; each also gets one warning line on stderr, which a person running the
/// command by hand sees even when the report goes to a file.
public enum DataProblemWarnings {
    /// The default rules that judge the data rather than the work.
    public static let ruleIds: Set<String> = ["no-data", "rejected-lines", "some-rejected-lines", "stale-data"]

    public static func lines(_ findings: [ReportFinding]) -> [String] {
        findings.filter { ruleIds.contains($0.finding.ruleId) }.map {
            "warning: \($0.finding.ruleId): \($0.finding.title)"
        }
    }
}
