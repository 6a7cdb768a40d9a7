extension PreparedReportJob {
    /// Reads the job's history (input files or the store) into its request's roll-up, with
    /// the errors mapped as every report command maps them (a damaged store: exit 4).
    public func rollup(progress: ReadProgress? = nil, onRejected: (RejectedLine) -> Void = { _ in }) throws(JobError) -> (Rollup, IngestCounters) {
        try reading { source throws in try source.rollup(for: request, progress: progress, onRejected: onRejected) }
    }

    /// Runs `body` on the job's source, errors mapped to `JobError`.
    func reading<T>(_ body: (ReportSource) throws -> T) throws(JobError) -> T {
        do {
            if let databasePath {
                do {
                    return try body(.store(try EventStore(path: databasePath)))
                } catch let error as DatabaseError {
                    throw JobError.store(error, path: databasePath)
                }
            }
            return try body(.input(inputs))
        } catch let error as JobError {
            throw error
        } catch {
            throw .runtime("\(error)")
        }
    }
}

extension PreparedReportJob {
    /// The input files to read (for a progress display): none when reading the store or stdin.
    public var inputFiles: [String] {
        inputs.compactMap { source in
            if case .file(let path) = source { return path } else { return nil }
        }
    }
}
