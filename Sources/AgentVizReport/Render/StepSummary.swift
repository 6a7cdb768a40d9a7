/// The Markdown report cut to fit a GitHub Actions job summary: GitHub does not show a
/// step's summary over 1 MiB at all (it shows an error instead).
///
/// Over the limit, list items (a `- ` line with its indented lines) and table rows go first,
/// always the last one of the section holding the most of them, so every section keeps its
/// heading and its first entries. Only when that is not enough are whole sections dropped
/// from the end, then lines. A note after the title says how much was left out and where the
/// full report is.
public enum StepSummary {
    public static let byteLimit = 1 << 20

    /// `markdown` when it fits in `limit` bytes, else the trimmed text with the note.
    /// `fullReport` completes "the full report is ...", e.g. "in report.md".
    public static func fit(_ markdown: String, limit: Int = byteLimit, fullReport: String) -> String {
        guard markdown.utf8.count > limit else { return markdown }
        var sections = MarkdownSections(markdown)
        let budget = limit - note(left: Int.max, fullReport: fullReport).utf8.count - 1
        var left = 0
        while sections.bytes > budget, sections.dropLastItemOfLargestSection() { left += 1 }
        while sections.bytes > budget, sections.dropLastSection() { left += 1 }
        var lines = sections.lines, bytes = sections.bytes
        while bytes > budget, let last = lines.popLast() {
            bytes -= last.utf8.count + 1
            left += 1
        }
        let title = lines.isEmpty ? [] : [lines.removeFirst()]
        let text = (title + [note(left: left, fullReport: fullReport)] + lines).joined(separator: "\n") + "\n"
        // Only a title longer than the whole limit could still be too long: cut it, and any
        // character the cut split (decoded as U+FFFD, which may be longer).
        guard text.utf8.count > limit else { return text }
        var cut = String(decoding: text.utf8.prefix(max(0, limit)), as: UTF8.self)
        while cut.utf8.count > limit { cut.removeLast() }
        return cut
    }

    static func note(left: Int, fullReport: String) -> String {
        "> **Trimmed:** \(left) list items, table rows or later sections were left out to stay under GitHub's 1 MiB "
            + "step summary limit; the full report is \(fullReport)."
    }
}

/// Markdown split at `## ` headings, each section's droppable items (list items with their
/// indented lines, table body rows; never lines inside a code fence) known, with running
/// byte counts so that trimming stays linear.
struct MarkdownSections {
    struct Item { var range: Range<Int>; var bytes: Int }
    struct Section { var lines: [String]; var items: [Item]; var itemBytes: Int }

    private(set) var sections: [Section] = []
    private(set) var bytes = 0

    init(_ markdown: String) {
        var current: [String] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).dropLast(markdown.hasSuffix("\n") ? 1 : 0) {
            if line.hasPrefix("## ") && !current.isEmpty { append(current); current = [] }
            current.append(String(line))
        }
        if !current.isEmpty { append(current) }
    }

    var lines: [String] { sections.flatMap(\.lines) }

    private mutating func append(_ lines: [String]) {
        var items: [Item] = []
        var inFence = false, inTable = false
        for (i, line) in lines.enumerated() {
            let size = line.utf8.count + 1
            if line.hasPrefix("```") { inFence.toggle() }
            if inFence || line.hasPrefix("```") { continue }
            if line.hasPrefix("| ---") { inTable = true; continue }
            inTable = inTable && line.hasPrefix("|")
            if inTable || line.hasPrefix("- ") {
                items.append(Item(range: i..<(i + 1), bytes: size))
            } else if line.hasPrefix("  "), let last = items.last, last.range.upperBound == i,
                      lines[last.range.lowerBound].hasPrefix("- ") {
                items[items.count - 1] = Item(range: last.range.lowerBound..<(i + 1), bytes: last.bytes + size)
            }
        }
        sections.append(Section(lines: lines, items: items, itemBytes: items.reduce(0) { $0 + $1.bytes }))
        bytes += lines.reduce(0) { $0 + $1.utf8.count + 1 }
    }

    /// Removes the last item of the section whose items take the most bytes; false when no
    /// section has any left.
    mutating func dropLastItemOfLargestSection() -> Bool {
        guard let largest = sections.indices.max(by: { sections[$0].itemBytes < sections[$1].itemBytes }),
              let item = sections[largest].items.popLast() else { return false }
        sections[largest].lines.removeSubrange(item.range)
        sections[largest].itemBytes -= item.bytes
        bytes -= item.bytes
        return true
    }

    /// Removes the last section, keeping the first (the title and the headline figures).
    mutating func dropLastSection() -> Bool {
        guard sections.count > 1 else { return false }
        bytes -= sections.removeLast().lines.reduce(0) { $0 + $1.utf8.count + 1 }
        return true
    }
}
