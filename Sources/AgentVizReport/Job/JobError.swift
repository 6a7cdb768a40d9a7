/// Errors of a command as a whole, each mapped to a documented exit code.
public enum JobError: Error, Equatable, CustomStringConvertible {
    /// A bad flag, value, path or rule file: reported before any work starts (exit 2).
    case usage(String)
    /// Something failed while working (I/O, database) (exit 4).
    case runtime(String)

    public var description: String {
        switch self {
        case .usage(let m), .runtime(let m): return m
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .usage: return ExitStatus.usage
        case .runtime: return ExitStatus.runtime
        }
    }
}

/// Every exit code the tool uses (README lists them).
public enum ExitStatus {
    public static let success: Int32 = 0
    /// Data problems: `validate` found invalid lines, `ingest --strict` rejected some, `rules check` found errors.
    public static let problems: Int32 = 1
    public static let usage: Int32 = 2
    /// `--fail-on SEVERITY` matched a finding.
    public static let gate: Int32 = 3
    public static let runtime: Int32 = 4
}
