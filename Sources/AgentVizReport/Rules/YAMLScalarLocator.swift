import Yams

/// Maps an offset inside a YAML scalar's value back to a line and column of the file, so
/// an expression error points at the token, not just at the start of `when`. Exact for
/// one-line plain and quoted scalars and for block scalars; best effort for folded lines.
struct YAMLScalarLocator {
    let lines: [[Unicode.Scalar]]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            var line = Array($0.unicodeScalars)
            if line.last == "\r" { line.removeLast() }
            return line
        }
    }

    /// 1-based (line, column) of the value character at `offset` (0-based, Unicode scalars).
    func position(of scalar: Node.Scalar, offset: Int) -> (line: Int, column: Int) {
        guard let mark = scalar.mark else { return (1, 1) }
        let fallback = (mark.line, mark.column)
        var line = mark.line - 1
        var column = mark.column - 1
        var blockIndent: Int?
        switch scalar.style {
        case .literal, .folded:
            line += 1
            guard let first = lines.dropFirst(line).first(where: { !$0.allSatisfy { $0 == " " } }) else { return fallback }
            blockIndent = first.prefix { $0 == " " }.count
            column = blockIndent!
        case .singleQuoted, .doubleQuoted:
            column += 1
        default: break
        }
        var remaining = offset
        while line < lines.count {
            let text = lines[line]
            var c = column
            while c < text.count {
                if remaining == 0 { return (line + 1, c + 1) }
                c += width(text, c, scalar.style)
                remaining -= 1
            }
            if remaining == 0 { return (line + 1, c + 1) }
            remaining -= 1
            line += 1
            guard line < lines.count else { break }
            column = blockIndent.map { min($0, lines[line].count) } ?? lines[line].prefix { $0 == " " || $0 == "\t" }.count
        }
        return fallback
    }

    /// How many source characters one value character takes (escapes in quoted scalars).
    private func width(_ text: [Unicode.Scalar], _ c: Int, _ style: Node.Scalar.Style) -> Int {
        switch style {
        case .doubleQuoted where text[c] == "\\" && c + 1 < text.count:
            switch text[c + 1] {
            case "x": return 4
            case "u": return 6
            case "U": return 10
            default: return 2
            }
        case .singleQuoted where text[c] == "'" && c + 1 < text.count && text[c + 1] == "'":
            return 2
        default:
            return 1
        }
    }
}
