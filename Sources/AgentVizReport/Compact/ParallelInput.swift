import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The fast `--input` path: files are cut into chunks at line starts, chunks are decoded
/// on every core into compact events, and merged in input order (so the first line per
/// eventId wins, and line numbers are those of the file). Gives the same figures as the
/// plain path (`MemoryEventSink` + `Event`), which the tests check figure by figure.
public struct ParallelInput {
    public var lineLimit: Int
    /// Sizes the read-ahead (`2 * workers + 1` chunks decoding or waiting to be merged);
    /// how many decode at once is up to the system's thread pool (about one per core).
    public var workers: Int
    /// Target chunk size (tests use tiny chunks to cut files everywhere).
    public var chunkBytes: Int
    public var progress: ReadProgress?

    public init(lineLimit: Int = LineReader.defaultLimit, workers: Int = ProcessInfoCores.count, chunkBytes: Int = ChunkPlan.targetBytes) {
        self.lineLimit = lineLimit
        self.workers = max(1, workers)
        self.chunkBytes = max(1, chunkBytes)
    }

    /// Reads and checks every line like `read`, keeping only the counters: `validate`.
    public func count(_ sources: [InputSource], onRejected: (RejectedLine) -> Void) throws -> IngestCounters {
        try read(sources, keepingEvents: false, onRejected: onRejected).counters
    }

    func read(_ sources: [InputSource], keepingEvents: Bool = true, onRejected: (RejectedLine) -> Void) throws -> CompactHistory {
        var history = CompactHistory()
        history.keepsEvents = keepingEvents
        for source in sources {
            try source.withDescriptor { fd in
                let size = Int(try FileProbe.identity(fd: fd).size)
                guard case .file(let path) = source, size > 0 else {
                    // stdin and pipes: one sequential chunk on this thread.
                    var decoder = ChunkDecoder(sourceName: source.displayName, lineLimit: lineLimit)
                    try decoder.read(fd: fd, byteLimit: .max)
                    history.merge(decoder.chunk, linesBefore: 0, onRejected: onRejected)
                    progress?.advanced(bytes: 0, events: decoder.chunk.events.count)
                    return
                }
                let ranges = try ChunkPlan.ranges(fd: fd, size: size, target: chunkBytes)
                try pipeline(path: path, name: source.displayName, ranges: ranges, size: size, into: &history, onRejected: onRejected)
            }
        }
        return history
    }

    /// Workers decode chunks ahead (at most `2 * workers + 1` decoded or in progress) while
    /// this thread merges them in order, so merging overlaps decoding.
    private func pipeline(
        path: String, name: String, ranges: [Range<Int>], size: Int,
        into history: inout CompactHistory, onRejected: (RejectedLine) -> Void
    ) throws {
        let slots = ChunkSlots(count: ranges.count)
        let limit = lineLimit
        let ahead = 2 * workers + 1
        var dispatched = 0
        var linesBefore = 0
        for i in ranges.indices {
            while dispatched < ranges.count && dispatched <= i + ahead {
                let n = dispatched
                DispatchQueue.global().async {
                    slots.put(n, Result { try Self.decode(path: path, name: name, range: ranges[n], lineLimit: limit) })
                }
                dispatched += 1
            }
            let chunk = try slots.take(i).get()
            if i == 0, history.keepsEvents, !chunk.events.isEmpty, ranges.count > 1 {
                // Size the history once from the first chunk's density: no doubling copies.
                let expected = size / max(1, ranges[0].count / chunk.events.count) * 21 / 20
                history.reserve(events: expected, idBytes: expected * (chunk.strings.idArena.count / chunk.events.count + 1))
            }
            history.merge(chunk, linesBefore: linesBefore, onRejected: onRejected)
            linesBefore += chunk.lines
            progress?.advanced(bytes: min(ranges[i].upperBound, size) - ranges[i].lowerBound, events: chunk.events.count)
        }
    }

    private static func decode(path: String, name: String, range: Range<Int>, lineLimit: Int) throws -> DecodedChunk {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        guard lseek(fd, off_t(range.lowerBound), SEEK_SET) >= 0 else {
            throw InputError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        var decoder = ChunkDecoder(sourceName: name, lineLimit: lineLimit)
        try decoder.read(fd: fd, byteLimit: range.upperBound == Int.max ? .max : range.count)
        return decoder.chunk
    }
}

/// Decoded chunks handed from workers to the merging thread, each slot written once and
/// taken once; `take` waits for its slot.
private final class ChunkSlots: @unchecked Sendable {
    private var values: [Result<DecodedChunk, Error>?]
    private var mutex = pthread_mutex_t()
    private var filled = pthread_cond_t()

    init(count: Int) {
        values = Array(repeating: nil, count: count)
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&filled, nil)
    }

    deinit {
        pthread_cond_destroy(&filled)
        pthread_mutex_destroy(&mutex)
    }

    func put(_ i: Int, _ value: Result<DecodedChunk, Error>) {
        pthread_mutex_lock(&mutex)
        values[i] = value
        pthread_cond_broadcast(&filled)
        pthread_mutex_unlock(&mutex)
    }

    func take(_ i: Int) -> Result<DecodedChunk, Error> {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while values[i] == nil { pthread_cond_wait(&filled, &mutex) }
        let value = values[i]!
        values[i] = nil
        return value
    }
}

/// How many cores to use: the online processors.
public enum ProcessInfoCores {
    public static var count: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
