import Foundation

extension PreparedReportJob {
    /// `--summary`: appends the Markdown report to `$GITHUB_STEP_SUMMARY`, trimmed to what is
    /// left of the step's 1 MiB (an earlier command of the same step may have written some).
    public func appendSummary(_ outcome: ReportOutcome) throws(JobError) {
        guard let summaryPath else { return }
        let used = (try? FileManager.default.attributesOfItem(atPath: summaryPath)[.size] as? Int) ?? 0
        let markdown = format == .markdown ? outcome.text : MarkdownReportRenderer().render(outcome.report)
        let text = StepSummary.fit(markdown, limit: max(0, StepSummary.byteLimit - used), fullReport: fullReportPlace)
        do { try OutputFile.append(text, to: summaryPath) } catch { throw .runtime(error.description) }
    }

    /// Where the untrimmed report went, for the summary's trimming note.
    var fullReportPlace: String {
        let kind = format == .markdown ? "" : " (\(format.rawValue.uppercased()))"
        guard let output, output != "-" else { return "in this step's log" + kind }
        return "in " + MarkdownText.escape(output) + kind
    }

    /// `--fail-on` and `--fail-on-new`: one stderr line per finding that tripped a gate.
    public func gateLines(_ outcome: ReportOutcome) -> [String] {
        GateMessages.lines(flag: "--fail-on", threshold: failOn, findings: outcome.gateFindings)
            + GateMessages.lines(flag: "--fail-on-new", threshold: failOnNew, findings: outcome.newGateFindings)
    }
}
