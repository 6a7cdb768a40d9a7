/// The one CSV writer: RFC 4180 (CRLF line ends; a field holding a comma, quote, CR or LF
/// is quoted, its quotes doubled), a header row of the column names (the JSON names), and
/// cells no spreadsheet runs as a formula.
///
/// Formula rule, by cell type, not by content: a text cell whose first character is `=`,
/// `+`, `-`, `@`, a tab or a CR gets a leading `'` (OWASP's CSV-injection advice), so
/// `=HYPERLINK(...)` in a repository name shows as text. Numbers (counts, money, ratios)
/// are written as numbers and never prefixed, negative or not; booleans are `true` /
/// `false`, instants RFC 3339, null an empty cell. Text first goes through `SafeText`
/// like everything we print: secrets redacted, control characters shown escaped.
public enum CSVWriter {
    public static func write(_ table: DataTable) -> String {
        var out = ""
        append(table.columns.map { field(.text($0)) }, to: &out)
        for row in table.rows { append(row.map(field), to: &out) }
        return out
    }

    private static func append(_ fields: [String], to out: inout String) {
        out += fields.joined(separator: ",")
        out += "\r\n"
    }

    static func field(_ cell: TableCell) -> String {
        switch cell {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .time(let t): return RFC3339.format(t)
        case .figure(let v): return number(v)
        case .text(let s): return quoted(defused(SafeText.escape(s)))
        }
    }

    /// The same digits as the JSON report.
    static func number(_ v: FigureValue) -> String {
        switch v {
        case .count(let n): return String(n)
        case .money(let d), .amount(let d): return JSONValue.number(d)
        case .ratio(let r): return r.map(JSONValue.number) ?? ""
        }
    }

    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    static func defused(_ text: String) -> String {
        guard let first = text.first, formulaStarts.contains(first) else { return text }
        return "'" + text
    }

    static func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return text }
        var out = "\""
        for ch in text { out += ch == "\"" ? "\"\"" : String(ch) }
        return out + "\""
    }
}
