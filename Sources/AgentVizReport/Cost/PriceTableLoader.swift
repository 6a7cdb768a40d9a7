import Foundation
import Yams

/// Reads a price table file (ANALYTICS.md section 7): per model id, a list of
/// `{effective: DATE, input, cachedInput, cacheWrite, output}` in USD per million tokens.
/// Every problem is reported with the file, line and key, before any data is read.
public enum PriceTableLoader {
    public static let builtInName = "built-in"
    static let rowKeys = ["effective", "input", "cachedInput", "cacheWrite", "output"]
    /// No real price comes near this; the bound keeps every product within 128 bits.
    static let maximumPrice: Int128 = 1_000_000 * 1_000_000_000

    /// The table shipped with the tool (prices/github-copilot.yml, compiled in).
    public static func builtIn() -> PriceTable { shipped }

    /// Parsed once per process (every request without --prices uses it). The shipped file
    /// is checked by the tests, so a failure here is a build defect.
    private static let shipped = try! parse(builtInText, name: builtInName)

    public static var builtInText: String { String(decoding: PackageResources.github_copilot_prices_yml, as: UTF8.self) }

    /// The table in force: the file given (`--prices`), else the built-in one. A file that
    /// cannot be read or has any problem is a usage error, before any data is read.
    public static func load(path: String?) throws(JobError) -> PriceTable {
        guard let path else { return builtIn() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .usage("--prices \(path): no such readable file (expected a price table in YAML; see prices/github-copilot.yml)")
        }
        do {
            return try parse(String(decoding: data, as: UTF8.self), name: path)
        } catch {
            throw .usage(error.description)
        }
    }

    public static func parse(_ text: String, name: String) throws(PriceTableError) -> PriceTable {
        var errors: [PriceTableError.Problem] = []
        func fail(_ node: Node?, _ message: String) {
            errors.append(.init(line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message: message))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw PriceTableError(file: name, problems: [.init(line: 1, column: 1, message: "not valid YAML: \(error)")])
        }
        guard let root, case .mapping(let top) = root else {
            throw PriceTableError(file: name, problems: [.init(line: root?.mark?.line ?? 1, column: 1,
                message: "expected a mapping of model ids to lists of prices, e.g. 'claude-sonnet-4.6: [{effective: 2026-06-01, input: 3.00, output: 15.00}]'")])
        }
        var models: [String: [PriceTable.Row]] = [:]
        for (key, value) in top {
            guard let model = key.string, !model.isEmpty else { fail(key, "a model id must be a non-empty string"); continue }
            guard models[model] == nil else { fail(key, "model '\(model)' is listed twice"); continue }
            guard case .sequence(let items) = value else {
                fail(value, "\(model): expected a list of prices ({effective, input, cachedInput, cacheWrite, output})")
                continue
            }
            var rows: [PriceTable.Row] = []
            for (index, item) in items.enumerated() {
                let at = "\(model)[\(index + 1)]"
                guard case .mapping(let entries) = item else { fail(item, "\(at): expected a mapping"); continue }
                var values: [String: Node] = [:]
                for (k, v) in entries {
                    guard let name = k.string, rowKeys.contains(name) else {
                        fail(k, "\(at): unknown key '\(k.string ?? "?")' (expected \(rowKeys.joined(separator: ", ")))")
                        continue
                    }
                    values[name] = v
                }
                var effective: Timestamp?
                if let node = values["effective"] {
                    effective = day(node.string ?? "")
                    if effective == nil { fail(node, "\(at).effective: expected a date YYYY-MM-DD, found '\(node.string ?? "?")'") }
                } else {
                    fail(item, "\(at): missing key 'effective'")
                }
                func price(_ key: String, required: Bool) -> Int128? {
                    guard let node = values[key] else {
                        if required { fail(item, "\(at): missing key '\(key)'") }
                        return nil
                    }
                    guard let nanos = decimalNanos(node.string ?? ""), nanos <= maximumPrice else {
                        fail(node, "\(at).\(key): expected a number of US dollars per million tokens >= 0 with at most 9 decimals, found '\(node.string ?? "?")'")
                        return nil
                    }
                    return nanos
                }
                let input = price("input", required: true), output = price("output", required: true)
                let cached = price("cachedInput", required: false), write = price("cacheWrite", required: false)
                guard let effective, let input, let output else { continue }
                if rows.contains(where: { $0.effective == effective }) {
                    fail(values["effective"], "\(at).effective: \(model) has two prices effective \(node(values["effective"]))")
                    continue
                }
                rows.append(.init(effective: effective, price: .init(input: input, cachedInput: cached, cacheWrite: write, output: output)))
            }
            if rows.isEmpty && errors.isEmpty { fail(value, "\(model): the list of prices is empty") }
            models[model] = rows
        }
        guard errors.isEmpty else { throw PriceTableError(file: name, problems: errors) }
        return PriceTable(name: name, models: models)
    }

    private static func node(_ n: Node?) -> String { n?.string ?? "?" }

    /// `YYYY-MM-DD` as midnight UTC (prices change at 00:00 UTC, like GitHub's billing).
    static func day(_ text: String) -> Timestamp? {
        guard text.utf8.count == 10 else { return nil }
        return RFC3339.parse(text + "T00:00:00Z")
    }

    /// A plain decimal (`3`, `0.075`) as billionths, exactly; nil for anything else.
    static func decimalNanos(_ text: String) -> Int128? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 18, whole.allSatisfy(\.isASCIIDigit) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 9, fraction.allSatisfy(\.isASCIIDigit), parts.count == 1 || !fraction.isEmpty else { return nil }
        fraction += String(repeating: "0", count: 9 - fraction.count)
        guard let w = Int128(whole), let f = Int128(fraction) else { return nil }
        return w * 1_000_000_000 + f
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

/// Every problem of a price table file, each with its line and column.
public struct PriceTableError: Error, Equatable, Sendable, CustomStringConvertible {
    public struct Problem: Equatable, Sendable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    public var file: String
    public var problems: [Problem]

    public var description: String {
        problems.map { "\(file):\($0.line):\($0.column): \($0.message)" }.joined(separator: "\n")
    }
}
