/// The cumulative counters of a session as one snapshot reports them. Absent fields are nil.
public struct Metrics: Equatable, Hashable, Sendable {
    public var durationSeconds: Int64?
    public var tokenInput: Int64?
    public var tokenOutput: Int64?
    /// Already derived as `tokenInput + tokenOutput` by the decoder when the event omitted it.
    public var tokenTotal: Int64?
    public var estimatedCostUsd: Double?
    // The optional 1.x cost fields (ANALYTICS.md section 7), cumulative like the rest.
    public var tokenCacheRead: Int64?
    public var tokenCacheWrite: Int64?
    public var aiCredits: Double?
    public var premiumRequests: Double?

    public init(
        durationSeconds: Int64? = nil, tokenInput: Int64? = nil, tokenOutput: Int64? = nil,
        tokenTotal: Int64? = nil, estimatedCostUsd: Double? = nil,
        tokenCacheRead: Int64? = nil, tokenCacheWrite: Int64? = nil,
        aiCredits: Double? = nil, premiumRequests: Double? = nil
    ) {
        self.durationSeconds = durationSeconds
        self.tokenInput = tokenInput
        self.tokenOutput = tokenOutput
        self.tokenTotal = tokenTotal
        self.estimatedCostUsd = estimatedCostUsd
        self.tokenCacheRead = tokenCacheRead
        self.tokenCacheWrite = tokenCacheWrite
        self.aiCredits = aiCredits
        self.premiumRequests = premiumRequests
    }

    /// Any of the 1.x cost fields is present (the fingerprint adds them only then, so
    /// events without them keep the fingerprints stores already hold).
    var hasVersion11Fields: Bool {
        tokenCacheRead != nil || tokenCacheWrite != nil || aiCredits != nil || premiumRequests != nil
    }
}

public enum SourceType: String, CaseIterable, Sendable, Comparable {
    case localCopilot = "local-copilot"
    case agentTask = "agent-task"

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

public enum SessionStatus: String, CaseIterable, Sendable {
    case running, queued, completed, failed, unknown
}

public enum OperatorAction: String, CaseIterable, Sendable {
    case view
    case openPR = "open_pr"
    case viewLogs = "view_logs"
    case resumeSession = "resume_session"
}
