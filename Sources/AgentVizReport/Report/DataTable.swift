/// One cell of an exported table: typed, so each format decides how to write it (a count
/// is never text, so CSV never treats it as a formula; null is an empty CSV cell).
public enum TableCell: Equatable, Sendable {
    case null
    case text(String)
    case bool(Bool)
    case figure(FigureValue)
    case time(Timestamp)

    public static func optional(_ text: String?) -> TableCell { text.map(TableCell.text) ?? .null }
}

/// Rows of named columns: what `--format csv` writes, and what the session list writes in
/// JSON (column names are the JSON names).
public struct DataTable: Equatable, Sendable {
    public var columns: [String]
    public var rows: [[TableCell]]

    public init(columns: [String], rows: [[TableCell]]) {
        precondition(rows.allSatisfy { $0.count == columns.count }, "every row has one cell per column")
        self.columns = columns
        self.rows = rows
    }
}
