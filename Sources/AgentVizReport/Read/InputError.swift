/// Problems with the inputs themselves (not with a line): reported before any work starts.
public enum InputError: Error, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case unreadable(path: String, reason: String)
    case emptyDirectory(path: String)

    public var description: String { SafeText.line(text) }

    private var text: String {
        switch self {
        case .notFound(let path):
            return "\(path): no such file or directory (give an NDJSON file, a directory of *.ndjson or *.jsonl files, or - for stdin)"
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .emptyDirectory(let path):
            return "\(path): directory holds no *.ndjson or *.jsonl files"
        }
    }
}
