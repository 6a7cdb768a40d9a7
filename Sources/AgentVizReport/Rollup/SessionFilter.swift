/// Which sessions a report or a session list covers (`--repo`, `--source-type`, and for
/// `sessions` also `--status`). Empty: every session.
///
/// Decided per window, on the session's view through it: its repository, sourceType and
/// status as of that window's end (ANALYTICS.md section 3). So the previous period and
/// every series point of a filtered report are what the same filter gives in that window
/// on its own: this week's `previous` equals last week's filtered `totals`, even for a
/// session that moved between repositories.
public struct SessionFilter: Equatable, Sendable {
    /// Compared byte for byte, like every name of the contract.
    public var repository: String?
    public var sourceType: SourceType?
    public var status: SessionStatus?

    public init(repository: String? = nil, sourceType: SourceType? = nil, status: SessionStatus? = nil) {
        self.repository = repository
        self.sourceType = sourceType
        self.status = status
    }

    public var isEmpty: Bool { repository == nil && sourceType == nil && status == nil }

    public func admits(_ view: SessionWindow) -> Bool {
        if let repository {
            guard let actual = view.repository, actual.utf8.elementsEqual(repository.utf8) else { return false }
        }
        if let sourceType, view.sourceType != sourceType { return false }
        if let status, view.status != status { return false }
        return true
    }
}
