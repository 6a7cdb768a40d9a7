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

    /// A failure while using the store at `path`, as a sentence that names the store and
    /// says what to do (SQLite's own words and code follow in parentheses).
    public static func store(_ error: Error, path: String) -> JobError {
        guard let db = error as? DatabaseError else { return .runtime(SafeText.escape("\(error)")) }
        let sqlite = "(SQLite error \(db.code): \(db.message))"
        if db.isDamage { return damagedStore(path: path, detail: sqlite) }
        return .runtime("cannot use the store \(path) \(sqlite); check that the file and its directory are "
            + "readable and writable and the disk is not full")
    }

    public static func damagedStore(path: String, detail: String) -> JobError {
        .runtime("the store \(path) is damaged or is not an agentviz-report store \(detail). "
            + "Check it with 'agentviz-report store check --db \(path)', then restore a backup, "
            + "or ingest the history again into a new store with --db NEW_PATH")
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
    /// `--fail-on` or `--fail-on-new SEVERITY` matched a finding.
    public static let gate: Int32 = 3
    public static let runtime: Int32 = 4
    /// `--push` or `push FILE` could not deliver the report (the local report was written first).
    public static let pushFailed: Int32 = 5
}
