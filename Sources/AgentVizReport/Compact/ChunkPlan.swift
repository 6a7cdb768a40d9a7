#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a file into byte ranges that start at line starts, so each can be decoded on its
/// own core. The last range is open-ended (a file that grows while read is read to its end).
public enum ChunkPlan {
    /// Aim for chunks of this size: small enough to spread over cores and keep memory
    /// flat, large enough that per-chunk work (string tables, merging) stays small.
    public static let targetBytes = 8 << 20

    /// `[start, end)` ranges from `offset` (a line start); `end == Int.max` for the last one.
    static func ranges(fd: Int32, from offset: Int = 0, size: Int, target: Int = targetBytes) throws -> [Range<Int>] {
        guard size - offset > target else { return [offset..<Int.max] }
        var starts = [offset]
        var nominal = offset + target
        while nominal < size {
            guard let next = try lineStart(fd: fd, atOrAfter: nominal, size: size) else { break }
            if next > starts.last! && next < size { starts.append(next) }
            nominal = max(nominal + target, next + 1)
        }
        return starts.indices.map { i in starts[i]..<(i + 1 < starts.count ? starts[i + 1] : Int.max) }
    }

    /// The offset just after the first newline at or after `offset - 1`: the start of the
    /// first line that begins at or after `offset`.
    private static func lineStart(fd: Int32, atOrAfter offset: Int, size: Int) throws -> Int? {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var position = offset - 1
        while position < size {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, off_t(position)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                if n < 0 { throw InputError.unreadable(path: "fd \(fd)", reason: String(cString: strerror(errno))) }
                return nil
            }
            if let i = buffer[0..<n].firstIndex(of: 10) { return position + i + 1 }
            position += n
        }
        return nil
    }
}
