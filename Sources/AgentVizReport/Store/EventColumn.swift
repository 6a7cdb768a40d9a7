/// The columns of `event` (store v2) that ingest writes, by name: the insert statement and
/// every bind use these, so a reordering cannot shift values into the wrong column.
enum EventColumn: Int32, CaseIterable {
    case session = 1, capturedAt, updatedAt, eventId, idHash, fingerprint, status, sourceType
    case operatorAction, debugEnabled, schemaVersion, source, repository, branch, title, prNumber
    case durationSeconds, tokenInput, tokenOutput, tokenTotal, estimatedCostUsd
    // Migration 4 (the 1.x cost fields).
    case model, tokenCacheRead, tokenCacheWrite, aiCredits, premiumRequests

    var name: String {
        switch self {
        case .session: return "session"
        case .capturedAt: return "captured_at"
        case .updatedAt: return "updated_at"
        case .eventId: return "event_id"
        case .idHash: return "id_hash"
        case .fingerprint: return "fingerprint"
        case .status: return "status"
        case .sourceType: return "source_type"
        case .operatorAction: return "operator_action"
        case .debugEnabled: return "debug_enabled"
        case .schemaVersion: return "schema_version"
        case .source: return "source"
        case .repository: return "repository"
        case .branch: return "branch"
        case .title: return "title"
        case .prNumber: return "pr_number"
        case .durationSeconds: return "duration_seconds"
        case .tokenInput: return "token_input"
        case .tokenOutput: return "token_output"
        case .tokenTotal: return "token_total"
        case .estimatedCostUsd: return "estimated_cost_usd"
        case .model: return "model"
        case .tokenCacheRead: return "token_cache_read"
        case .tokenCacheWrite: return "token_cache_write"
        case .aiCredits: return "ai_credits"
        case .premiumRequests: return "premium_requests"
        }
    }

    /// The bind parameter of this column in `insertSQL`.
    var parameter: Int32 { rawValue }

    /// The columns of store v2 as migration 3 created them: its own copy step writes only
    /// these (the later columns do not exist yet when it runs).
    static let schemaV2: [EventColumn] = allCases.filter { $0.rawValue <= estimatedCostUsd.rawValue }

    /// Columns are a prefix of `allCases`, so each one's parameter is its raw value.
    static func insertSQL(_ columns: [EventColumn]) -> String {
        """
        INSERT INTO event (\(columns.map(\.name).joined(separator: ", ")))
        VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
        """
    }
}

/// One event as the store keeps it, with text as Strings: what migration 3 copies from a
/// version-1 row (ingest writes from decoded chunks instead, without Strings).
struct StoredEventValues {
    var schemaVersion: String
    var fields: DecodedFields<String>

    var fingerprint: UInt64 {
        var version = schemaVersion
        return version.withUTF8 {
            ContentFingerprint.of(version: UnsafeRawBufferPointer($0), idHash: FNV1a64.hash(fields.eventId), fields, hash: FNV1a64.hash)
        }
    }
}
