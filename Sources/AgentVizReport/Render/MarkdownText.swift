/// Escaping and number formatting for Markdown. Every piece of event text passes through
/// `escape` so a hostile title cannot break a table, inject HTML, or make a link.
public enum MarkdownText {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        // Secrets and terminal controls first (one place decides them), then Markdown.
        let chars = Array(SafeText.escape(text))
        for (i, ch) in chars.enumerated() {
            let previous: Character = i > 0 ? chars[i - 1] : " "
            let next: Character = i + 1 < chars.count ? chars[i + 1] : " "
            switch ch {
            case "\n", "\r", "\r\n", "\u{2028}", "\u{2029}": out += " "
            // With `[` and `]` escaped no link or image can form, so `(`, `)`, `!` and
            // `>` (never at a line start here) stay as they are, keeping the text readable.
            case "|", "`", "*", "_", "[", "]", "\\", "#", "~": out += "\\" + String(ch)
            case "<": out += "&lt;"
            case "&": out += "&amp;"
            // Break GitHub's autolinks (scheme://, www., user@host) without changing the text shown.
            case ":" where next == "/": out += "&#58;"
            case "@": out += "&#64;"
            case "." where previous == "w" || previous == "W": out += "&#46;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// `1,234,567`
    public static func integer(_ n: Int128) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    public static func integer(_ n: Int64) -> String { integer(Int128(n)) }
    public static func integer(_ n: Int) -> String { integer(Int128(n)) }

    /// `$1,234.56` (rounded to the cent; amounts under a cent show as `<$0.01`).
    public static func money(_ usd: Double) -> String {
        if usd > 0 && usd < 0.005 { return "<$0.01" }
        return (usd < 0 ? "-$" : "$") + decimal(abs(usd), places: 2)
    }

    /// `1,234.50` (credits, premium requests: two places).
    public static func amount(_ value: Double) -> String {
        (value < 0 ? "-" : "") + decimal(abs(value), places: 2)
    }

    /// `12.5%`; `n/a` for nil.
    public static func percent(_ ratio: Double?) -> String {
        guard let ratio else { return "n/a" }
        return decimal(ratio * 100, places: 1) + "%"
    }

    public static func decimal(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        // 128-bit and held at 10^37: no figure a report can hold traps here.
        let scaled = Int128(min((abs(value) * scale).rounded(), 1e37))
        var fraction = String(scaled % Int128(scale))
        while fraction.count < places { fraction = "0" + fraction }
        let text = integer(scaled / Int128(scale)) + (places > 0 ? "." + fraction : "")
        return value < 0 && scaled != 0 ? "-" + text : text
    }

    /// `▲ 12.0%`, `▼ 3.5%`, `= 0.0%`, or `n/a` when there is nothing to compare with.
    /// A difference of two rates in percentage points: `▲ 2.8 pp`.
    public static func points(_ difference: Double?) -> String {
        guard let difference else { return "n/a" }
        let arrow = difference > 0.00005 ? "▲" : difference < -0.00005 ? "▼" : "="
        return arrow + " " + decimal(abs(difference) * 100, places: 1) + " pp"
    }

    public static func change(_ ratio: Double?) -> String {
        guard let ratio else { return "n/a" }
        let arrow = ratio > 0.0005 ? "▲" : ratio < -0.0005 ? "▼" : "="
        return arrow + " " + decimal(abs(ratio) * 100, places: 1) + "%"
    }
}
