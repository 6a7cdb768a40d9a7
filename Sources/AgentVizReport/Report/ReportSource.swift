/// Where a report's events come from: input files read straight through an in-memory
/// sink, or the SQLite store. Both paths feed the same roll-up, so they give the same figures.
public enum ReportSource {
    /// Input files through the fast path: chunks decoded in parallel into compact events.
    case input([InputSource])
    /// Input files through the plain path: one `Event` per line, kept in memory. Obviously
    /// correct and slower; the tests check the fast path against it, figure by figure.
    case plainInput([InputSource])
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
        case .plainInput(let sources):
            var sink = MemoryEventSink()
            let counters = try EventIngestor(lineLimit: lineLimit).ingest(sources, into: &sink, onRejected: onRejected)
            for (_, events) in sink.sessions { builder.addSession(events) }
            return (builder.finish(), counters)
        case .store(let store):
            let history = try CompactHistory.load(from: store, progress: progress)
            history.rollup(into: &builder)
            return (builder.finish(), try store.ingestCounters())
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
