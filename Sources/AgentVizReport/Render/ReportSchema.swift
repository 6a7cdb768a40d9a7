/// The JSON Schema (2020-12) of the JSON report, built from the same figure table the
/// renderer uses. `schemas/report-v1.schema.json` is this text; a test keeps it current.
public enum ReportSchema {
    public static let id = "https://github.com/agentviz/agentviz-report/schemas/report-v1.schema.json"

    public static var text: String { document.serialized() }

    public static var document: JSONValue {
        .object([
            "$schema": .string("https://json-schema.org/draft/2020-12/schema"),
            "$id": .string(id),
            "title": .string("agentviz-report JSON report, version \(Report.version)"),
            "type": .string("object"),
            "required": names(["reportVersion", "generatedAt", "period", "input", "totals", "previous", "change",
                               "coverage", "costBasis", "byRepository", "bySourceType", "byModel", "series", "findings"]),
            "properties": .object([
                "reportVersion": .object(["const": .string(Report.version)]),
                "generatedAt": ref("timestamp"),
                "period": ref("period"),
                "previousPeriod": ref("period"),
                "costBasis": costBasis,
                "changePoints": .object(["type": .string("object"), "additionalProperties": ref("ratio")]),
                "summary": .object([
                    "type": .string("object"),
                    "required": names(["findings", "bySeverity", "new", "persisting", "resolved", "estimatedSavingsUsd", "byRule"]),
                    "properties": .object([
                        "findings": ref("count"), "new": ref("count"), "persisting": ref("count"), "resolved": ref("count"),
                        "bySeverity": .object(["type": .string("object"), "additionalProperties": ref("count")]),
                        "estimatedSavingsUsd": .object(["type": .string("number")]),
                        "byRule": .object(["type": .string("array"), "items": .object(["type": .string("object")])]),
                    ]),
                ]),
                "budget": budget,
                "titlesIncluded": .object(["type": .string("boolean")]),
                "input": input,
                "totals": ref("figures"),
                "previous": ref("figures"),
                "change": change,
                "coverage": .object([
                    "type": .string("object"),
                    "required": names(["firstEventAt", "lastEventAt", "periodCovered", "previousPeriodCovered"]),
                    "properties": .object([
                        "firstEventAt": .object(["type": .array([.string("string"), .string("null")])]),
                        "lastEventAt": .object(["type": .array([.string("string"), .string("null")])]),
                        "periodCovered": .object(["type": .string("boolean")]),
                        "previousPeriodCovered": .object(["type": .string("boolean")]),
                    ]),
                ]),
                "byRepository": .object(["type": .string("array"), "items": keyed("repository", nullable: true)]),
                "bySourceType": .object(["type": .string("array"), "items": keyed("sourceType", nullable: false)]),
                "byModel": .object(["type": .string("array"), "items": keyed("model", nullable: true)]),
                "series": .object(["type": .string("array"), "items": seriesPoint]),
                "topSessions": .object(["type": .string("array"), "items": topSession]),
                "findings": .object(["type": .string("array"), "items": ref("finding")]),
                "resolvedFindings": .object(["type": .string("array"), "items": ref("finding")]),
                "filter": filter,
            ]),
            "$defs": .object([
                "timestamp": .object(["type": .string("string"), "format": .string("date-time")]),
                "count": .object(["type": .string("integer"), "minimum": .int(0)]),
                "money": .object(["type": .string("number")]),
                "amount": .object(["type": .string("number"), "minimum": .int(0)]),
                "ratio": .object(["type": .array([.string("number"), .string("null")])]),
                "period": period,
                "figures": figures(extra: [:], required: []),
                "finding": finding,
            ]),
        ])
    }

    static func names(_ list: [String]) -> JSONValue { .array(list.map(JSONValue.string)) }
    static func ref(_ name: String) -> JSONValue { .object(["$ref": .string("#/$defs/\(name)")]) }

    static var period: JSONValue {
        .object([
            "type": .string("object"),
            "required": names(["kind", "label", "start", "end", "timeZone"]),
            "properties": .object([
                "kind": .object(["enum": names(PeriodKind.allCases.map(\.rawValue))]),
                "label": .object(["type": .string("string")]),
                "start": ref("timestamp"), "end": ref("timestamp"),
                "timeZone": .object(["type": .string("string")]),
            ]),
        ])
    }

    static var budget: JSONValue {
        let number = JSONValue.object(["type": .string("number")])
        return .object([
            "type": .array([.string("object"), .string("null")]),
            "required": names(["unit", "amount", "month", "asOf", "spent", "remaining", "projected", "elapsedShare",
                               "projectedToExceed", "alreadyExceeded", "runsOutAt"]),
            "properties": .object([
                "unit": .object(["enum": names(Budget.Unit.allCases.map(\.rawValue))]),
                "amount": number, "spent": number, "remaining": number, "projected": number, "elapsedShare": number,
                "month": .object(["type": .string("string")]), "asOf": ref("timestamp"),
                "projectedToExceed": .object(["type": .string("boolean")]),
                "alreadyExceeded": .object(["type": .string("boolean")]),
                "runsOutAt": .object(["type": .array([.string("string"), .string("null")])]),
            ]),
        ])
    }

    static var costBasis: JSONValue {
        let nullableString = JSONValue.object(["type": .array([.string("string"), .string("null")])])
        return .object([
            "type": .string("object"),
            "required": names(["priceTable", "priceTableDate", "unpricedModels"]),
            "properties": .object([
                "priceTable": .object(["type": .string("string")]),
                "priceTableDate": nullableString,
                "order": .object(["type": .string("array"), "items": .object(["type": .string("string")])]),
                "unpricedModels": .object(["type": .string("array"), "items": .object([
                    "type": .string("object"), "required": names(["model", "reason", "sessions"]),
                    "properties": .object([
                        "model": nullableString,
                        "reason": .object(["enum": names(["no-model", "unknown-model", "not-yet-priced"])]),
                        "sessions": ref("count"),
                    ]),
                ])]),
            ]),
        ])
    }

    static var input: JSONValue {
        let counts = ["linesRead", "eventsAccepted", "duplicates", "conflictingDuplicates", "rejected", "metricRegressions", "redactions"]
        var properties = Dictionary(uniqueKeysWithValues: counts.map { ($0, ref("count")) })
        properties["rejectedByReason"] = .object([
            "type": .string("object"),
            "propertyNames": .object(["enum": names(RejectReason.allCases.map(\.rawValue))]),
            "additionalProperties": ref("count"),
        ])
        return .object([
            "type": .string("object"), "required": names(counts.filter { $0 != "redactions" } + ["rejectedByReason"]),
            "properties": .object(properties),
        ])
    }

    static func figureSchema(_ name: String) -> JSONValue {
        switch WindowFigures().value(name) {
        case .count: return ref("count")
        case .money: return ref("money")
        case .amount: return ref("amount")
        case .ratio: return ref("ratio")
        }
    }

    static func figures(extra: [String: JSONValue], required: [String]) -> JSONValue {
        var properties = Dictionary(uniqueKeysWithValues: WindowFigures.allNames.map { ($0, figureSchema($0)) })
        properties.merge(extra) { $1 }
        return .object([
            "type": .string("object"),
            "required": names(WindowFigures.sectionFourNames + required),
            "properties": .object(properties),
        ])
    }

    static var change: JSONValue {
        .object([
            "type": .string("object"), "required": names(WindowFigures.sectionFourNames),
            "properties": .object(Dictionary(uniqueKeysWithValues: WindowFigures.allNames.map { ($0, ref("ratio")) })),
        ])
    }

    static func keyed(_ key: String, nullable: Bool) -> JSONValue {
        let type: JSONValue = nullable ? .array([.string("string"), .string("null")]) : .string("string")
        return figures(extra: [key: .object(["type": type])], required: [key])
    }

    static var seriesPoint: JSONValue {
        figures(extra: ["label": .object(["type": .string("string")]), "start": ref("timestamp"), "end": ref("timestamp")],
                required: ["label", "start", "end"])
    }

    static var topSession: JSONValue {
        .object([
            "type": .string("object"), "required": names(["id", "repository", "status", "tokenTotal", "estimatedCostUsd"]),
            "properties": .object([
                "id": .object(["type": .string("string")]),
                "repository": .object(["type": .array([.string("string"), .string("null")])]),
                "status": .object(["enum": names(SessionStatus.allCases.map(\.rawValue))]),
                "tokenTotal": ref("count"), "estimatedCostUsd": ref("money"),
            ]),
        ])
    }

    static var finding: JSONValue {
        .object([
            "type": .string("object"),
            "required": names(["ruleId", "severity", "scope", "key", "sessionIds", "title", "recommendation",
                               "estimatedSavingsUsd", "figures", "status"]),
            "properties": .object([
                "ruleId": .object(["type": .string("string")]),
                "severity": .object(["enum": names(Severity.allCases.map(\.rawValue))]),
                "scope": .object(["enum": names(RuleScope.allCases.map(\.rawValue))]),
                "key": .object(["type": .array([.string("string"), .string("object")])]),
                "sessionIds": .object(["type": .string("array"), "items": .object(["type": .string("string")])]),
                "title": .object(["type": .string("string")]),
                "recommendation": .object(["type": .string("string")]),
                "estimatedSavingsUsd": .object(["type": .array([.string("number"), .string("null")])]),
                "figures": .object(["type": .string("object")]),
                "status": .object(["enum": names(["new", "persisting", "resolved"])]),
            ]),
        ])
    }

    /// Present only in a filtered report (`--repo`, `--source-type`).
    static var filter: JSONValue {
        .object([
            "type": .string("object"),
            "properties": .object([
                "repository": .object(["type": .string("string")]),
                "sourceType": .object(["enum": names(SourceType.allCases.map(\.rawValue))]),
            ]),
        ])
    }
}
