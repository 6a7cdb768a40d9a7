/// The v1 envelope fields the decoder looks at, numbered as slots of a fixed table, so a
/// line's scan records them without allocating. Everything else is syntax-checked only.
enum EnvelopeField: Int, CaseIterable {
    case schemaVersion, eventId, capturedAt, source, session, metrics, metadata
    case sessionId, sourceType, status, repository, branch, title, prNumber, updatedAt, model
    case durationSeconds, tokenInput, tokenOutput, tokenTotal, estimatedCostUsd
    case tokenCacheRead, tokenCacheWrite, aiCredits, premiumRequests
    case operatorAction, debugEnabled

    static let slotCount = 27

    /// The dotted name used in rejection details.
    var path: String {
        switch self {
        case .schemaVersion: "schemaVersion"
        case .eventId: "eventId"
        case .capturedAt: "capturedAt"
        case .source: "source"
        case .session: "session"
        case .metrics: "metrics"
        case .metadata: "metadata"
        case .sessionId: "session.id"
        case .sourceType: "session.sourceType"
        case .status: "session.status"
        case .repository: "session.repository"
        case .branch: "session.branch"
        case .title: "session.title"
        case .prNumber: "session.prNumber"
        case .updatedAt: "session.updatedAt"
        case .model: "session.model"
        case .durationSeconds: "metrics.durationSeconds"
        case .tokenInput: "metrics.tokenInput"
        case .tokenOutput: "metrics.tokenOutput"
        case .tokenTotal: "metrics.tokenTotal"
        case .estimatedCostUsd: "metrics.estimatedCostUsd"
        case .tokenCacheRead: "metrics.tokenCacheRead"
        case .tokenCacheWrite: "metrics.tokenCacheWrite"
        case .aiCredits: "metrics.aiCredits"
        case .premiumRequests: "metrics.premiumRequests"
        case .operatorAction: "metadata.operatorAction"
        case .debugEnabled: "metadata.debugEnabled"
        }
    }

    /// The slots of the top object's members.
    static let topSlots = EnvelopeField.schemaVersion.rawValue..<EnvelopeField.sessionId.rawValue

    /// For `session`, `metrics` and `metadata`: the slots of their members.
    var memberSlots: Range<Int>? { Self.memberSlots(ofSlot: rawValue) }

    @inline(__always) static func memberSlots(ofSlot slot: Int) -> Range<Int>? {
        switch slot {
        case EnvelopeField.session.rawValue: EnvelopeField.sessionId.rawValue..<EnvelopeField.durationSeconds.rawValue
        case EnvelopeField.metrics.rawValue: EnvelopeField.durationSeconds.rawValue..<EnvelopeField.operatorAction.rawValue
        case EnvelopeField.metadata.rawValue: EnvelopeField.operatorAction.rawValue..<EnvelopeField.slotCount
        default: nil
        }
    }
}

extension EnvelopeField {
    /// Member names by slot, built once: the scan loop indexes this table.
    nonisolated(unsafe) static let names: UnsafePointer<ShortName> = {
        let table = UnsafeMutablePointer<ShortName>.allocate(capacity: slotCount)
        for field in allCases { (table + field.rawValue).initialize(to: field.name) }
        return UnsafePointer(table)
    }()

    /// The member name (the last component of `path`), packed for fast comparison.
    @inline(__always) var name: ShortName {
        switch self {
        case .schemaVersion: ShortName("schemaVersion")
        case .eventId: ShortName("eventId")
        case .capturedAt: ShortName("capturedAt")
        case .source: ShortName("source")
        case .session: ShortName("session")
        case .metrics: ShortName("metrics")
        case .metadata: ShortName("metadata")
        case .sessionId: ShortName("id")
        case .sourceType: ShortName("sourceType")
        case .status: ShortName("status")
        case .repository: ShortName("repository")
        case .branch: ShortName("branch")
        case .title: ShortName("title")
        case .prNumber: ShortName("prNumber")
        case .updatedAt: ShortName("updatedAt")
        case .model: ShortName("model")
        case .durationSeconds: ShortName("durationSeconds")
        case .tokenInput: ShortName("tokenInput")
        case .tokenOutput: ShortName("tokenOutput")
        case .tokenTotal: ShortName("tokenTotal")
        case .estimatedCostUsd: ShortName("estimatedCostUsd")
        case .tokenCacheRead: ShortName("tokenCacheRead")
        case .tokenCacheWrite: ShortName("tokenCacheWrite")
        case .aiCredits: ShortName("aiCredits")
        case .premiumRequests: ShortName("premiumRequests")
        case .operatorAction: ShortName("operatorAction")
        case .debugEnabled: ShortName("debugEnabled")
        }
    }
}
