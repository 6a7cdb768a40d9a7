/// A problem in the config file: where it is and which key, in words that say what to write
/// instead. Every problem of a file is reported at once, before any work (exit 2).
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// The full key path, such as `analytics.rules.overrides.stuck-session.enabled`.
    public var key: String
    public var message: String

    public init(file: String, line: Int, key: String, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// `~/.gh-agent-viz.yml:7: analytics.timeZone: expected text, found a list`
    public var description: String { "\(file):\(line): \(key): \(message)" }
}

extension JobError {
    /// Config problems are usage errors: one line each, file order.
    static func config(_ errors: [ConfigError]) -> JobError {
        .usage(errors.map(\.description).joined(separator: "\n"))
    }
}
