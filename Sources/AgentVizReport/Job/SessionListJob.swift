/// `sessions`: what the command was given, as text, checked by `prepare`.
public struct SessionListOptions: Sendable {
    /// Period, input or store, zone, clock, prices, output, titles, `--repo`, `--source-type`.
    public var source: ReportJobOptions
    public var format = "markdown"
    public var status: String?
    public var sort = "cost"
    public var limit: Int?

    public init(source: ReportJobOptions) { self.source = source }
}

public struct PreparedSessionListJob {
    public var source: PreparedReportJob
    public var format: ReportFormat
    public var sort: SessionSort
    public var limit: Int?
    public var output: String? { source.output }
}

public enum SessionListJob {
    /// Every check of a report command (window, zone, clock, inputs, store, prices, output),
    /// then the list's own.
    public static func prepare(_ o: SessionListOptions) throws(JobError) -> PreparedSessionListJob {
        guard let format = ReportFormat(rawValue: o.format) else {
            throw .usage("--format '\(o.format)' is not supported (expected markdown, json or csv)")
        }
        guard let sort = SessionSort(rawValue: o.sort) else {
            throw .usage("--sort '\(o.sort)' is not supported (expected one of \(SessionSort.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if let limit = o.limit, limit < 1 { throw .usage("--limit \(limit) is out of range (expected 1 or more)") }
        var shared = o.source
        // The list renders itself and evaluates no rules: only the shared checks are wanted.
        shared.format = ReportFormat.json.rawValue
        shared.table = nil
        shared.useDefaultRules = false
        shared.ruleFiles = []
        shared.seriesCount = 1
        var source = try ReportJob.prepare(shared)
        source.request.filter = try ReportJob.filter(
            repository: o.source.repository, sourceType: o.source.sourceType, status: o.status)
        return PreparedSessionListJob(source: source, format: format, sort: sort, limit: o.limit)
    }
}

extension PreparedSessionListJob {
    public func run(progress: ReadProgress? = nil, onRejected: (RejectedLine) -> Void = { _ in }) throws(JobError) -> (SessionList, String) {
        let (rollup, _) = try source.rollup(progress: progress, onRejected: onRejected)
        let request = source.request
        let list = SessionList(sessions: rollup.sessions[request.window] ?? [], request: request, sort: sort, limit: limit)
        return (list, SessionListRenderer.render(list, format: format))
    }
}
