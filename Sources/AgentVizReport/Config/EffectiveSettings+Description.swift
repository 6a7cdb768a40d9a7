import Foundation

/// `agentviz-report config`: every effective setting, its value and where it came from.
extension EffectiveSettings {
    /// Rows of (setting, value, origin). Tokens are never shown: only where one would be read.
    public var rows: [(name: String, value: String, origin: String)] {
        var rows: [(String, String, String)] = [
            ("config", configFile?.value ?? "(none: \(Self.defaultConfigName) does not exist)", configFile?.origin.description ?? "default"),
            ("store", store.value, store.origin.description),
            ("history", history.value, history.origin.description),
            ("timeZone", timeZone.value, timeZone.origin.description),
            ("format", format.value, format.origin.description),
            ("rules.files", ruleFiles.value.isEmpty ? "(none)" : ruleFiles.value.joined(separator: ", "), ruleFiles.origin.description),
            ("prices", prices.value ?? "(built-in GitHub Copilot table)", prices.origin.description),
            ("budget", budget.value ?? "(none)", budget.origin.description),
        ]
        for o in ruleOverrides.items {
            var parts: [String] = []
            if let severity = o.severity { parts.append("severity \(severity.rawValue)") }
            if let enabled = o.enabled { parts.append("enabled \(enabled)") }
            if !o.params.isEmpty {
                let params = o.params.map { "\($0.name)=\(RulesDocumentation.paramText($0.value))" }.joined(separator: ", ")
                parts.append("params \(params)")
            }
            rows.append(("rules.overrides." + o.ruleId, parts.isEmpty ? "(nothing)" : parts.joined(separator: "; "),
                         SettingOrigin.file(path: o.file, line: o.line).description))
        }
        let r = remote
        func row(_ key: String, _ value: String) { rows.append(("remote." + key, value, r.origin(key).description)) }
        row("enabled", String(r.enabled))
        if r.enabled || r.endpoint != nil {
            row("endpoint", r.endpoint ?? "(missing)")
            if let name = r.tokenEnv { row("tokenEnv", "$\(name) (the token itself is never shown)") }
            if let file = r.tokenFile { row("tokenFile", file) }
            if let cert = r.clientCertificate { row("clientCertificate", cert) }
            if let key = r.clientKey { row("clientKey", key) }
            if let ca = r.caCertificate { row("caCertificate", ca) }
            row("identifiers", r.identifiers.rawValue)
            row("maxAttempts", String(r.maxAttempts))
            row("totalTimeoutSeconds", String(r.totalTimeoutSeconds))
            row("attemptTimeoutSeconds", String(r.attemptTimeoutSeconds))
            row("backoffBaseSeconds", String(r.backoffBaseSeconds))
            row("backoffCapSeconds", String(r.backoffCapSeconds))
        }
        return rows
    }

    static let defaultConfigName = "~/.gh-agent-viz.yml"

    /// The rows as aligned text, one setting a line.
    public var text: String {
        let rows = self.rows
        let nameWidth = rows.map(\.name.count).max() ?? 0
        let valueWidth = min(60, rows.map(\.value.count).max() ?? 0)
        return rows.map { r in
            let name = r.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let value = r.value.count < valueWidth ? r.value.padding(toLength: valueWidth, withPad: " ", startingAt: 0) : r.value
            return "\(name)  \(value)  \(r.origin)"
        }.joined(separator: "\n") + "\n"
    }
}
