@testable import AgentVizReport

/// The tests' plain oracle: one value per accepted line, Strings for text. Production code
/// never builds one (it keeps compact records); tests decode lines into these through the
/// real decoder (`EventDecoder` below) and compare the compact paths against them.
struct Event: Equatable, Hashable, Sendable {
    var schemaVersion: String
    var eventId: String
    var capturedAt: Timestamp
    var source: String?
    var sessionId: String
    var sourceType: SourceType
    var status: SessionStatus
    var repository: String?
    var branch: String?
    var title: String?
    var prNumber: Int64?
    var updatedAt: Timestamp?
    var metrics: Metrics
    var operatorAction: OperatorAction
    var debugEnabled: Bool?
    var model: String?

    init(
        schemaVersion: String = "1.0", eventId: String, capturedAt: Timestamp, source: String? = nil,
        sessionId: String, sourceType: SourceType, status: SessionStatus,
        repository: String? = nil, branch: String? = nil, title: String? = nil,
        prNumber: Int64? = nil, updatedAt: Timestamp? = nil, metrics: Metrics = Metrics(),
        operatorAction: OperatorAction, debugEnabled: Bool? = nil, model: String? = nil
    ) {
        self.model = model
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

