import AgentVizReport
import Foundation

/// Output streams: results on stdout, logs and errors on stderr only.
enum Console {
    /// Every stderr line goes through `SafeText`: no secret, no terminal control, no line
    /// a CI runner would take for a workflow command.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("agentviz-report: error: " + SafeText.escape(message) + "\n").utf8))
    }

    static func log(_ message: String) {
        FileHandle.standardError.write(Data((SafeText.lines(message) + "\n").utf8))
    }

    /// Lines that already went through `SafeText.line` (rejected lines' descriptions), in
    /// one write: `validate` prints millions of them.
    static func logSafeLines(_ lines: [String]) {
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// GitHub Actions workflow commands, written as they are: `WorkflowAnnotations` built them
    /// from text already made safe, and `SafeText.line` would (rightly) defuse them.
    static func workflowCommands(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    static func write(_ text: String, to path: String?) throws {
        if let path, path != "-" {
            do { try OutputFile.write(text, to: path) } catch {
                throw JobError.runtime(error.description)
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
