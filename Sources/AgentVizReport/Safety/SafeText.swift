/// Text on its way out of the process (stderr, Markdown, messages): secrets redacted, and
/// nothing that can drive a terminal or a CI runner. The one place that decides both.
public enum SafeText {
    /// Secrets replaced (`SecretRedactor`), then every C0 and C1 control character, DEL and
    /// bidirectional override or isolate written as a visible `\u001b`-style escape; a
    /// backslash stays itself. Line breaks are escaped too: one message is one line.
    public static func escape(_ text: String) -> String {
        var text = SecretRedactor.scrub(text)
        // Most text is printable ASCII: decided on the bytes, without decoding scalars.
        let plain = text.withUTF8 { bytes in bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }
        guard !plain, text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isUnsafe(scalar) else { out.append(scalar); continue }
            let hex = String(scalar.value, radix: 16)
            out.append(contentsOf: ("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex).unicodeScalars)
        }
        return String(out)
    }

    /// A line for stderr: escaped, and never a GitHub Actions workflow command (`::error ...`,
    /// or the older `##[error]`), which a runner would obey. The runner ignores leading
    /// whitespace, so the command's first character itself is written escaped.
    public static func line(_ text: String) -> String {
        let safe = escape(text)
        let body = safe.drop { $0 == " " || $0 == "\t" }
        guard body.hasPrefix("::") || body.hasPrefix("##[") else { return safe }
        let first = body.first == ":" ? "\\u003a" : "\\u0023"
        return String(safe[..<body.startIndex]) + first + String(body.dropFirst())
    }

    /// Several lines for stderr, each made safe alone.
    public static func lines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line(String($0)) }.joined(separator: "\n")
    }

    static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: return true
        default: return false
        }
    }
}
