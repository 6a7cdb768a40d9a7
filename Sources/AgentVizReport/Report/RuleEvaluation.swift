/// Feeds the roll-up to the rules: one row per session, per group, or for the period
/// (ANALYTICS.md section 5), and tracks finding lifecycles against the previous period.
struct RuleEvaluation {
    let rules: RuleSet
    let rollup: Rollup
    let calendar: WindowCalendar

    func findings(in window: Window) -> [Finding] {
        let sessions = rollup.sessions[window] ?? []
        return rules.evaluate { scope, by in
            switch scope {
            case .session: return sessions.map(sessionRow)
            case .group: return groupRows(sessions, by: by ?? [])
            case .period: return [periodRow(window)]
            }
        }
    }

    /// Current findings marked `new` or `persisting`, and the previous period's findings
    /// that are gone (`resolved`).
    func findingsWithLifecycle(current: Window, previous: Window) -> ([ReportFinding], [Finding]) {
        guard !rules.rules.isEmpty else { return ([], []) }
        let now = findings(in: current)
        let before = findings(in: previous)
        let beforeKeys = Set(before.map { FindingIdentity(ruleId: $0.ruleId, key: $0.key) })
        let nowKeys = Set(now.map { FindingIdentity(ruleId: $0.ruleId, key: $0.key) })
        let marked = now.map {
            ReportFinding(finding: $0, status: beforeKeys.contains(FindingIdentity(ruleId: $0.ruleId, key: $0.key)) ? .persisting : .new)
        }
        let resolved = before.filter { !nowKeys.contains(FindingIdentity(ruleId: $0.ruleId, key: $0.key)) }
        return (marked, resolved)
    }

    func sessionRow(_ s: SessionWindow) -> RuleRow {
        var values: [String: RuleValue] = [
            "id": .string(s.sessionId),
            "repository": s.repository.map(RuleValue.string) ?? .null,
            "branch": s.branch.map(RuleValue.string) ?? .null,
            "sourceType": .string(s.sourceType.rawValue),
            "status": .string(s.status.rawValue),
            "prNumber": s.prNumber.map { RuleValue.number(Double($0)) } ?? .null,
            "tokenInput": .number(FigureValue.count(s.usage.tokenInput).number!),
            "tokenOutput": .number(FigureValue.count(s.usage.tokenOutput).number!),
            "tokenTotal": .number(FigureValue.count(s.usage.tokenTotal).number!),
            "estimatedCostUsd": .number(s.usage.estimatedCostUsd),
            "durationSeconds": .number(FigureValue.count(s.usage.durationSeconds).number!),
            "events": .number(Double(s.events)),
            "resumes": .number(Double(s.resumes)),
            "failed": .bool(s.failed),
            "completed": .bool(s.completed),
            "started": .bool(s.started),
            "idleHours": .number(s.idleHours),
            "failures": .number(Double(s.failures)),
            "completions": .number(Double(s.completions)),
        ]
        values["title"] = nil  // titles never reach rules: findings are printed without --include-titles
        return RuleRow(key: .session(s.sessionId), sessionIds: [s.sessionId], values: values)
    }

    static func byValue(_ s: SessionWindow, _ field: String) -> String? {
        switch field {
        case "repository": return s.repository
        case "branch": return s.branch
        case "sourceType": return s.sourceType.rawValue
        case "status": return s.status.rawValue
        default: return nil
        }
    }

    func groupRows(_ sessions: [SessionWindow], by: [String]) -> [RuleRow] {
        // Values compare as bytes, like every identifier and name in the contract.
        var groups: [[String: ExactString?]: (WindowFigures, [String])] = [:]
        for s in sessions {
            var key: [String: ExactString?] = [:]
            for field in by { key[field] = .some(Self.byValue(s, field).map(ExactString.init)) }
            // Mutated in place: a copy out and back would copy the id list every time.
            groups[key, default: (WindowFigures(), [])].0.add(s)
            groups[key, default: (WindowFigures(), [])].1.append(s.sessionId)
        }
        return groups.map { exactKey, entry in
            let key = exactKey.mapValues { $0?.value }
            var values = Self.figureValues(entry.0, prefix: "")
            for (field, value) in key { values[field] = value.map(RuleValue.string) ?? .null }
            return RuleRow(key: .group(key), sessionIds: entry.1.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, values: values)
        }
    }

    func periodRow(_ window: Window) -> RuleRow {
        let current = rollup.figures[window] ?? WindowFigures()
        let previousWindow = calendar.previous(window)
        let previous = rollup.figures[previousWindow] ?? WindowFigures()
        var values = Self.figureValues(current, prefix: "")
        values.merge(Self.figureValues(previous, prefix: "previous.")) { $1 }
        for (name, ratio) in current.change(from: previous) {
            values["change." + name] = ratio.map(RuleValue.number) ?? .null
        }
        values["label"] = .string(window.label)
        let ids = (rollup.sessions[window] ?? []).map(\.sessionId)
        return RuleRow(key: .period(window.label), sessionIds: ids, values: values)
    }

    static func figureValues(_ f: WindowFigures, prefix: String) -> [String: RuleValue] {
        var values: [String: RuleValue] = [:]
        values.reserveCapacity(WindowFigures.allNames.count)
        for (name, value) in f.values {
            values[prefix.isEmpty ? name : prefix + name] = value.number.map(RuleValue.number) ?? .null
        }
        return values
    }
}

private struct FindingIdentity: Hashable {
    var ruleId: String
    var key: FindingKey
}
