import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a report to `--output PATH` without replacing what is not a plain file:
///
/// - a regular file or a new path: written atomically (a temporary file in the same
///   directory, flushed, then renamed over it), so a reader never sees half a report;
/// - a symbolic link: its target is written the same way, and the link stays a link;
/// - a FIFO, a character device (`/dev/stdout`, `/dev/null`) or a socket: opened and
///   written to directly, never replaced;
/// - a directory: an error that says so.
public enum OutputFile {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case isDirectory(String)
        case noDirectory(String, directory: String)
        case cannotWrite(String, reason: String)

        public var description: String {
            switch self {
            case .isDirectory(let path): return SafeText.line("--output \(path) is a directory; give a file path inside it")
            case .noDirectory(let path, let directory):
                return SafeText.line("--output \(path): the directory \(directory) does not exist; create it first or give another path")
            case .cannotWrite(let path, let reason): return SafeText.line("cannot write \(path): \(reason)")
            }
        }
    }

    /// Fails early (before any work) for a path that cannot take a report.
    public static func check(_ path: String) throws(Failure) {
        var isDirectory: ObjCBool = false
        let target = resolvedTarget(path)
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw .isDirectory(path) }
            return
        }
        let directory = (target as NSString).deletingLastPathComponent
        var parentIsDirectory: ObjCBool = false
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory, isDirectory: &parentIsDirectory) || !parentIsDirectory.boolValue {
            throw .noDirectory(path, directory: directory)
        }
    }

    public static func write(_ text: String, to path: String) throws(Failure) {
        let target = resolvedTarget(path)
        var info = stat()
        guard lstat(target, &info) == 0 else {
            guard errno == ENOENT else { throw .cannotWrite(path, reason: String(cString: strerror(errno))) }
            return try replaceAtomically(target, with: text, shownAs: path)
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: throw .isDirectory(path)
        case S_IFREG: try replaceAtomically(target, with: text, shownAs: path)
        default: try stream(text, to: target, shownAs: path)  // FIFO, device, socket
        }
    }

    /// Follows symbolic links (each relative to its own directory) to the path to write.
    static func resolvedTarget(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {  // the kernel's own limit on link chains
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK,
                  let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current)
            else { return current }
            current = destination.hasPrefix("/")
                ? destination
                : (current as NSString).deletingLastPathComponent.appending("/" + destination)
        }
        return current
    }

    private static func replaceAtomically(_ target: String, with text: String, shownAs path: String) throws(Failure) {
        let directory = (target as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.agentviz-report-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path, reason: String(cString: strerror(errno))) }
        do {
            try writeAll(text, fd: fd, shownAs: path)
            guard fsync(fd) == 0 else { throw Failure.cannotWrite(path, reason: String(cString: strerror(errno))) }
            close(fd)
            guard rename(temporary, target) == 0 else { throw Failure.cannotWrite(path, reason: String(cString: strerror(errno))) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error as! Failure
        }
    }

    /// Appends to a file, created when absent: `$GITHUB_STEP_SUMMARY` collects the summaries
    /// of a step's commands, so it is added to, never replaced.
    public static func append(_ text: String, to path: String) throws(Failure) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        try writeAll(text, fd: fd, shownAs: path)
    }

    private static func stream(_ text: String, to target: String, shownAs path: String) throws(Failure) {
        let fd = open(target, O_WRONLY | O_APPEND)
        guard fd >= 0 else { throw .cannotWrite(path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        try writeAll(text, fd: fd, shownAs: path)
    }

    private static func writeAll(_ text: String, fd: Int32, shownAs path: String) throws(Failure) {
        var text = text
        let failure: Failure? = text.withUTF8 { bytes in
            var done = 0
            while done < bytes.count {
                let n = systemWrite(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return .cannotWrite(path, reason: String(cString: strerror(errno))) }
                done += n
            }
            return nil
        }
        if let failure { throw failure }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
