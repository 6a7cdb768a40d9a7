import Foundation

/// The contract's local-first locations (CLI_ANALYTICS_CONTRACT.md, transport).
public enum DefaultPaths {
    static var home: String { ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory() }

    /// Where gh-agent-viz writes its history.
    public static var events: String { home + "/.gh-agent-viz/events.ndjson" }

    /// Our store, beside the history.
    public static var database: String { home + "/.gh-agent-viz/analytics.sqlite" }
}
