/// How far an input file has been read, so a re-ingest can resume instead of starting over.
public struct FileState: Equatable, Sendable {
    /// An unterminated last line that was read and counted: if the file grows, the line is
    /// read again, so what it counted is taken back first (`outcome`: `accepted`, or the
    /// reason it was rejected).
    public struct Tail: Equatable, Sendable {
        public var bytes: Int64
        public var outcome: String
    }

    public var path: String
    /// Which file this was, e.g. `"<device>:<inode>"`: a different identity means the path
    /// now names another file (rotated or replaced).
    public var identity: String
    /// The file's size when last read.
    public var size: Int64
    /// Bytes read so far (up to the end of the last complete line).
    public var offset: Int64
    /// A 64-bit hash (`FileProbe.fingerprint`) of the bytes `0..<offset`, to notice a rewritten file.
    public var fingerprint: UInt64
    /// Lines up to `offset`, so line numbers in messages stay those of the whole file.
    public var lines: Int
    public var tail: Tail?

    public init(path: String, identity: String, size: Int64, offset: Int64, fingerprint: UInt64, lines: Int = 0, tail: Tail? = nil) {
        self.path = path
        self.identity = identity
        self.size = size
        self.offset = offset
        self.fingerprint = fingerprint
        self.lines = lines
        self.tail = tail
    }
}
