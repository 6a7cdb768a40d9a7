extension JSONValue {
    /// A figure as the JSON report writes it: counts as integers, money and amounts as
    /// numbers, ratios as numbers or null.
    public init(_ figure: FigureValue) {
        switch figure {
        case .count(let n): self = .int(n)
        case .money(let m), .amount(let m): self = .double(m)
        case .ratio(let r): self = .optional(r)
        }
    }

    public init(_ cell: TableCell) {
        switch cell {
        case .null: self = .null
        case .text(let s): self = .string(s)
        case .bool(let b): self = .bool(b)
        case .figure(let f): self = JSONValue(f)
        case .time(let t): self = .string(RFC3339.format(t))
        }
    }

    /// A table as an array of objects keyed by column name.
    public static func rows(_ table: DataTable) -> JSONValue {
        .array(table.rows.map { row in
            .object(Dictionary(uniqueKeysWithValues: zip(table.columns, row.map(JSONValue.init))))
        })
    }
}

extension JSONReportRenderer {
    /// The sessions a filtered report covers: only the options given.
    static func filter(_ f: SessionFilter) -> JSONValue {
        var members: [String: JSONValue] = [:]
        if let repository = f.repository { members["repository"] = .string(repository) }
        if let sourceType = f.sourceType { members["sourceType"] = .string(sourceType.rawValue) }
        if let status = f.status { members["status"] = .string(status.rawValue) }
        return .object(members)
    }
}
