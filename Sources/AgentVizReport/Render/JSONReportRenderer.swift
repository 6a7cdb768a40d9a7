/// The JSON report of ANALYTICS.md section 6 (names fixed there; extra keys allowed).
public struct JSONReportRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: Report) -> String {
        document(report).serialized()
    }

    public func document(_ report: Report) -> JSONValue {
        var top: [String: JSONValue] = [
            "reportVersion": .string(Report.version),
            "generatedAt": .string(RFC3339.format(report.generatedAt)),
            "period": window(report.period, timeZone: report.timeZone),
            "previousPeriod": window(report.previousPeriod, timeZone: report.timeZone),
            "costBasis": costBasis(report.costBasis),
            "budget": report.budget.map(budget) ?? .null,
            "input": input(report.input),
            "totals": figures(report.totals),
            "previous": figures(report.previous),
            "change": .object(report.change.mapValues { JSONValue.optional($0) }),
            "changePoints": .object(report.changePoints.mapValues { JSONValue.optional($0) }),
            "summary": summary(report.findingSummary),
            "coverage": .object([
                "firstEventAt": report.coverage.firstEventAt.map { .string(RFC3339.format($0)) } ?? .null,
                "lastEventAt": report.coverage.lastEventAt.map { .string(RFC3339.format($0)) } ?? .null,
                "periodCovered": .bool(report.coverage.covers(report.period)),
                "previousPeriodCovered": .bool(report.previousCovered),
            ]),
            "byRepository": .array(report.byRepository.map { breakdown($0, keyName: "repository") }),
            "bySourceType": .array(report.bySourceType.map { breakdown($0, keyName: "sourceType") }),
            "byModel": .array(report.byModel.map { breakdown($0, keyName: "model") }),
            "series": .array(report.series.map(seriesPoint)),
            "topSessions": .array(report.topSessions.map { session($0, includeTitle: report.includeTitles) }),
            "findings": .array(report.findings.map { finding($0.finding, status: $0.status.rawValue) }),
            "resolvedFindings": .array(report.resolvedFindings.map { finding($0, status: "resolved") }),
        ]
        top["titlesIncluded"] = .bool(report.includeTitles)
        if !report.filter.isEmpty { top["filter"] = Self.filter(report.filter) }
        return .object(top)
    }

    func window(_ w: Window, timeZone: String) -> JSONValue {
        .object([
            "kind": .string(w.kind.rawValue), "label": .string(w.label),
            "start": .string(RFC3339.format(w.start)), "end": .string(RFC3339.format(w.end)),
            "timeZone": .string(timeZone),
        ])
    }

    func costBasis(_ b: CostBasis) -> JSONValue {
        .object([
            "priceTable": .string(b.priceTable),
            "priceTableDate": b.priceTableDate.map { .string(RFC3339.formatDay($0)) } ?? .null,
            "order": .array(["reported", "computed", "unpriced"].map(JSONValue.string)),
            "unpricedModels": .array(b.unpriced.map {
                .object(["model": .optional($0.model), "reason": .string($0.reason.rawValue), "sessions": .int($0.sessions)])
            }),
        ])
    }

    func summary(_ s: FindingSummary) -> JSONValue {
        var bySeverity: [String: JSONValue] = [:]
        for severity in Severity.allCases { bySeverity[severity.rawValue] = .int(s.bySeverity[severity] ?? 0) }
        return .object([
            "findings": .int(s.findings), "bySeverity": .object(bySeverity), "new": .int(s.new),
            "persisting": .int(s.persisting), "resolved": .int(s.resolved),
            "estimatedSavingsUsd": .double(s.estimatedSavingsUsd),
            "byRule": .array(s.byRule.map { a in
                .object([
                    "ruleId": .string(a.ruleId), "severity": .string(a.severity.rawValue), "findings": .int(a.findings),
                    "new": .int(a.newFindings), "estimatedSavingsUsd": .optional(a.estimatedSavingsUsd),
                ])
            }),
        ])
    }

    func budget(_ s: BudgetStatus) -> JSONValue {
        .object([
            "unit": .string(s.budget.unit.rawValue), "amount": .double(s.budget.amount),
            "month": .string(s.month.label), "asOf": .string(RFC3339.format(s.asOf)),
            "spent": .double(s.spent), "remaining": .double(s.remaining), "projected": .double(s.projected),
            "elapsedShare": .double(s.elapsedShare), "projectedToExceed": .bool(s.projectedToExceed),
            "alreadyExceeded": .bool(s.alreadyExceeded),
            "runsOutAt": s.runsOutAt.map { .string(RFC3339.format($0)) } ?? .null,
        ])
    }

    func input(_ s: InputSummary) -> JSONValue {
        let c = s.counters
        var byReason: [String: JSONValue] = [:]
        for reason in RejectReason.allCases { byReason[reason.rawValue] = .int(c.rejectedByReason[reason] ?? 0) }
        return .object([
            "linesRead": .int(c.linesRead), "eventsAccepted": .int(c.eventsAccepted),
            "duplicates": .int(c.duplicates), "conflictingDuplicates": .int(c.conflictingDuplicates),
            "rejected": .int(c.rejected), "rejectedByReason": .object(byReason),
            "metricRegressions": .int(s.metricRegressions), "redactions": .int(c.redactions),
        ])
    }

    func figureMembers(_ f: WindowFigures) -> [String: JSONValue] {
        var members: [String: JSONValue] = [:]
        for (name, value) in f.values { members[name] = JSONValue(value) }
        return members
    }

    func figures(_ f: WindowFigures) -> JSONValue { .object(figureMembers(f)) }

    func breakdown(_ b: Breakdown, keyName: String) -> JSONValue {
        var members = figureMembers(b.figures)
        members[keyName] = .optional(b.key)
        return .object(members)
    }

    func seriesPoint(_ p: SeriesPoint) -> JSONValue {
        var members = figureMembers(p.figures)
        members["label"] = .string(p.window.label)
        members["start"] = .string(RFC3339.format(p.window.start))
        members["end"] = .string(RFC3339.format(p.window.end))
        return .object(members)
    }

    func session(_ s: SessionWindow, includeTitle: Bool) -> JSONValue {
        var members: [String: JSONValue] = [
            "id": .string(s.sessionId), "repository": .optional(s.repository),
            "branch": .optional(s.branch), "status": .string(s.status.rawValue),
            "sourceType": .string(s.sourceType.rawValue),
            "prNumber": s.prNumber.map { JSONValue.int($0) } ?? .null,
            "tokenTotal": .int(s.usage.tokenTotal), "estimatedCostUsd": .double(s.usage.estimatedCostUsd),
            "events": .int(s.events), "failed": .bool(s.failed), "completed": .bool(s.completed),
        ]
        if includeTitle { members["title"] = .optional(s.title) }
        return .object(members)
    }

    func finding(_ f: Finding, status: String) -> JSONValue {
        .object([
            "ruleId": .string(f.ruleId), "severity": .string(f.severity.rawValue),
            "scope": .string(f.scope.rawValue), "key": key(f.key),
            "sessionIds": .array(f.sessionIds.map(JSONValue.string)),
            "title": .string(f.title), "recommendation": .string(f.recommendation),
            "estimatedSavingsUsd": .optional(f.estimatedSavingsUsd),
            "figures": .object(f.figures.mapValues(value)),
            "observed": .array(f.observed.map(JSONValue.string)),
            "status": .string(status),
        ])
    }

    func key(_ k: FindingKey) -> JSONValue {
        switch k {
        case .session(let id): return .string(id)
        case .period(let label): return .string(label)
        case .group(let fields): return .object(fields.mapValues { JSONValue.optional($0) })
        }
    }

    func value(_ v: RuleValue) -> JSONValue {
        switch v {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .integer(let n): return .int(n)
        case .number(let d):
            if d == d.rounded(), abs(d) < 9e15 { return .int(Int128(d)) }
            return .double(d)
        }
    }
}
