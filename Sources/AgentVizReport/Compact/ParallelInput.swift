import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads input on every core: a file is cut into chunks at line starts, chunks are decoded
/// in parallel (`ChunkDecoder`), and handed to the caller in file order, so the first line
/// per eventId wins and line numbers are those of the file. `validate`, `--input` and
/// `ingest` all read through here.
public struct ParallelInput {
    public var lineLimit: Int
    /// Sizes the read-ahead (`2 * workers + 1` chunks decoding or waiting to be consumed);
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

    /// Reads and checks every line, keeping only the counters: `validate`. Rejected lines
    /// stream to `onRejected` chunk by chunk; nothing is kept per line.
    public func count(_ sources: [InputSource], onRejected: (RejectedLine) -> Void) throws -> IngestCounters {
        var dedupe = Deduplicator()
        var counters = IngestCounters()
        for source in sources {
            try chunks(of: source) { chunk, origin in
                counters += chunk.counters
                for n in chunk.events.indices {
                    let id = Int(chunk.events[n].id)
                    let verdict = chunk.strings.withIdBytes(id) {
                        dedupe.admit($0, hash: chunk.strings.idHashes[id], fingerprint: chunk.fingerprints[n])
                    }
                    switch verdict {
                    case .new: counters.eventsAccepted += 1
                    case .duplicate(let conflicting):
                        counters.duplicates += 1
                        if conflicting { counters.conflictingDuplicates += 1 }
                    }
                }
                chunk.rejections.forEach(source: source.displayName, linesBefore: origin.linesBefore, onRejected)
            }
        }
        return counters
    }

    /// Every accepted event of `sources`, first per eventId, compact: the `--input` path.
    func read(_ sources: [InputSource], onRejected: (RejectedLine) -> Void) throws -> CompactHistory {
        var history = CompactHistory()
        for source in sources {
            try chunks(of: source) { chunk, origin in
                history.merge(chunk)
                chunk.rejections.forEach(source: source.displayName, linesBefore: origin.linesBefore, onRejected)
            }
        }
        return history
    }

    /// Where a chunk starts in its file: byte offset and the lines before it.
    struct ChunkOrigin {
        var offset: Int
        var linesBefore: Int
    }

    /// Decodes `source` from byte `offset` (a line start) and passes each chunk, in order, with
    /// where it starts (`linesBefore` counts the lines before `offset`).
    func chunks(
        of source: InputSource, from offset: Int = 0, linesBefore: Int = 0,
        _ consume: (DecodedChunk, ChunkOrigin) throws -> Void
    ) throws {
        try source.withDescriptor { fd in
            let size = Int(try FileProbe.identity(fd: fd).size)
            guard case .file(let path) = source, size > 0 else {
                // stdin and pipes: one sequential chunk on this thread.
                var decoder = ChunkDecoder(lineLimit: lineLimit)
                decoder.atFileStart = offset == 0
                try decoder.read(fd: fd, byteLimit: .max)
                progress?.advanced(bytes: 0, events: decoder.chunk.events.count)
                return try consume(decoder.chunk, ChunkOrigin(offset: 0, linesBefore: linesBefore))
            }
            progress?.advanced(bytes: offset, events: 0)
            let ranges = try ChunkPlan.ranges(fd: fd, from: offset, size: size, target: chunkBytes)
            try pipeline(path: path, ranges: ranges, size: size, linesBefore: linesBefore, consume)
        }
    }

    /// Workers decode chunks ahead (at most `2 * workers + 1` decoded or in progress) while
    /// this thread consumes them in order, so consuming overlaps decoding.
    private func pipeline(
        path: String, ranges: [Range<Int>], size: Int, linesBefore: Int,
        _ consume: (DecodedChunk, ChunkOrigin) throws -> Void
    ) throws {
        let slots = OrderedSlots<Result<DecodedChunk, Error>>(count: ranges.count)
        let limit = lineLimit
        let ahead = 2 * workers + 1
        var dispatched = 0
        var lines = linesBefore
        for i in ranges.indices {
            while dispatched < ranges.count && dispatched <= i + ahead {
                let n = dispatched
                DispatchQueue.global().async {
                    slots.put(n, Result { try Self.decode(path: path, range: ranges[n], lineLimit: limit) })
                }
                dispatched += 1
            }
            let chunk = try slots.take(i).get()
            try consume(chunk, ChunkOrigin(offset: ranges[i].lowerBound, linesBefore: lines))
            lines += chunk.lines
            progress?.advanced(bytes: min(ranges[i].upperBound, size) - ranges[i].lowerBound, events: chunk.events.count)
        }
    }

    private static func decode(path: String, range: Range<Int>, lineLimit: Int) throws -> DecodedChunk {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        guard lseek(fd, off_t(range.lowerBound), SEEK_SET) >= 0 else {
            throw InputError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        var decoder = ChunkDecoder(lineLimit: lineLimit)
        decoder.atFileStart = range.lowerBound == 0
        try decoder.read(fd: fd, byteLimit: range.upperBound == Int.max ? .max : range.count)
        return decoder.chunk
    }
}

/// How many cores to use: the online processors.
public enum ProcessInfoCores {
    public static var count: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
