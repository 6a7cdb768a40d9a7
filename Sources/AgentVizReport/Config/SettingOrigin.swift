/// Where an effective setting came from, in the order they win: a flag, an environment
/// variable, the config file, the built-in default.
public enum SettingOrigin: Equatable, Sendable, CustomStringConvertible {
    case flag(String)
    case environment(String)
    case file(path: String, line: Int)
    case builtIn

    public var description: String {
        switch self {
        case .flag(let name): return "flag " + name
        case .environment(let name): return "env " + name
        case .file(let path, let line): return "\(path):\(line)"
        case .builtIn: return "default"
        }
    }
}

/// A value with its origin (`agentviz-report config` prints both).
public struct Setting<Value: Sendable>: Sendable {
    public var value: Value
    public var origin: SettingOrigin

    public init(_ value: Value, _ origin: SettingOrigin) {
        self.value = value
        self.origin = origin
    }
}

/// A value read from the config file, with its line (for errors and `config`).
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var line: Int
}
