/// `session ID` in Markdown and JSON. Titles only with `--include-titles` (redacted at
/// ingest); every piece of event text escaped in Markdown.
public enum SessionDetailRenderer {
    typealias M = MarkdownText

    public static func json(_ d: SessionDetail) -> JSONValue {
        let latest = d.latest
        var top: [String: JSONValue] = [
            "sessionId": .string(d.sessionId),
            "generatedAt": .string(RFC3339.format(d.generatedAt)),
            "timeZone": .string(d.timeZone),
            "per": .string(d.kind.rawValue),
            "titlesIncluded": .bool(d.includeTitles),
            "repository": .optional(latest.repository), "branch": .optional(latest.branch),
            "status": .string(latest.status.rawValue), "sourceType": .string(latest.sourceType.rawValue),
            "model": .optional(latest.model), "prNumber": latest.prNumber.map { JSONValue.int($0) } ?? .null,
            "metricRegressions": .int(d.metricRegressions),
            "snapshots": .array(d.snapshots.map(snapshot)),
            "periods": .array(d.periods.map(period(includeTitle: false))),
            "findings": .array(d.findings.map(finding)),
        ]
        if d.includeTitles { top["title"] = .optional(latest.title) }
        return .object(top)
    }

    static func snapshot(_ s: SessionSnapshot) -> JSONValue {
        var counters: [String: JSONValue] = [:]
        for (name, value) in zip(SessionSnapshot.counterNames, s.counters) { counters[name] = value.map(JSONValue.init) ?? .null }
        return .object([
            "capturedAt": .string(RFC3339.format(s.capturedAt)), "status": .string(s.status.rawValue),
            "sourceType": .string(s.sourceType.rawValue), "operatorAction": .string(s.operatorAction.rawValue),
            "model": .optional(s.model), "metrics": .object(counters),
            "failure": .bool(s.failure), "completion": .bool(s.completion),
            "regressed": .array(s.regressed.map(JSONValue.string)),
        ])
    }

    static func period(includeTitle: Bool) -> (SessionDetail.Period) -> JSONValue {
        { p in
            let row = SessionColumns.cells(p.view, includeTitle: includeTitle)
            var members = Dictionary(uniqueKeysWithValues: zip(SessionColumns.names(includeTitle: includeTitle), row.map(JSONValue.init)))
            members["label"] = .string(p.window.label)
            members["start"] = .string(RFC3339.format(p.window.start))
            members["end"] = .string(RFC3339.format(p.window.end))
            return .object(members)
        }
    }

    static func finding(_ f: SessionDetail.NamedFinding) -> JSONValue {
        guard case .object(var members) = JSONReportRenderer().finding(f.finding, status: "") else { return .null }
        // A window's evaluation, not a report's: no lifecycle, the window instead.
        members["status"] = nil
        members["window"] = .string(f.window.label)
        return .object(members)
    }

    public static func markdown(_ d: SessionDetail) -> String {
        let s = d.latest
        var out = ["# Session `\(M.escape(d.sessionId))`", ""]
        if d.includeTitles, let title = s.title { out += ["Title: \(M.escape(title))", ""] }
        let first = d.snapshots.first!.capturedAt, last = d.snapshots.last!.capturedAt
        out += [
            "Repository \(s.repository.map { "`\(M.escape($0))`" } ?? "(none)"), branch \(s.branch.map { "`\(M.escape($0))`" } ?? "(none)"), "
                + "\(s.sourceType.rawValue), model \(s.model.map { "`\(M.escape($0))`" } ?? "(none)"), status `\(s.status.rawValue)` "
                + "as of its last event. \(M.integer(d.snapshots.count)) snapshots from \(RFC3339.format(first)) to \(RFC3339.format(last)); "
                + "\(M.integer(d.snapshots.filter(\.failure).count)) failures, \(M.integer(d.snapshots.filter(\.completion).count)) completions, "
                + "\(M.integer(d.metricRegressions)) metric regressions. Generated \(RFC3339.format(d.generatedAt)).", "",
        ]
        out += timeline(d)
        out += usage(d)
        out += findings(d)
        return out.joined(separator: "\n") + "\n"
    }

    static func timeline(_ d: SessionDetail) -> [String] {
        var out = [
            "## Timeline", "",
            "Events in timeline order (capturedAt, then updatedAt, then eventId). Metrics are the cumulative counters "
                + "the event reports (blank: not reported). **failure** / **completion**: the status turns `failed` / "
                + "`completed` here; **regression**: a counter lower than an earlier one (usage never goes down).", "",
            "| # | Captured | Status | Action | Model | Input | Output | Tokens | Cache read | Cache write | Cost | Duration (s) | AI credits | Premium requests | Marks |",
            "| ---: | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for (i, s) in d.snapshots.enumerated() {
            var marks: [String] = []
            if s.failure { marks.append("**failure**") }
            if s.completion { marks.append("**completion**") }
            if !s.regressed.isEmpty { marks.append("**regression**: " + s.regressed.joined(separator: ", ")) }
            let counters = s.counters.map { $0.map(MarkdownReportRenderer.plain) ?? "" }
            out.append("| \(i + 1) | \(RFC3339.format(s.capturedAt)) | \(s.status.rawValue) | \(s.operatorAction.rawValue) | "
                + "\(s.model.map { "`\(M.escape($0))`" } ?? "") | " + counters.joined(separator: " | ") + " | \(marks.joined(separator: "; ")) |")
        }
        return out + [""]
    }

    static func usage(_ d: SessionDetail) -> [String] {
        var out = [
            "## Usage per \(d.kind.rawValue)", "",
            "Its usage in each \(d.kind.rawValue) with events (the counters' rise inside it; \(d.timeZone) boundaries).", "",
            "| \(d.kind.rawValue.capitalized) | Events | Tokens | Cache read | Cache write | Cost | Cost source | AI credits | Duration (s) | Failed | Completed | Status at end |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- | --- | --- |",
        ]
        for p in d.periods {
            let v = p.view
            let cost = v.costSource == .unpriced ? "unknown" : M.money(v.usage.estimatedCostUsd)
            out.append("| \(p.window.label) | \(M.integer(v.events)) | \(M.integer(v.usage.tokenTotal)) | \(M.integer(v.usage.tokenCacheRead)) "
                + "| \(M.integer(v.usage.tokenCacheWrite)) | \(cost) | \(v.costSource.rawValue) | \(M.amount(Usage.dollars(v.aiCreditsNanos))) "
                + "| \(M.integer(v.usage.durationSeconds)) | \(v.failed ? "yes" : "no") | \(v.completed ? "yes" : "no") | \(v.status.rawValue) |")
        }
        return out + [""]
    }

    static func findings(_ d: SessionDetail) -> [String] {
        var out = ["## Findings that name it", ""]
        guard !d.findings.isEmpty else { return out + ["None in these \(d.kind.rawValue)s.", ""] }
        for f in d.findings {
            let x = f.finding
            out.append("- \(f.window.label): **\(M.escape(x.title))** (`\(x.ruleId)`, \(x.severity.rawValue), \(x.scope.rawValue))")
            if !x.observed.isEmpty { out.append("  - Observed: \(x.observed.map(M.escape).joined(separator: "; "))") }
            out.append("  - Recommendation: \(M.escape(x.recommendation))")
        }
        return out + [""]
    }
}
