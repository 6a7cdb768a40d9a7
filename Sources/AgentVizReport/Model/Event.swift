/// One accepted event of contract v1, reduced to the fields the contract names.
///
/// Unknown fields are never kept (privacy: persist only minimum required fields), and
/// `title` / `branch` arrive here already redacted by `SecretRedactor`.
public struct Event: Equatable, Hashable, Sendable {
    public var schemaVersion: String
    public var eventId: String
    public var capturedAt: Timestamp
    public var source: String?
    public var sessionId: String
    public var sourceType: SourceType
    public var status: SessionStatus
    public var repository: String?
    public var branch: String?
    public var title: String?
    public var prNumber: Int64?
    public var updatedAt: Timestamp?
    public var metrics: Metrics
    public var operatorAction: OperatorAction
    public var debugEnabled: Bool?

    public init(
        schemaVersion: String = "1.0", eventId: String, capturedAt: Timestamp, source: String? = nil,
        sessionId: String, sourceType: SourceType, status: SessionStatus,
        repository: String? = nil, branch: String? = nil, title: String? = nil,
        prNumber: Int64? = nil, updatedAt: Timestamp? = nil, metrics: Metrics = Metrics(),
        operatorAction: OperatorAction, debugEnabled: Bool? = nil
    ) {
        self.schemaVersion = schemaVersion
        self.eventId = eventId
        self.capturedAt = capturedAt
        self.source = source
        self.sessionId = sessionId
        self.sourceType = sourceType
        self.status = status
        self.repository = repository
        self.branch = branch
        self.title = title
        self.prNumber = prNumber
        self.updatedAt = updatedAt
        self.metrics = metrics
        self.operatorAction = operatorAction
        self.debugEnabled = debugEnabled
    }
}

/// The cumulative counters of a session as one snapshot reports them. Absent fields are nil.
public struct Metrics: Equatable, Hashable, Sendable {
    public var durationSeconds: Int64?
    public var tokenInput: Int64?
    public var tokenOutput: Int64?
    /// Already derived as `tokenInput + tokenOutput` by the decoder when the event omitted it.
    public var tokenTotal: Int64?
    public var estimatedCostUsd: Double?

    public init(
        durationSeconds: Int64? = nil, tokenInput: Int64? = nil, tokenOutput: Int64? = nil,
        tokenTotal: Int64? = nil, estimatedCostUsd: Double? = nil
    ) {
        self.durationSeconds = durationSeconds
        self.tokenInput = tokenInput
        self.tokenOutput = tokenOutput
        self.tokenTotal = tokenTotal
        self.estimatedCostUsd = estimatedCostUsd
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
