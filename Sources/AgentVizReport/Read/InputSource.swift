import Foundation

/// One input to read: a file, or standard input (`-`).
public enum InputSource: Equatable, Sendable {
    case file(String)
    case standardInput

    /// The name used in `PATH:LINE` messages.
    public var displayName: String {
        switch self {
        case .file(let path): return path
        case .standardInput: return "-"
        }
    }

    /// Expands command-line paths: a directory gives its `*.ndjson` and `*.jsonl` files (and
    /// their `.gz`, read through `GzipStream`) in byte order of
    /// name; `-` is stdin. Every path is checked here, before any line is read.
    public static func resolve(_ paths: [String]) throws -> [InputSource] {
        var sources: [InputSource] = []
        for path in paths {
            if path == "-" { sources.append(.standardInput); continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputError.notFound(path: path)
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                let files = names.filter { name in [".ndjson", ".jsonl", ".ndjson.gz", ".jsonl.gz"].contains { name.hasSuffix($0) } }
                    .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                if files.isEmpty { throw InputError.emptyDirectory(path: path) }
                let dir = path.hasSuffix("/") ? path : path + "/"
                sources += files.map { .file(dir + $0) }
            } else {
                guard FileManager.default.isReadableFile(atPath: path) else {
                    throw InputError.unreadable(path: path, reason: "permission denied")
                }
                sources.append(.file(path))
            }
        }
        return sources
    }

    /// Opens the source for reading and passes its descriptor to `body`.
    public func withDescriptor<T>(_ body: (Int32) throws -> T) throws -> T {
        switch self {
        case .standardInput:
            return try body(0)
        case .file(let path) where path.hasSuffix(".gz"):
            let stream = try GzipStream(path: path)
            let result: T
            do { result = try body(stream.fd) } catch {
                try? stream.finish()
                throw error
            }
            try stream.finish()  // a damaged file is reported once its lines were read
            return result
        case .file(let path):
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                throw InputError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            defer { close(fd) }
            return try body(fd)
        }
    }
}
