extension ReportJob {
    static let tableNames = ReportTable.allCases.map(\.rawValue).joined(separator: "|")

    /// `--format csv` writes one table, so it needs `--table`; Markdown and JSON hold the
    /// whole report, so they take none.
    static func table(_ name: String?, format: ReportFormat) throws(JobError) -> ReportTable? {
        let table: ReportTable?
        if let name {
            guard let known = ReportTable(rawValue: name) else {
                throw .usage("--table '\(name)' is not a report table (expected one of \(tableNames))")
            }
            table = known
        } else {
            table = nil
        }
        guard format.renderer(table: table) != nil else {
            if table == nil { throw .usage("--format csv writes one table of the report: pick it with --table \(tableNames)") }
            throw .usage("--table writes a CSV table: add --format csv (Markdown and JSON hold the whole report)")
        }
        return table
    }

    /// `--repo` and `--source-type`, checked.
    public static func filter(repository: String?, sourceType: String?, status: String? = nil) throws(JobError) -> SessionFilter {
        var filter = SessionFilter()
        if let repository {
            guard !repository.isEmpty else { throw .usage("--repo needs a repository name, for example acme/api") }
            filter.repository = repository
        }
        if let sourceType {
            guard let type = SourceType(rawValue: sourceType) else {
                throw .usage("--source-type '\(sourceType)' is not a source type (expected \(SourceType.allCases.map(\.rawValue).joined(separator: " or ")))")
            }
            filter.sourceType = type
        }
        if let status {
            guard let known = SessionStatus(rawValue: status) else {
                throw .usage("--status '\(status)' is not a session status (expected one of \(SessionStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            filter.status = known
        }
        return filter
    }
}
