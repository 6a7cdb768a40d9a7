import Foundation
import Yams

/// `analytics.remote`: the opt-in sync of the JSON report (README, "Remote sync"). Off
/// unless `enabled: true`; nothing here opens a connection.
public struct RemoteSettings: Sendable {
    /// How session ids and branch names leave the machine.
    public enum Identifiers: String, Sendable, CaseIterable {
        /// Keyed hashes (HMAC-SHA256, key beside the store).
        case hashed
        /// As they are, for a dashboard that must link to them.
        case plain
    }

    public var enabled = false
    public var endpoint: String?
    public var allowInsecureLoopback = false
    /// The name of the environment variable holding the bearer token (never the token).
    public var tokenEnv: String?
    public var tokenFile: String?
    public var clientCertificate: String?
    public var clientKey: String?
    public var caCertificate: String?
    public var identifiers = Identifiers.hashed
    public var maxAttempts = 5
    public var totalTimeoutSeconds = 120.0
    /// One attempt, connect to last byte.
    public var attemptTimeoutSeconds = 30.0
    public var backoffBaseSeconds = 0.5
    public var backoffCapSeconds = 30.0
    /// The file the section came from and the line of each key given (for messages and `config`).
    public var file: String?
    public var lines: [String: Int] = [:]

    public init() {}

    static let keys = [
        "enabled", "endpoint", "allowInsecureLoopback", "tokenEnv", "tokenFile", "clientCertificate",
        "clientKey", "caCertificate", "identifiers", "maxAttempts", "totalTimeoutSeconds",
        "attemptTimeoutSeconds", "backoffBaseSeconds", "backoffCapSeconds",
    ]

    /// Where `key` was set: `file:line`, or `default`.
    public func origin(_ key: String) -> SettingOrigin {
        guard let file, let line = lines[key] else { return .builtIn }
        return .file(path: file, line: line)
    }

    static func read(_ node: Node, reader: inout ConfigNodeReader, paths: ConfigPaths) -> RemoteSettings {
        var s = RemoteSettings()
        s.file = reader.file
        for (name, _, v) in reader.mapping(node, "analytics.remote", known: keys) {
            let key = "analytics.remote." + name
            s.lines[name] = reader.line(v)
            switch name {
            case "enabled": s.enabled = reader.bool(v, key)?.value ?? false
            case "endpoint": s.endpoint = reader.text(v, key)?.value
            case "allowInsecureLoopback": s.allowInsecureLoopback = reader.bool(v, key)?.value ?? false
            case "tokenEnv": s.tokenEnv = reader.text(v, key)?.value
            case "tokenFile": s.tokenFile = reader.text(v, key).map(paths.resolve)?.value
            case "clientCertificate": s.clientCertificate = reader.text(v, key).map(paths.resolve)?.value
            case "clientKey": s.clientKey = reader.text(v, key).map(paths.resolve)?.value
            case "caCertificate": s.caCertificate = reader.text(v, key).map(paths.resolve)?.value
            case "identifiers":
                guard let text = reader.text(v, key) else { continue }
                guard let ids = Identifiers(rawValue: text.value) else {
                    reader.fail(v, key, "'\(text.value)' is not allowed (expected hashed or plain)")
                    continue
                }
                s.identifiers = ids
            case "maxAttempts": s.maxAttempts = reader.int(v, key, in: 1...20)?.value ?? s.maxAttempts
            case "totalTimeoutSeconds": s.totalTimeoutSeconds = reader.seconds(v, key, max: 3600)?.value ?? s.totalTimeoutSeconds
            case "attemptTimeoutSeconds": s.attemptTimeoutSeconds = reader.seconds(v, key, max: 600)?.value ?? s.attemptTimeoutSeconds
            case "backoffBaseSeconds": s.backoffBaseSeconds = reader.seconds(v, key, max: 600)?.value ?? s.backoffBaseSeconds
            case "backoffCapSeconds": s.backoffCapSeconds = reader.seconds(v, key, max: 3600)?.value ?? s.backoffCapSeconds
            default: break
            }
        }
        if s.enabled { s.check(node, reader: &reader) }
        return s
    }

    /// The checks that need several keys: only for an enabled section (a disabled one may be
    /// half written).
    private func check(_ node: Node, reader: inout ConfigNodeReader) {
        func fail(_ key: String, _ message: String) {
            reader.errors.append(ConfigError(file: reader.file, line: lines[key] ?? reader.line(node),
                                             key: "analytics.remote." + key, message: message))
        }
        if let endpoint {
            if let problem = RemoteEndpoint.problem(endpoint, allowInsecureLoopback: allowInsecureLoopback) {
                fail("endpoint", problem)
            }
        } else {
            fail("enabled", "remote sync is enabled but analytics.remote.endpoint is missing (an https:// URL)")
        }
        if tokenEnv != nil && tokenFile != nil {
            fail("tokenFile", "give tokenEnv or tokenFile, not both")
        }
        if (clientCertificate == nil) != (clientKey == nil) {
            fail(clientCertificate == nil ? "clientKey" : "clientCertificate",
                 "mTLS needs both clientCertificate and clientKey (PEM files)")
        }
        if backoffBaseSeconds > backoffCapSeconds {
            fail("backoffBaseSeconds", "\(backoffBaseSeconds) is more than backoffCapSeconds (\(backoffCapSeconds))")
        }
    }
}

/// The endpoint rule: `https://` only; `http://` only to a loopback address and only with
/// `allowInsecureLoopback: true` (local testing).
public enum RemoteEndpoint {
    /// Why `endpoint` is refused, or nil.
    public static func problem(_ endpoint: String, allowInsecureLoopback: Bool) -> String? {
        guard let url = URLComponents(string: endpoint), let scheme = url.scheme?.lowercased(),
              let host = url.host, !host.isEmpty else {
            return "'\(endpoint)' is not a URL (expected https://HOST/PATH)"
        }
        if url.user != nil || url.password != nil {
            return "the URL must not carry credentials; use tokenEnv, tokenFile or mTLS"
        }
        switch scheme {
        case "https": return nil
        case "http":
            guard isLoopback(host) else {
                return "plain http:// is refused (the report would cross the network unencrypted); use https://"
            }
            guard allowInsecureLoopback else {
                return "plain http:// to a loopback address needs analytics.remote.allowInsecureLoopback: true (for local testing only)"
            }
            return nil
        default:
            return "scheme '\(scheme)' is not supported (expected https://)"
        }
    }

    /// 127.0.0.0/8, ::1 and localhost.
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if h == "localhost" || h == "::1" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { UInt8($0) != nil }
    }
}
