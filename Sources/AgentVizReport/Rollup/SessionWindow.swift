/// One session seen through one window: its fields as of the window's end and its
/// figures inside the window (ANALYTICS.md sections 3-5, scope `session`).
public struct SessionWindow: Equatable, Sendable {
    public var sessionId: String
    public var status: SessionStatus
    public var sourceType: SourceType
    public var repository: String?
    public var branch: String?
    public var title: String?
    public var prNumber: Int64?
    /// The session's first event ever lies in the window.
    public var started: Bool
    public var failures: Int
    public var completions: Int
    public var events: Int
    public var resumes: Int
    public var usage: Usage
    /// Some event captured before the window's end carried `estimatedCostUsd`.
    public var hasCostData: Bool
    /// The last event captured before the window's end.
    public var lastEventAt: Timestamp
    /// Hours from `lastEventAt` to the window's end.
    public var idleHours: Double

    public var failed: Bool { failures > 0 }
    public var completed: Bool { completions > 0 }
}
