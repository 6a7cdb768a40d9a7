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

/// `ingest`: the parallel reader's chunks into the store, in transactions that hold the
/// events, the counters they add and the file position they reach, so a crash at any point
/// leaves a store that the next ingest continues exactly (same events, same counters as one
/// clean run).
///
/// Per file the store remembers identity, size, offset, line count and a prefix fingerprint,
/// so the next run reads only what was appended; anything it cannot prove unchanged is read
/// again from the start (the eventId dedupe makes that safe: repeated events count as
/// duplicates, nothing is stored twice).
public struct ResumableIngest {
    public let store: EventStore
    public var input: ParallelInput
    /// Ignore remembered positions and read every file from the start.
    public var readEverything: Bool
    /// Lines per transaction: larger is faster, smaller loses less work to a crash.
    public var linesPerCommit = 200_000

    public init(store: EventStore, input: ParallelInput = ParallelInput(), readEverything: Bool = false) {
        self.store = store
        self.input = input
        self.readEverything = readEverything
    }

    public func run(
        _ sources: [InputSource], onFile: (InputSource, FileIngestStart) -> Void = { _, _ in },
        onRejected: (RejectedLine) -> Void = { _ in }
    ) throws -> IngestCounters {
        try store.ensureIdIndex()  // a bulk load killed before its end left it out
        var run = Run(store: store, writer: try StoreWriter(db: store.db), linesPerCommit: max(1, linesPerCommit))
        run.lastRow = try store.lastEventRow()
        run.probe = run.lastRow > 0
        run.bulk = !run.probe
        for source in sources {
            guard case .file(let path) = source else {
                try input.chunks(of: source) { chunk, origin in
                    try run.store(chunk, file: nil, correction: IngestCounters())
                    chunk.rejections.forEach(source: source.displayName, linesBefore: origin.linesBefore, onRejected)
                }
                try run.commit()
                continue
            }
            try Self.withOpened(path) { file in
                if path.hasSuffix(".gz") {
                    try ingestCompressed(file, source: source, run: &run, onFile: onFile, onRejected: onRejected)
                } else {
                    try ingest(file, source: source, run: &run, onFile: onFile, onRejected: onRejected)
                }
            }
            try run.commit()
        }
        try store.ensureIdIndex()
        try store.recountRegressions()
        return run.total
    }

    /// An input file opened for ingest: its bookkeeping key (the canonical path), identity and size.
    private struct OpenedFile {
        let fd: Int32
        let key: String
        let identity: String
        let size: Int64
    }

    private static func withOpened(_ path: String, _ body: (OpenedFile) throws -> Void) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let (identity, size) = try FileProbe.identity(fd: fd)
        try body(OpenedFile(fd: fd, key: canonicalPath(path), identity: identity, size: size))
    }

    private func ingest(
        _ file: OpenedFile, source: InputSource, run: inout Run,
        onFile: (InputSource, FileIngestStart) -> Void, onRejected: (RejectedLine) -> Void
    ) throws {
        let (fd, key, identity, size) = (file.fd, file.key, file.identity, file.size)
        var resume = try resumePoint(fd: fd, key: key, identity: identity, size: size)
        if let state = resume, state.size == size {
            // Same size as last time: nothing appended (an unfinished last line included).
            input.progress?.advanced(bytes: Int(size), events: 0)
            return onFile(source, .unchanged)
        }
        // A counted unterminated last line: an accepted one stays (the reader goes on after
        // it and its newline); a rejected one is read again, its count taken back first.
        var correction = IngestCounters()
        if var state = resume, let tail = state.tail {
            if tail.outcome == "accepted" {
                state.offset += tail.bytes + (try Self.byte(fd: fd, at: state.offset + tail.bytes) == 10 ? 1 : 0)
                state.lines += 1
            } else if let reason = RejectReason(rawValue: tail.outcome) {
                correction.linesRead = -1
                correction.rejectedByReason[reason] = -1
            }
            state.tail = nil
            resume = state
        }
        onFile(source, resume.map { .resumed(offset: $0.offset) } ?? .fromStart)
        try input.chunks(of: source, from: Int(resume?.offset ?? 0), linesBefore: resume?.lines ?? 0) { chunk, origin in
            let end = Int64(origin.offset + chunk.complete.bytes)
            // `size`: the bytes consumed so far, so a run stopped after this chunk (a crash)
            // finds the file longer than recorded and goes on from `offset`.
            let tail = chunk.countedTail
            let state = FileState(
                path: key, identity: identity, size: end + (tail?.bytes ?? 0), offset: end,
                fingerprint: try FileProbe.fingerprint(fd: fd, length: end),
                lines: origin.linesBefore + chunk.complete.lines, tail: tail)
            try run.store(chunk, file: state, correction: correction)
            correction = IngestCounters()
            chunk.rejections.forEach(source: source.displayName, linesBefore: origin.linesBefore, onRejected)
        }
    }

    /// A `.gz` file (a rotated history, written once): skipped when it is the very file read
    /// before, else read whole. Compressed bytes have no line starts to resume from.
    private func ingestCompressed(
        _ file: OpenedFile, source: InputSource, run: inout Run,
        onFile: (InputSource, FileIngestStart) -> Void, onRejected: (RejectedLine) -> Void
    ) throws {
        let (fd, key, identity, size) = (file.fd, file.key, file.identity, file.size)
        let fingerprint = try FileProbe.fingerprint(fd: fd, length: size)
        if !readEverything, let state = try store.fileState(path: key), state.identity == identity,
           state.size == size, state.offset == size, state.fingerprint == fingerprint {
            input.progress?.advanced(bytes: Int(size), events: 0)
            return onFile(source, .unchanged)
        }
        onFile(source, .fromStart)
        try input.chunks(of: source) { chunk, origin in
            let state = FileState(path: key, identity: identity, size: size, offset: size,
                                  fingerprint: fingerprint, lines: origin.linesBefore + chunk.lines)
            try run.store(chunk, file: state, correction: IngestCounters())
            chunk.rejections.forEach(source: source.displayName, linesBefore: origin.linesBefore, onRejected)
        }
    }

    /// Where to resume `key`, when the remembered state still describes this file.
    private func resumePoint(fd: Int32, key: String, identity: String, size: Int64) throws -> FileState? {
        guard !readEverything, let state = try store.fileState(path: key),
              state.identity == identity, state.offset + (state.tail?.bytes ?? 0) <= size,
              state.offset > 0 || state.tail != nil,
              try FileProbe.fingerprint(fd: fd, length: state.offset) == state.fingerprint
        else { return nil }
        return state
    }

    private static func byte(fd: Int32, at offset: Int64) throws -> UInt8? {
        var b: UInt8 = 0
        let n = pread(fd, &b, 1, off_t(offset))
        return n == 1 ? b : nil
    }

    /// The absolute path with symlinks resolved, so `./events.ndjson` and its full path are
    /// one file in the store's bookkeeping.
    static func canonicalPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// One ingest run's state across files: the dedupe of this run, the writer's caches, and
/// whether ids must be looked up in the store (it held events, or another process wrote).
/// Chunks are written in transactions of at least `linesPerCommit` lines (whole chunks); each commit carries
/// the counters of its chunks and the file position after the last of them.
private struct Run {
    let store: EventStore
    let writer: StoreWriter
    var dedupe = Deduplicator()
    var lastRow: Int64 = 0
    var probe = false
    /// Loading into an empty store: the eventId index is built once at the end.
    var bulk = false
    var total = IngestCounters()
    private var open = false
    private var pending = IngestCounters()
    private var pendingFile: FileState?

    let linesPerCommit: Int

    init(store: EventStore, writer: StoreWriter, linesPerCommit: Int) {
        self.store = store
        self.writer = writer
        self.linesPerCommit = linesPerCommit
    }

    /// Writes the chunk's new events in the open transaction (beginning one if needed), and
    /// commits once enough lines are pending.
    mutating func store(_ chunk: DecodedChunk, file: FileState?, correction: IngestCounters) throws {
        do {
            if !open {
                try store.beginWrite()
                open = true
                if try store.lastEventRow() != lastRow {
                    probe = true  // another writer stored events: ask the store, with its index
                    writer.forgetRunningCounts()
                    if bulk { try store.buildIdIndex() }
                    bulk = false
                } else if bulk {
                    try store.dropIdIndexForBulkLoad()
                }
            }
            var counters = try writer.write(chunk, dedupe: &dedupe, probe: probe)
            counters += correction
            pending += counters
            if let file { pendingFile = file }
            if pending.linesRead >= linesPerCommit { try commit() }
        } catch {
            rollBack()
            throw error
        }
    }

    /// Commits what is pending: events, session spans, counters and file position together.
    mutating func commit() throws {
        guard open else { return }
        do {
            try writer.flushSessions()
            try store.addIngestCounters(pending)
            if let pendingFile { try store.saveFileState(pendingFile) }
            try store.commitWrite()
        } catch {
            rollBack()
            throw error
        }
        open = false
        lastRow = try store.lastEventRow()
        total += pending
        pending = IngestCounters()
        pendingFile = nil
    }

    private mutating func rollBack() {
        if open { store.rollBackWrite() }
        open = false
    }
}
