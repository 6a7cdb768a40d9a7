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
    public var workers: Int
    /// Target chunk size (tests use tiny chunks to cut files everywhere).
    public var chunkBytes: Int

    public init(lineLimit: Int = LineReader.defaultLimit, workers: Int = ProcessInfoCores.count, chunkBytes: Int = ChunkPlan.targetBytes) {
        self.lineLimit = lineLimit
        self.workers = max(1, workers)
        self.chunkBytes = max(1, chunkBytes)
    }

    func read(_ sources: [InputSource], onRejected: (RejectedLine) -> Void) throws -> CompactHistory {
        var history = CompactHistory()
        for source in sources {
            try source.withDescriptor { fd in
                let size = try FileProbe.identity(fd: fd).size
                // stdin and pipes are read in one sequential chunk.
                let ranges = source == .standardInput || size == 0 ? [0..<Int.max] : try ChunkPlan.ranges(fd: fd, size: Int(size), target: chunkBytes)
                var linesBefore = 0
                var wave = 0
                while wave < ranges.count {
                    let batch = Array(ranges[wave..<min(ranges.count, wave + 2 * workers)])
                    let chunks = try decode(batch, source: source, fd: fd)
                    for chunk in chunks {
                        history.merge(chunk, linesBefore: linesBefore, onRejected: onRejected)
                        linesBefore += chunk.lines
                    }
                    wave += batch.count
                }
            }
        }
        return history
    }

    /// Decodes `ranges` of one source in parallel; results in range order.
    private func decode(_ ranges: [Range<Int>], source: InputSource, fd: Int32) throws -> [DecodedChunk] {
        let name = source.displayName
        let limit = lineLimit
        if ranges.count == 1 || source == .standardInput {
            // One chunk: read it on this thread, from the descriptor's current position.
            var decoder = ChunkDecoder(sourceName: name, lineLimit: limit)
            if source != .standardInput, lseek(fd, off_t(ranges[0].lowerBound), SEEK_SET) < 0 {
                throw InputError.unreadable(path: name, reason: String(cString: strerror(errno)))
            }
            try decoder.read(fd: fd, byteLimit: ranges[0].upperBound == Int.max ? .max : ranges[0].count)
            return [decoder.chunk]
        }
        guard case .file(let path) = source else { return [] }
        let results = ResultSlots(count: ranges.count)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { i in
            results.set(i, Result { () throws -> DecodedChunk in
                let fd = open(path, O_RDONLY)
                guard fd >= 0 else { throw InputError.unreadable(path: path, reason: String(cString: strerror(errno))) }
                defer { close(fd) }
                guard lseek(fd, off_t(ranges[i].lowerBound), SEEK_SET) >= 0 else {
                    throw InputError.unreadable(path: path, reason: String(cString: strerror(errno)))
                }
                var decoder = ChunkDecoder(sourceName: name, lineLimit: limit)
                let open = ranges[i].upperBound == Int.max
                try decoder.read(fd: fd, byteLimit: open ? .max : ranges[i].count)
                return decoder.chunk
            })
        }
        return try results.values.map { try $0!.get() }
    }
}

/// Per-index results written by concurrent workers (each index by exactly one worker).
private final class ResultSlots: @unchecked Sendable {
    private(set) var values: [Result<DecodedChunk, Error>?]
    private let lock = NSLockLite()
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Result<DecodedChunk, Error>) {
        lock.withLock { values[i] = value }
    }
}

/// A pthread mutex (Foundation-free).
private final class NSLockLite: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func withLock<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }
}

/// How many cores to use: the online processors.
public enum ProcessInfoCores {
    public static var count: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
