import Foundation

/// Everything a report command was given, as text: checked by `prepare` before any data is read.
public struct ReportJobOptions: Sendable {
    public var period: PeriodSelection
    public var inputs: [String] = []
    public var databasePath: String?
    public var format = "markdown"
    public var output: String?
    public var timeZone = "UTC"
    public var seriesCount = 8
    public var includeTitles = false
    public var now: String?
    public var ruleFiles: [String] = []
    public var useDefaultRules = true
    public var failOn: String?
    /// `--prices FILE`: the price table for computed costs (nil: the built-in one).
    public var pricesPath: String?
    /// `--budget 500usd` / `--budget 40000credits`: a monthly budget (nil: none).
    public var budget: String?
    /// Like `failOn`, counting only findings whose status is `new`.
    public var failOnNew: String?
    /// Also append the Markdown report to the file named by `$GITHUB_STEP_SUMMARY`.
    public var summary = false
    /// `analytics.rules.overrides` of the config file: severity and enabled are applied to
    /// the loaded rules; params are carried for rule parameters (issue 12 item 3).
    public var ruleOverrides = RuleOverrides.none
    public var environment: [String: String] = [:]
    /// `--repo`, `--source-type`: report on these sessions only (`SessionFilter`).
    public var repository: String?
    public var sourceType: String?
    /// `--table`: the one table `--format csv` writes.
    public var table: String?

    public init(period: PeriodSelection) { self.period = period }
}

/// A report job whose every option has been checked.
public struct PreparedReportJob {
    public var request: ReportRequest
    public var inputs: [InputSource]
    public var databasePath: String?
    public var format: ReportFormat
    public var output: String?
    public var failOn: Severity?
    public var failOnNew: Severity?
    /// `$GITHUB_STEP_SUMMARY` when `--summary` was given.
    public var summaryPath: String?
    /// `--table` (CSV only; `prepare` checked the pair).
    public var table: ReportTable? = nil
}

/// What a finished job produced.
public struct ReportOutcome {
    public var report: Report
    public var text: String
    /// `--fail-on` or `--fail-on-new` matched a finding at or above its severity.
    public var gateTriggered: Bool { !gateFindings.isEmpty || !newGateFindings.isEmpty }
    /// The findings at or above `--fail-on`'s severity, in report order.
    public var gateFindings: [ReportFinding]
    /// The `new` findings at or above `--fail-on-new`'s severity, in report order.
    public var newGateFindings: [ReportFinding] = []
}

public enum ReportJob {
    /// Checks every option (flags, window, zone, rule files, paths) without reading data.
    public static func prepare(_ o: ReportJobOptions) throws(JobError) -> PreparedReportJob {
        guard let format = ReportFormat(rawValue: o.format) else {
            throw .usage("--format '\(o.format)' is not supported (expected markdown, json or csv)")
        }
        let table = try Self.table(o.table, format: format)
        let filter = try Self.filter(repository: o.repository, sourceType: o.sourceType)
        guard o.seriesCount >= 1 && o.seriesCount <= 520 else {
            throw .usage("--series \(o.seriesCount) is out of range (expected 1 to 520 windows)")
        }
        let failOn = try severity(o.failOn, flag: "--fail-on")
        let failOnNew = try severity(o.failOnNew, flag: "--fail-on-new")
        var summaryPath: String?
        if o.summary {
            // GitHub sets it for each step; anywhere else the report would go nowhere.
            guard let path = o.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else {
                throw .usage("--summary needs $GITHUB_STEP_SUMMARY (GitHub Actions sets it in every step); it is unset or empty")
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw .usage("$GITHUB_STEP_SUMMARY \(path) is a directory; --summary appends to a file")
            }
            summaryPath = path
        }
        let calendar: WindowCalendar
        do { calendar = try WindowCalendar(timeZone: o.timeZone) } catch { throw .usage(error.description) }
        let clock = try ReportClock.resolve(now: o.now, environment: o.environment)
        let now = clock.now()
        let window: Window
        do { window = try o.period.window(in: calendar, now: now) } catch { throw .usage(error.description) }
        if let output = o.output, output != "-" {
            do { try OutputFile.check(output) } catch { throw .usage(error.description) }
        }
        let rules = try RuleSources.load(files: o.ruleFiles, includeDefault: o.useDefaultRules).applying(o.ruleOverrides)
        let prices = try PriceTableLoader.load(path: o.pricesPath)
        let budget = try o.budget.map { text throws(JobError) in try Budget.parse(text) }
        var inputs: [InputSource] = []
        var databasePath: String?
        if o.inputs.isEmpty {
            let path = o.databasePath ?? DefaultPaths.database
            if path != ":memory:" && !FileManager.default.fileExists(atPath: path) {
                throw .usage("no store at \(path): run 'agentviz-report ingest' first, or pass --input FILE")
            }
            databasePath = path
        } else {
            do { inputs = try InputSource.resolve(o.inputs) } catch { throw .usage("\(error)") }
        }
        var request = ReportRequest(
            window: window, calendar: calendar, seriesCount: o.seriesCount,
            includeTitles: o.includeTitles, generatedAt: now, rules: rules, prices: prices, budget: budget)
        request.filter = filter
        return PreparedReportJob(
            request: request, inputs: inputs, databasePath: databasePath,
            format: format, output: o.output, failOn: failOn, failOnNew: failOnNew, summaryPath: summaryPath, table: table)
    }

    static func severity(_ text: String?, flag: String) throws(JobError) -> Severity? {
        guard let text else { return nil }
        guard let severity = Severity(rawValue: text) else {
            throw .usage("\(flag) '\(text)' is not a severity (expected one of \(Severity.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return severity
    }
}

extension PreparedReportJob {
    /// Reads, rolls up, evaluates and renders. Rejected input lines go to `onRejected`.
    public func run(progress: ReadProgress? = nil, onRejected: (RejectedLine) -> Void = { _ in }) throws(JobError) -> ReportOutcome {
        let report: Report
        do {
            if let databasePath {
                do {
                    let store = try EventStore.openForReading(path: databasePath)
                    report = try ReportSource.store(store).report(request, progress: progress)
                } catch let error as DatabaseError {
                    throw JobError.store(error, path: databasePath)
                }
            } else {
                report = try ReportSource.input(inputs).report(request, progress: progress, onRejected: onRejected)
            }
        } catch let error as JobError {
            throw error
        } catch {
            throw .runtime("\(error)")
        }
        let text = format.renderer(table: table)!.render(report)  // prepare checked format and table
        let gate = failOn.map { threshold in report.findings.filter { $0.finding.severity >= threshold } } ?? []
        let newGate = failOnNew.map { threshold in
            report.findings.filter { $0.status == .new && $0.finding.severity >= threshold }
        } ?? []
        return ReportOutcome(report: report, text: text, gateFindings: gate, newGateFindings: newGate)
    }
}
