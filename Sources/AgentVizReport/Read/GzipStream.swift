import CZlib
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `.gz` file read as the lines it holds: a thread inflates it (gzip, concatenated
/// members as `cat a.gz b.gz` makes them) into a pipe, and the reader reads the pipe like
/// standard input. A damaged file is an error naming it once the reading is done.
final class GzipStream: @unchecked Sendable {
    let path: String
    private let done = DispatchSemaphore(value: 0)
    private let outcome = Outcome()
    /// The read end of the pipe.
    let fd: Int32

    private final class Outcome: @unchecked Sendable {
        var failure: InputError?  // written by the thread before `done` is signalled
    }

    init(path: String) throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw InputError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        let input = open(path, O_RDONLY)
        guard input >= 0 else {
            close(ends[0]); close(ends[1])
            throw InputError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        self.path = path
        self.fd = ends[0]
        let output = ends[1]
        let done = self.done, outcome = self.outcome
        Thread {
            outcome.failure = GzipStream.inflate(from: input, to: output, path: path)
            close(input)
            close(output)
            done.signal()
        }.start()
    }

    /// Waits for the inflating thread (after the reader saw the end of the pipe, or gave
    /// up) and throws what went wrong.
    func finish() throws {
        close(fd)  // a reader that stopped early unblocks the writer
        done.wait()
        if let failure = outcome.failure { throw failure }
    }

    private static func inflate(from input: Int32, to output: Int32, path: String) -> InputError? {
        var stream = z_stream()
        // 15 + 32: a zlib or gzip header, detected.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return .unreadable(path: path, reason: "cannot start gzip decompression")
        }
        defer { inflateEnd(&stream) }
        let inSize = 256 << 10, outSize = 1 << 20
        let inBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: inSize)
        let outBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: outSize)
        defer { inBuffer.deallocate(); outBuffer.deallocate() }
        var sawData = false
        var atMemberEnd = false
        while true {
            let n = read(input, inBuffer, inSize)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return .unreadable(path: path, reason: String(cString: strerror(errno))) }
            if n == 0 {
                return !sawData || atMemberEnd ? nil : .unreadable(path: path, reason: "not a complete gzip file (it ends inside compressed data)")
            }
            sawData = true
            stream.next_in = inBuffer
            stream.avail_in = UInt32(n)
            while stream.avail_in > 0 {
                if atMemberEnd {
                    inflateReset(&stream)  // the next member of a concatenated file
                    atMemberEnd = false
                }
                stream.next_out = outBuffer
                stream.avail_out = UInt32(outSize)
                let rc = CZlib.inflate(&stream, Z_NO_FLUSH)
                guard rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR else {
                    return .unreadable(path: path, reason: "not a valid gzip file (zlib error \(rc))")
                }
                let produced = outSize - Int(stream.avail_out)
                var written = 0
                while written < produced {
                    let w = write(output, outBuffer + written, produced - written)
                    if w < 0 && errno == EINTR { continue }
                    if w <= 0 { return nil }  // the reader stopped: nothing more to do
                    written += w
                }
                if rc == Z_STREAM_END { atMemberEnd = true }
                if rc == Z_BUF_ERROR && produced == 0 { break }
            }
        }
    }
}
