/// `session ID`: what the command was given, as text, checked by `prepare`.
public struct SessionDetailOptions: Sendable {
    /// Input or store, zone, clock, prices, rules, output, titles (its period is not used).
    public var source: ReportJobOptions
    public var sessionId: String
    /// `--per week|day|month`: the windows usage and findings are shown for.
    public var per = "week"
    public var format = "markdown"

    public init(sessionId: String, source: ReportJobOptions) {
        self.sessionId = sessionId
        self.source = source
    }
}

public struct PreparedSessionDetailJob {
    public var source: PreparedReportJob
    public var request: SessionDetailRequest
    public var format: ReportFormat
    public var output: String? { source.output }

    /// Why nothing was printed for an id the history lacks (exit 1: the data, not the
    /// command line, is what disagrees).
    public var notFound: String {
        let place = source.databasePath.map { "the store \($0)" } ?? "the input read"
        return "no session with id '\(request.sessionId)' in \(place); 'agentviz-report sessions' lists the ids of a period"
    }
}

public enum SessionDetailJob {
    public static let kinds: [PeriodKind] = [.week, .day, .month]

    public static func prepare(_ o: SessionDetailOptions) throws(JobError) -> PreparedSessionDetailJob {
        guard let format = ReportFormat(rawValue: o.format), format != .csv else {
            throw .usage("--format '\(o.format)' is not supported by session (expected markdown or json)")
        }
        guard let kind = PeriodKind(rawValue: o.per), kinds.contains(kind) else {
            throw .usage("--per '\(o.per)' is not supported (expected \(kinds.map(\.rawValue).joined(separator: ", ")))")
        }
        guard !o.sessionId.isEmpty else { throw .usage("session needs a session id") }
        var shared = o.source
        // Rendered here, windows chosen from the session: only the shared checks are wanted.
        shared.format = ReportFormat.json.rawValue
        shared.table = nil
        shared.seriesCount = 1
        let source = try ReportJob.prepare(shared)
        return PreparedSessionDetailJob(
            source: source, request: SessionDetailRequest(sessionId: o.sessionId, kind: kind, base: source.request), format: format)
    }
}

extension PreparedSessionDetailJob {
    /// The rendered detail, or nil when the history has no such session.
    public func run(progress: ReadProgress? = nil, onRejected: (RejectedLine) -> Void = { _ in }) throws(JobError) -> (SessionDetail, String)? {
        let detail = try source.reading { source throws in
            try source.sessionDetail(request, progress: progress, onRejected: onRejected)
        }
        guard let detail else { return nil }
        let text = format == .json ? SessionDetailRenderer.json(detail).serialized() : SessionDetailRenderer.markdown(detail)
        return (detail, text)
    }
}
