import Foundation

/// `ingest`: stores what is valid and summarises what was read.
public struct IngestJob {
    public var sources: [InputSource]
    public var databasePath: String
    public var lineLimit = LineReader.defaultLimit
    /// Read every file from the start instead of resuming where the last ingest stopped.
    public var readEverything = false
    /// Lines per transaction (`--commit-lines`).
    public var linesPerCommit = 200_000

    /// Checks the paths and opens the store, before any line is read.
    public static func prepare(paths: [String], databasePath: String?) throws(JobError) -> IngestJob {
        let paths = paths.isEmpty ? [DefaultPaths.events] : paths
        let sources: [InputSource]
        do { sources = try InputSource.resolve(paths) } catch { throw .usage("\(error)") }
        return IngestJob(sources: sources, databasePath: databasePath ?? DefaultPaths.database)
    }

    public func run(
        progress: ReadProgress? = nil,
        onFile: (InputSource, FileIngestStart) -> Void = { _, _ in },
        onRejected: (RejectedLine) -> Void
    ) throws(JobError) -> IngestCounters {
        let store: EventStore
        do {
            store = try EventStore(path: databasePath)
            // Never append to a damaged store without noticing (a small one is checked
            // whole; a large one where this ingest writes).
            try store.checkBeforeWriting()
        } catch {
            throw .store(error, path: databasePath)
        }
        do {
            defer { progress?.finished() }
            var input = ParallelInput(lineLimit: lineLimit)
            input.progress = progress
            var ingest = ResumableIngest(store: store, input: input, readEverything: readEverything)
            ingest.linesPerCommit = linesPerCommit
            return try ingest.run(sources, onFile: onFile, onRejected: onRejected)
        } catch let error as DatabaseError {
            throw .store(error, path: databasePath)
        } catch {
            throw .runtime(SafeText.escape("\(error)"))
        }
    }
}

/// `validate`: the producers' contract check; every problem, then a summary.
public enum ValidateJob {
    public static func prepare(paths: [String]) throws(JobError) -> [InputSource] {
        guard !paths.isEmpty else { throw .usage("validate needs at least one PATH (a file, a directory, or - for stdin)") }
        do { return try InputSource.resolve(paths) } catch { throw .usage("\(error)") }
    }

    /// Chunks checked on every core by the one reader, keeping no events.
    public static func run(_ sources: [InputSource], onRejected: (RejectedLine) -> Void) throws(JobError) -> IngestCounters {
        do { return try ParallelInput().count(sources, onRejected: onRejected) } catch {
            throw .runtime("\(error)")
        }
    }
}

extension IngestCounters {
    /// One line: `1,234 lines read: 1,200 accepted, 4 duplicates (1 conflicting), 30 rejected (malformed-json: 30), 2 fields redacted`.
    public var summary: String {
        var text = "\(linesRead) lines read: \(eventsAccepted) accepted, \(duplicates) duplicates (\(conflictingDuplicates) conflicting), \(rejected) rejected"
        let reasons = RejectReason.allCases.compactMap { r in rejectedByReason[r].flatMap { $0 > 0 ? "\(r.rawValue): \($0)" : nil } }
        if !reasons.isEmpty { text += " (" + reasons.joined(separator: ", ") + ")" }
        return text + ", \(redactions) fields redacted"
    }
}
