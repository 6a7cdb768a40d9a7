import AgentVizReport
import ArgumentParser
import Foundation

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the effective settings and where each came from (flag, env, file:line, default).",
        discussion: """
            Precedence: flags, then AGENTVIZ_* variables, then the config file's analytics:
            section (~/.gh-agent-viz.yml or --config FILE), then the defaults. The file is checked
            completely, rule overrides against the loaded rules; tokens are never shown.

            Examples:
              agentviz-report config
              AGENTVIZ_TZ=Europe/Berlin agentviz-report config --config team.yml
            """)

    @Option(help: "The config file (default ~/.gh-agent-viz.yml; also AGENTVIZ_CONFIG).")
    var config: String?

    @Option(help: "As a report command's --db.")
    var db: String?

    @Option(help: "As a report command's --tz.")
    var tz: String?

    @Option(help: "As a report command's --format.")
    var format: ReportFormat?

    @Option(name: .customLong("rules"), help: "As a report command's --rules.")
    var ruleFiles: [String] = []

    @Flag(help: "As a report command's --no-default-rules (for checking rule overrides).")
    var noDefaultRules = false

    @Option(help: "As a report command's --prices.")
    var prices: String?

    @Option(help: "As a report command's --budget.")
    var budget: String?

    func run() throws {
        var flags = SettingFlags()
        flags.config = config
        flags.db = db
        flags.timeZone = tz
        flags.format = format?.rawValue
        flags.prices = prices
        flags.budget = budget
        flags.ruleFiles = ruleFiles
        let settings = try EffectiveSettings.resolve(flags, environment: ProcessInfo.processInfo.environment)
        // The overrides must name loaded rules, as a report would check them.
        _ = try RuleSources.load(files: settings.ruleFiles.value, includeDefault: !noDefaultRules).applying(settings.ruleOverrides)
        FileHandle.standardOutput.write(Data(SafeText.lines(settings.text).utf8))
    }
}
