import Foundation

/// The settings a command was given as flags (nil: not given).
public struct SettingFlags: Sendable {
    public var config: String?
    public var db: String?
    public var timeZone: String?
    public var format: String?
    public var prices: String?
    public var budget: String?
    public var ruleFiles: [String] = []

    public init() {}
}

/// Every setting with the place it came from. Precedence: flag, then environment
/// (`AGENTVIZ_*`), then the config file, then the built-in default.
public struct EffectiveSettings: Sendable {
    /// The config file read (nil: none, the default one being absent).
    public var configFile: Setting<String>?
    public var store: Setting<String>
    /// What `ingest` reads without PATH.
    public var history: Setting<String>
    public var timeZone: Setting<String>
    public var format: Setting<String>
    /// `--rules` replaces the file's list (flags win whole, as every other setting does).
    public var ruleFiles: Setting<[String]>
    public var prices: Setting<String?>
    public var budget: Setting<String?>
    public var ruleOverrides: RuleOverrides
    public var remote: RemoteSettings

    /// The environment variables read, by setting.
    public enum Variable {
        public static let config = "AGENTVIZ_CONFIG"
        public static let db = "AGENTVIZ_DB"
        public static let history = "AGENTVIZ_HISTORY"
        public static let timeZone = "AGENTVIZ_TZ"
        public static let format = "AGENTVIZ_FORMAT"
        public static let prices = "AGENTVIZ_PRICES"
        public static let budget = "AGENTVIZ_BUDGET"
    }

    /// Reads the config file (if any) and picks each setting; every value is checked here,
    /// with its origin in the message, before any work.
    public static func resolve(_ flags: SettingFlags, environment env: [String: String]) throws(JobError) -> EffectiveSettings {
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let (configFile, config) = try loadConfig(flags, env: env, home: home)

        func pick(_ flag: String?, _ flagName: String, _ variable: String, _ file: Located<String>?) -> Setting<String>? {
            if let flag { return Setting(flag, .flag(flagName)) }
            if let value = env[variable], !value.isEmpty { return Setting(value, .environment(variable)) }
            if let file { return Setting(file.value, .file(path: config.path, line: file.line)) }
            return nil
        }
        let store = pick(flags.db, "--db", Variable.db, config.store)
            ?? Setting(home + "/.gh-agent-viz/analytics.sqlite", .builtIn)
        let history = pick(nil, "", Variable.history, config.history)
            ?? Setting(home + "/.gh-agent-viz/events.ndjson", .builtIn)
        let timeZone = pick(flags.timeZone, "--tz", Variable.timeZone, config.timeZone) ?? Setting("UTC", .builtIn)
        let format = pick(flags.format, "--format", Variable.format, config.format) ?? Setting("markdown", .builtIn)
        let prices = pick(flags.prices, "--prices", Variable.prices, config.prices)
        let budget = pick(flags.budget, "--budget", Variable.budget, config.budget)
        let ruleFiles: Setting<[String]>
        if !flags.ruleFiles.isEmpty {
            ruleFiles = Setting(flags.ruleFiles, .flag("--rules"))
        } else if let files = config.ruleFiles {
            ruleFiles = Setting(files.value, .file(path: config.path, line: files.line))
        } else {
            ruleFiles = Setting([], .builtIn)
        }

        // Checked here rather than in the job, so the message names the variable or file line.
        if ReportFormat(rawValue: format.value) == nil {
            throw .usage("\(Self.named(format.origin, key: "analytics.format")): format '\(format.value)' is not supported (expected markdown or json)")
        }
        if TimeZone(identifier: timeZone.value) == nil {
            throw .usage("\(Self.named(timeZone.origin, key: "analytics.timeZone")): unknown time zone '\(timeZone.value)' (expected an IANA name such as Europe/Berlin or UTC)")
        }
        return EffectiveSettings(
            configFile: configFile, store: store, history: history, timeZone: timeZone, format: format,
            ruleFiles: ruleFiles, prices: Setting(prices?.value, prices?.origin ?? .builtIn),
            budget: Setting(budget?.value, budget?.origin ?? .builtIn),
            ruleOverrides: config.ruleOverrides, remote: config.remote)
    }

    /// `--config FILE` or `$AGENTVIZ_CONFIG` must exist; the default `~/.gh-agent-viz.yml` may not.
    static func loadConfig(_ flags: SettingFlags, env: [String: String], home: String) throws(JobError) -> (Setting<String>?, AnalyticsConfig) {
        let chosen: Setting<String>
        if let path = flags.config {
            chosen = Setting(path, .flag("--config"))
        } else if let path = env[Variable.config], !path.isEmpty {
            chosen = Setting(path, .environment(Variable.config))
        } else {
            chosen = Setting(home + "/.gh-agent-viz.yml", .builtIn)
        }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: chosen.value, isDirectory: &isDirectory)
        guard exists, !isDirectory.boolValue, let data = FileManager.default.contents(atPath: chosen.value) else {
            if chosen.origin == .builtIn && !exists { return (nil, AnalyticsConfig(path: chosen.value)) }
            throw .usage("\(named(chosen.origin)): no readable config file at \(chosen.value); check the path (README, \"Config file\")")
        }
        let config = try AnalyticsConfig.parse(String(decoding: data, as: UTF8.self), path: chosen.value, home: home)
        return (chosen, config)
    }

    /// `--tz`, `$AGENTVIZ_TZ`, `FILE:LINE: analytics.timeZone` — how a message names an origin.
    static func named(_ origin: SettingOrigin, key: String? = nil) -> String {
        switch origin {
        case .flag(let name): return name
        case .environment(let name): return "$" + name
        case .file(let path, let line): return "\(path):\(line)" + (key.map { ": " + $0 } ?? "")
        case .builtIn: return "default"
        }
    }
}

extension ReportJobOptions {
    /// The effective settings replace what the flags alone gave.
    public mutating func apply(_ s: EffectiveSettings) {
        databasePath = s.store.value
        timeZone = s.timeZone.value
        format = s.format.value
        ruleFiles = s.ruleFiles.value
        pricesPath = s.prices.value
        budget = s.budget.value
        ruleOverrides = s.ruleOverrides
    }
}
