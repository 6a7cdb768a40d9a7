/// A rejected line with where it was: printed as `PATH:LINE: REASON: DETAIL`.
public struct RejectedLine: Equatable, Sendable, CustomStringConvertible {
    public var source: String
    public var line: Int
    public var rejection: Rejection
    /// The message around the line number, made safe once and shared by a run of lines with
    /// the same file and rejection (`validate` prints millions of them).
    let message: Message

    public init(source: String, line: Int, rejection: Rejection) {
        self.init(line: line, message: Message(source: source, rejection: rejection))
    }

    init(line: Int, message: Message) {
        self.source = message.source
        self.line = line
        self.rejection = message.rejection
        self.message = message
    }

    /// One line, through `SafeText`: the file name and the detail are redacted and escaped
    /// (each on its own: a line number never joins them into something else).
    public var description: String { message.head + String(line) + message.tail }

    public static func == (a: Self, b: Self) -> Bool {
        a.source == b.source && a.line == b.line && a.rejection == b.rejection
    }

    final class Message: Sendable {
        let source: String
        let rejection: Rejection
        let head: String
        let tail: String

        init(source: String, rejection: Rejection) {
            self.source = source
            self.rejection = rejection
            head = SafeText.line(source) + ":"
            tail = SafeText.escape(": \(rejection.reason.rawValue): \(rejection.detail)")
        }
    }
}
