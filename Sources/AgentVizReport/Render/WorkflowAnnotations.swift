import Foundation

/// Findings as GitHub Actions workflow commands (`::error title=...::message`), which the
/// runner shows as annotations on the run and the pull request.
///
/// A finding's text comes from event data and rule files, so it must never be able to end
/// our command early or start one of its own: every piece first goes through `SafeText`
/// (secrets redacted, line breaks and other controls written as visible escapes, so one
/// finding is one line), then through GitHub's own escaping (`%`, CR and LF; in a property
/// also `:` and `,`). A `::error::` inside a title is then only text in the message.
public enum WorkflowAnnotations {
    /// GitHub keeps 10 error, 10 warning and 10 notice annotations per step and 50 per job
    /// (actions/toolkit, `docs/problem-matchers.md`) and drops the rest without a word, so we
    /// send the first ten and say how many more there are.
    public static let shown = 10

    /// One line per finding of the first `shown` (report order), then one `::notice` counting
    /// the rest.
    public static func lines(_ findings: [ReportFinding]) -> [String] {
        var out = findings.prefix(shown).map { item in
            let f = item.finding
            return command(level(f.severity), title: "\(f.ruleId) (\(f.severity.rawValue))", message: "\(f.title) [\(f.key)]")
        }
        if findings.count > shown {
            out.append(command("notice", title: "agentviz-report",
                               message: "\(findings.count - shown) more findings are not annotated; the report lists every one"))
        }
        return out
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low, .info: return "notice"
        }
    }

    static func command(_ name: String, title: String, message: String) -> String {
        "::\(name) title=\(escapeProperty(SafeText.escape(title)))::\(escapeMessage(SafeText.escape(message)))"
    }

    /// GitHub's `escapeData` (actions/toolkit, `command.ts`).
    public static func escapeMessage(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// GitHub's `escapeProperty`: the message escapes plus `:` and `,`, which end a property.
    public static func escapeProperty(_ text: String) -> String {
        escapeMessage(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
