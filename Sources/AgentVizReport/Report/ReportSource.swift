/// Where a report's events come from: input files through the parallel reader, or the
/// SQLite store. Both give compact records to the same roll-up, so the same figures.
public enum ReportSource {
    /// Input files through the parallel reader.
    case input([InputSource])
    /// The store: only the sessions that can touch the report's windows are read, in one
    /// read transaction.
    case store(EventStore)

    /// Reads the events into `request`'s roll-up and returns it with the input counters.
    public func rollup(
        for request: ReportRequest, lineLimit: Int = LineReader.defaultLimit, progress: ReadProgress? = nil,
        onRejected: (RejectedLine) -> Void = { _ in }
    ) throws -> (Rollup, IngestCounters) {
        defer { progress?.finished() }
        var builder = request.makeRollupBuilder()
        switch self {
        case .input(let sources):
            var input = ParallelInput(lineLimit: lineLimit)
            input.progress = progress
            let history = try input.read(sources, onRejected: onRejected)
            history.rollup(into: &builder)
            return (builder.finish(), history.counters)
        case .store(let store):
            let span = builder.span
            return try store.snapshot {
                let stored = try StoredHistory.load(store.db, sessions: .overlapping(from: span.from, to: span.to), progress: progress)
                stored.history.rollup(into: &builder)
                var rollup = builder.finish()
                // Input-wide: the stored counts of the sessions not read, plus those counted now.
                rollup.metricRegressions += try store.storedRegressions() - stored.storedRegressionsRead
                rollup.coverage = try store.coverage()  // all of the history, not only what was read
                return (rollup, try store.ingestCounters())
            }
        }
    }

    /// The whole job: read, roll up, build the report.
    public func report(
        _ request: ReportRequest, lineLimit: Int = LineReader.defaultLimit, progress: ReadProgress? = nil,
        onRejected: (RejectedLine) -> Void = { _ in }
    ) throws -> Report {
        let (rollup, counters) = try rollup(for: request, lineLimit: lineLimit, progress: progress, onRejected: onRejected)
        return ReportBuilder.build(rollup: rollup, counters: counters, request: request)
    }
}
