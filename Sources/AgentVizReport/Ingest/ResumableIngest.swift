#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What happened to one input file in an ingest.
public enum FileIngestStart: Equatable, Sendable {
    /// Read from the first byte (new, replaced, rewritten or truncated file, or `--full`).
    case fromStart
    /// Read from `offset`, where the previous ingest of this unchanged prefix stopped.
    case resumed(offset: Int64)
    /// Same file, nothing new since the last ingest: not read at all.
    case unchanged
}

/// Ingest into the store that remembers, per file, how far it read (identity, size, offset,
/// line count, prefix fingerprint), so the next run reads only what was appended. Anything
/// it cannot prove unchanged is read again from the start: the store's eventId dedupe makes
/// that safe (the repeated events count as duplicates, nothing is stored twice).
public struct ResumableIngest {
    public let store: EventStore
    public var ingestor: EventIngestor
    /// Ignore remembered positions and read every file from the start.
    public var readEverything: Bool

    public init(store: EventStore, ingestor: EventIngestor = EventIngestor(), readEverything: Bool = false) {
        self.store = store
        self.ingestor = ingestor
        self.readEverything = readEverything
    }

    public func run(
        _ sources: [InputSource], onFile: (InputSource, FileIngestStart) -> Void = { _, _ in },
        onRejected: (RejectedLine) -> Void = { _ in }
    ) throws -> IngestCounters {
        var counters = IngestCounters()
        for source in sources {
            try source.withDescriptor { fd in
                // Decoding here, inserting on a second thread; a file's state is saved only
                // once all its events are stored.
                var sink = BackgroundStoreSink(inserter: BackgroundInserter(store: store))
                var finished = false
                defer { if !finished { _ = try? sink.inserter.finish() } }  // on errors: stop the thread
                func finish() throws {
                    finished = true
                    let outcome = try sink.inserter.finish()
                    counters.eventsAccepted += outcome.inserted
                    counters.duplicates += outcome.duplicates
                    counters.conflictingDuplicates += outcome.conflictingDuplicates
                }
                guard case .file(let path) = source else {
                    try ingestor.ingest(fd: fd, name: source.displayName, into: &sink, counters: &counters, onRejected: onRejected)
                    return try finish()
                }
                let key = Self.canonicalPath(path)
                let (identity, size) = try FileProbe.identity(fd: fd)
                let start = try resumePoint(fd: fd, key: key, identity: identity, size: size)
                // Same size as last time: nothing appended (an unfinished last line included).
                if let start, start.size == size {
                    ingestor.progress?.advanced(bytes: Int(size), events: 0)
                    onFile(source, .unchanged)
                    return try finish()
                }
                onFile(source, start.map { .resumed(offset: $0.offset) } ?? .fromStart)
                let offset = start?.offset ?? 0
                ingestor.progress?.advanced(bytes: Int(offset), events: 0)
                guard lseek(fd, off_t(offset), SEEK_SET) == off_t(offset) else {
                    throw InputError.unreadable(path: path, reason: String(cString: strerror(errno)))
                }
                let extent = try ingestor.ingest(
                    fd: fd, name: source.displayName, linesBefore: start?.lines ?? 0,
                    into: &sink, counters: &counters, onRejected: onRejected)
                try finish()
                // Resume after the last complete line: an unfinished last line may still be
                // being written, so it is read again next time.
                let end = offset + Int64(extent.bytes)
                try store.saveFileState(FileState(
                    path: key, identity: identity, size: size, offset: end,
                    fingerprint: try FileProbe.fingerprint(fd: fd, length: end), lines: extent.lines))
            }
        }
        return counters
    }

    /// Where to resume `key`, when the remembered state still describes this file.
    private func resumePoint(fd: Int32, key: String, identity: String, size: Int64) throws -> FileState? {
        guard !readEverything, let state = try store.fileState(path: key),
              state.identity == identity, state.offset > 0, state.offset <= size,
              try FileProbe.fingerprint(fd: fd, length: state.offset) == state.fingerprint
        else { return nil }
        return state
    }

    /// The absolute path with symlinks resolved, so `./events.ndjson` and its full path are
    /// one file in the store's bookkeeping.
    static func canonicalPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
