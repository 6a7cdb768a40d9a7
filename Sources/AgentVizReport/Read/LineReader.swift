#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the reader hands over for one physical line.
public enum LineContent {
    /// The line's bytes without the newline and without a trailing `\r`. Valid only
    /// during the callback.
    case bytes(UnsafeRawBufferPointer)
    /// The line was longer than the limit; its bytes were skipped, never buffered.
    case tooLong(length: Int)
}

/// The newline-terminated part of what a reader read: `lines` lines (counting any before
/// the start) in `bytes` bytes from where it started.
public struct LineExtent: Equatable, Sendable {
    public var lines: Int
    public var bytes: Int
}

/// Streams the lines of a file descriptor in fixed-size chunks.
///
/// It never holds more than one buffer (limit + chunk) in memory, whatever the file size:
/// an over-long line is skipped to the next newline while counting its length. Line
/// numbers are 1-based physical lines, blank ones included, so `file:line` matches an editor.
public struct LineReader {
    public static let defaultLimit = 1 << 20

    public let limit: Int
    let chunkSize: Int

    public init(limit: Int = LineReader.defaultLimit, chunkSize: Int = 1 << 20) {
        precondition(limit > 0 && chunkSize > 0)
        self.limit = limit
        self.chunkSize = chunkSize
    }

    /// Calls `body(lineNumber, content)` for every line of `fd` from its current position,
    /// including the last one when it has no final newline. Line numbers continue from
    /// `linesBefore` (the lines before that position, when resuming a file).
    ///
    /// Reads at most `byteLimit` bytes (a chunk of a file that ends after a newline).
    /// Returns how far the newline-terminated lines reach: a later run can resume there.
    @discardableResult
    public func forEachLine(
        fd: Int32, linesBefore: Int = 0, byteLimit: Int = .max, _ body: (Int, LineContent) throws -> Void
    ) throws -> LineExtent {
        let capacity = limit + 1 + chunkSize
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        let base = buffer.baseAddress!
        var filled = 0          // bytes [0, filled) hold the unfinished line
        var lineNumber = linesBefore
        var skipping = false    // inside an over-long line
        var skippedLength = 0
        var origin = 0          // bytes read before base[0]
        var complete = LineExtent(lines: linesBefore, bytes: 0)
        var budget = byteLimit

        while true {
            let n = try readSome(fd: fd, into: base + filled, count: min(capacity - filled, budget))
            if n == 0 { break }
            budget -= n
            let end = filled + n
            var lineStart = 0
            var scanFrom = filled
            while let nl = findNewline(base, from: scanFrom, to: end) {
                lineNumber += 1
                complete = LineExtent(lines: lineNumber, bytes: origin + nl + 1)
                if skipping {
                    skippedLength += nl - lineStart
                    try body(lineNumber, .tooLong(length: skippedLength))
                    skipping = false
                } else if nl - lineStart > limit + (base.load(fromByteOffset: max(nl - 1, 0), as: UInt8.self) == 13 ? 1 : 0) {
                    try body(lineNumber, .tooLong(length: nl - lineStart))
                } else {
                    try body(lineNumber, .bytes(lineBytes(base, lineStart, nl)))
                }
                lineStart = nl + 1
                scanFrom = lineStart
            }
            // Keep the unfinished tail; once it exceeds the limit, stop buffering it.
            let tail = end - lineStart
            if skipping || tail > limit + 1 {
                if !skipping { skipping = true; skippedLength = 0 }
                skippedLength += tail
                filled = 0
                origin += end
            } else {
                if lineStart > 0 && tail > 0 { memmove(base, base + lineStart, tail) }
                filled = tail
                origin += lineStart
            }
        }
        if skipping {
            try body(lineNumber + 1, .tooLong(length: skippedLength))
        } else if filled > 0 {
            if filled > limit + (base.load(fromByteOffset: filled - 1, as: UInt8.self) == 13 ? 1 : 0) {
                try body(lineNumber + 1, .tooLong(length: filled))
            } else {
                try body(lineNumber + 1, .bytes(lineBytes(base, 0, filled)))
            }
        }
        return complete
    }

    private func lineBytes(_ base: UnsafeMutableRawPointer, _ start: Int, _ end: Int) -> UnsafeRawBufferPointer {
        var stop = end
        if stop > start && base.load(fromByteOffset: stop - 1, as: UInt8.self) == 13 { stop -= 1 }
        return UnsafeRawBufferPointer(start: base + start, count: stop - start)
    }

    private func findNewline(_ base: UnsafeMutableRawPointer, from: Int, to: Int) -> Int? {
        guard from < to, let hit = memchr(base + from, 10, to - from) else { return nil }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
    }

    private func readSome(fd: Int32, into p: UnsafeMutableRawPointer, count: Int) throws -> Int {
        while true {
            let n = read(fd, p, count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw InputError.unreadable(path: "fd \(fd)", reason: String(cString: strerror(errno)))
        }
    }
}
