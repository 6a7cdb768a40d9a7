import Foundation
import Yams

/// The `analytics:` section of `~/.gh-agent-viz.yml` (or `--config FILE`), typed and checked.
/// gh-agent-viz owns the file's other top-level keys: they are left alone and not validated.
public struct AnalyticsConfig: Sendable {
    /// The file as named in messages.
    public var path: String
    public var store: Located<String>?
    public var history: Located<String>?
    public var timeZone: Located<String>?
    public var format: Located<String>?
    public var ruleFiles: Located<[String]>?
    public var prices: Located<String>?
    public var budget: Located<String>?
    public var ruleOverrides = RuleOverrides.none
    public var remote = RemoteSettings()

    public init(path: String) { self.path = path }

    static let keys = ["store", "history", "timeZone", "format", "rules", "prices", "budget", "remote"]

    /// Parses `text`; relative paths in it are taken from the file's directory and `~/` from `home`.
    /// Every problem is reported at once, with file, line and key.
    public static func parse(_ text: String, path: String, home: String) throws(JobError) -> AnalyticsConfig {
        var config = AnalyticsConfig(path: path)
        var reader = ConfigNodeReader(file: path)
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw .usage("\(path): not valid YAML: \(error)")
        }
        guard let root, root.tagName != .null else { return config }
        guard case .mapping(let top) = root else {
            throw .config([ConfigError(file: path, line: root.mark?.line ?? 1, key: "(top level)",
                                       message: "expected a mapping with an 'analytics:' section")])
        }
        guard let section = top["analytics"] else { return config }
        let paths = ConfigPaths(file: path, home: home)
        for (name, _, value) in reader.mapping(section, "analytics", known: keys) {
            let key = "analytics." + name
            switch name {
            case "store": config.store = reader.text(value, key).map(paths.resolve)
            case "history": config.history = reader.text(value, key).map(paths.resolve)
            case "timeZone": config.timeZone = reader.text(value, key)
            case "format": config.format = reader.text(value, key)
            case "prices": config.prices = reader.text(value, key).map(paths.resolve)
            case "budget": config.budget = reader.text(value, key)
            case "rules": readRules(value, into: &config, reader: &reader, paths: paths)
            case "remote": config.remote = RemoteSettings.read(value, reader: &reader, paths: paths)
            default: break
            }
        }
        guard reader.errors.isEmpty else { throw .config(reader.errors) }
        return config
    }

    private static func readRules(_ node: Node, into config: inout AnalyticsConfig, reader: inout ConfigNodeReader, paths: ConfigPaths) {
        for (name, _, value) in reader.mapping(node, "analytics.rules", known: ["files", "overrides"]) {
            if name == "files" {
                config.ruleFiles = reader.texts(value, "analytics.rules.files").map {
                    Located(value: $0.value.map { paths.resolve($0) }, line: $0.line)
                }
            } else {
                config.ruleOverrides = readOverrides(value, reader: &reader)
            }
        }
    }

    private static func readOverrides(_ node: Node, reader: inout ConfigNodeReader) -> RuleOverrides {
        var items: [RuleOverride] = []
        for (id, idNode, value) in reader.mapping(node, "analytics.rules.overrides", known: []) {
            let base = "analytics.rules.overrides." + id
            var o = RuleOverride(ruleId: id, file: reader.file, line: reader.line(idNode), column: idNode.mark?.column ?? 1)
            for (name, _, v) in reader.mapping(value, base, known: ["severity", "enabled", "params"]) {
                let key = base + "." + name
                switch name {
                case "severity":
                    guard let text = reader.text(v, key) else { continue }
                    guard let severity = Severity(rawValue: text.value) else {
                        reader.fail(v, key, "'\(text.value)' is not a severity (expected one of \(Severity.allCases.map(\.rawValue).joined(separator: ", ")))")
                        continue
                    }
                    o.severity = severity
                case "enabled": o.enabled = reader.bool(v, key)?.value
                default: o.params = readParams(v, key, reader: &reader)
                }
            }
            items.append(o)
        }
        return RuleOverrides(items)
    }

    /// `params`: a mapping of names to numbers, texts or booleans (whether the rule declares
    /// them, with that type, is checked once the rules are loaded).
    private static func readParams(_ node: Node, _ key: String, reader: inout ConfigNodeReader) -> [(name: String, value: RuleValue)] {
        var params: [(name: String, value: RuleValue)] = []
        for (name, _, v) in reader.mapping(node, key, known: []) {
            guard case .scalar(let s) = v, v.tagName != .null else {
                reader.fail(v, key + "." + name, "expected a number, text or boolean, found \(ConfigNodeReader.shape(v))")
                continue
            }
            switch v.tagName {
            case .bool: if let b = v.bool { params.append((name, .bool(b))) }
            case .int: if let n = Int128(s.string) ?? v.int.map({ Int128($0) }) { params.append((name, .integer(n))) }
            case .float: if let d = v.float { params.append((name, .number(d))) }
            default: params.append((name, .string(s.string)))
            }
        }
        return params
    }
}

/// Paths written in the config file: `~/` is the home directory, and a relative path is
/// taken from the file's own directory (not from wherever the command runs).
struct ConfigPaths {
    let file: String
    let home: String

    func resolve(_ path: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst(1) }
        if path.hasPrefix("/") { return path }
        let directory = (file as NSString).deletingLastPathComponent
        return directory.isEmpty ? path : directory + "/" + path
    }

    func resolve(_ located: Located<String>) -> Located<String> {
        Located(value: resolve(located.value), line: located.line)
    }
}
