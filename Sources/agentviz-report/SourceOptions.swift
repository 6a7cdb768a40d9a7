import AgentVizReport
import ArgumentParser
import Foundation

/// Where `sessions` and `session` read from and how they show it: the same options and
/// the same settings precedence as the reports (flag, `AGENTVIZ_*`, config file, default),
/// so a store or time zone set in the config file applies to the drill-down too.
struct SourceOptions: ParsableArguments {
    @Option(name: .customLong("input"), parsing: .upToNextOption,
            help: "Read these NDJSON files (or directories, or -) instead of the store.")
    var inputs: [String] = []

    @Option(help: "The store to read when no --input is given (default ~/.gh-agent-viz/analytics.sqlite; also AGENTVIZ_DB or the config file).")
    var db: String?

    @Option(help: "IANA time zone for window boundaries, e.g. Europe/Berlin (default UTC; also AGENTVIZ_TZ or the config file).")
    var tz: String?

    @Option(help: "Fix the clock (RFC 3339), for reproducible output; SOURCE_DATE_EPOCH works too.")
    var now: String?

    @Option(help: "Price table (YAML) for sessions whose events report no cost (default: the built-in one).")
    var prices: String?

    @Option(help: "The config file (default ~/.gh-agent-viz.yml, section analytics:; also AGENTVIZ_CONFIG).")
    var config: String?

    @Option(help: "Write to FILE (- or none: stdout).")
    var output: String?

    @Flag(help: "Include session titles (redacted).")
    var includeTitles = false

    @Flag(help: "No progress display.")
    var quiet = false

    /// The job's source options with the effective settings applied; `ruleFiles` are the
    /// command's `--rules` (they take part in the precedence like the reports' do).
    func jobOptions(_ period: PeriodSelection, ruleFiles: [String] = []) throws -> ReportJobOptions {
        let environment = ProcessInfo.processInfo.environment
        var flags = SettingFlags()
        flags.config = config
        flags.db = db
        flags.timeZone = tz
        flags.prices = prices
        flags.ruleFiles = ruleFiles
        var o = ReportJobOptions(period: period)
        o.apply(try EffectiveSettings.resolve(flags, environment: environment))
        o.inputs = inputs
        o.output = output
        o.now = now
        o.includeTitles = includeTitles
        o.environment = environment
        return o
    }
}
