/// The tables of a report that `--table` exports (`--format csv`): each is one list of the
/// JSON report, with the same column names.
public enum ReportTable: String, CaseIterable, Sendable {
    case repositories
    case sourceTypes = "source-types"
    case models
    case series
    case findings
    case sessions
}

extension Report {
    public func table(_ kind: ReportTable) -> DataTable {
        switch kind {
        case .repositories: return breakdownTable(byRepository, keyName: "repository")
        case .sourceTypes: return breakdownTable(bySourceType, keyName: "sourceType")
        case .models: return breakdownTable(byModel, keyName: "model")
        case .series:
            return DataTable(
                columns: ["label", "start", "end"] + WindowFigures.allNames,
                rows: series.map { [.text($0.window.label), .time($0.window.start), .time($0.window.end)] + Self.figureCells($0.figures) })
        case .findings: return findingsTable
        case .sessions: return SessionColumns.table(sessions, includeTitle: includeTitles)
        }
    }

    private func breakdownTable(_ rows: [Breakdown], keyName: String) -> DataTable {
        DataTable(columns: [keyName] + WindowFigures.allNames,
                  rows: rows.map { [.optional($0.key)] + Self.figureCells($0.figures) })
    }

    static func figureCells(_ f: WindowFigures) -> [TableCell] { f.values.map { .figure($0.value) } }

    /// The current findings (`findings` of the JSON report; resolved ones are not in it).
    /// A key is written as `FindingKey` describes it (`repository=acme/api, branch=null` for
    /// a group), the session ids joined by spaces: a cell holds text, not a nested object.
    private var findingsTable: DataTable {
        DataTable(
            columns: ["ruleId", "severity", "scope", "key", "status", "title", "recommendation", "estimatedSavingsUsd", "sessionIds"],
            rows: findings.map { item in
                let f = item.finding
                return [
                    .text(f.ruleId), .text(f.severity.rawValue), .text(f.scope.rawValue), .text(f.key.description),
                    .text(item.status.rawValue), .text(f.title), .text(f.recommendation),
                    f.estimatedSavingsUsd.map { .figure(.money($0)) } ?? .null,
                    .text(f.sessionIds.joined(separator: " ")),
                ]
            })
    }
}
