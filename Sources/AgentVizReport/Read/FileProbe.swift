#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a file is (device and inode), how big it is, and a fingerprint of a prefix: what
/// incremental ingest compares to decide whether a file it has read before grew, stayed the
/// same, or was replaced.
public enum FileProbe {
    /// Files up to this size are fingerprinted whole.
    static let wholeLimit = 256 << 10
    static let edgeBlock = 64 << 10
    static let sampleBlock = 4 << 10
    static let sampleCount = 32

    /// `"<device>:<inode>"` and the size, from `fstat`.
    public static func identity(fd: Int32) throws -> (identity: String, size: Int64) {
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw InputError.unreadable(path: "fd \(fd)", reason: String(cString: strerror(errno)))
        }
        return ("\(info.st_dev):\(info.st_ino)", Int64(info.st_size))
    }

    /// A fingerprint of bytes `0..<length`: all of them for a small prefix; for a large one
    /// the first and last 64 KiB and 32 evenly spaced 4 KiB blocks, plus the length. Sampling
    /// keeps a re-ingest of a 500 MB file in milliseconds; a producer rewriting its history
    /// changes the first block (new event ids), and truncation changes the length. The cost:
    /// an in-place edit confined to unsampled bytes goes unnoticed.
    public static func fingerprint(fd: Int32, length: Int64) throws -> UInt64 {
        var hash = FNV1a64()
        hash.add(UInt64(bitPattern: length))
        if length <= Int64(wholeLimit) {
            try add(fd: fd, from: 0, count: Int(length), to: &hash)
            return hash.value
        }
        try add(fd: fd, from: 0, count: edgeBlock, to: &hash)
        let middle = length - Int64(2 * edgeBlock)
        for i in 0..<Int64(sampleCount) {
            try add(fd: fd, from: Int64(edgeBlock) + middle * i / Int64(sampleCount), count: sampleBlock, to: &hash)
        }
        try add(fd: fd, from: length - Int64(edgeBlock), count: edgeBlock, to: &hash)
        return hash.value
    }

    private static func add(fd: Int32, from offset: Int64, count: Int, to hash: inout FNV1a64) throws {
        guard count > 0 else { return }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 16)
        defer { buffer.deallocate() }
        var done = 0
        while done < count {
            let n = pread(fd, buffer.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw InputError.unreadable(path: "fd \(fd)", reason: n == 0 ? "file shrank while reading" : String(cString: strerror(errno)))
            }
            done += n
        }
        hash.add(UnsafeRawBufferPointer(buffer))
    }
}
