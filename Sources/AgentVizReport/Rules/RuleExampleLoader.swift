import Foundation
import Yams

/// Reads a rule's `examples`: name, week, events (NDJSON), expect (finding keys).
extension RuleFileLoader {
    mutating func loadExamples(_ node: Node, scope: RuleScope?, by: [String]?) -> [RuleExample] {
        guard case .sequence(let items) = node else {
            fail(.invalidValue, node.mark, "expected a list of examples", key: "examples")
            return []
        }
        var examples: [RuleExample] = []
        for (index, item) in items.enumerated() {
            if let example = loadExample(item, index: index, scope: scope, by: by) { examples.append(example) }
        }
        return examples
    }

    private mutating func loadExample(_ node: Node, index: Int, scope: RuleScope?, by: [String]?) -> RuleExample? {
        var label = "example \(index + 1)"
        guard case .mapping(let mapping) = node else {
            fail(.notAMapping, node.mark, "expected a mapping with name, week, events, expect", key: label)
            return nil
        }
        let errorCount = errors.count
        if let name = mapping.first(where: { $0.key.string == "name" })?.value.scalar?.string { label = "example '\(name)'" }
        var entries: [String: Node] = [:]
        for (key, value) in mapping {
            if let name = key.string, Self.exampleKeys.contains(name) { entries[name] = value } else { unknownKey(key, allowed: Self.exampleKeys, in: label) }
        }
        let name = requiredText("name", entries, node, context: label)
        let week = requiredText("week", entries, node, context: label)
        if let week, ExampleWeek.window(week) == nil {
            fail(.badExample, entries["week"]?.mark, "week must be an ISO week label such as 2026-W47, found '\(week)'", key: label + ": week")
        }
        let events = requiredText("events", entries, node, context: label)
        // `invalidLines: true`: lines that are no valid event are part of the example (rules
        // on rejected input need them), so they are not checked here.
        let invalidLinesAllowed = entries["invalidLines"]?.bool == true
        if let events, let scalar = entries["events"]?.scalar, !invalidLinesAllowed { checkEvents(events, scalar, label) }
        let expect = loadExpect(entries["expect"], node, label: label, week: week, scope: scope, by: by)
        var budget: Budget?
        if let node = entries["budget"] {
            do { budget = try Budget.parse(node.string ?? "") } catch {
                fail(.badExample, node.mark, "budget must be an amount and a unit such as 100usd or 5000credits, found '\(node.string ?? "?")'", key: label + ": budget")
            }
        }
        guard errors.count == errorCount, let name, let week, let events, let expect else { return nil }
        return RuleExample(name: name, week: week, events: events, expect: expect, line: node.mark?.line ?? 1, budget: budget)
    }

    /// Each non-blank line must be a JSON object with the contract's required fields.
    private mutating func checkEvents(_ events: String, _ scalar: Node.Scalar, _ label: String) {
        var offset = 0
        for line in events.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { offset += line.unicodeScalars.count + 1 }
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
            let problem: String?
            if let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] {
                let required = ["schemaVersion", "eventId", "capturedAt", "session.id", "session.sourceType",
                                "session.status", "metadata.operatorAction"]
                problem = required.first { Self.value(at: $0, in: object) == nil }.map { "event lacks \($0)" }
            } else {
                problem = "not a JSON object"
            }
            if let problem {
                fail(.badExample, locator.position(of: scalar, offset: offset), "events: \(problem)", key: label, valueMark: scalar.mark)
            }
        }
    }

    private static func value(at path: String, in object: [String: Any]) -> Any? {
        var current: Any? = object
        for part in path.split(separator: ".") { current = (current as? [String: Any])?[String(part)] }
        return current is NSNull ? nil : current
    }

    private mutating func loadExpect(
        _ node: Node?, _ parent: Node, label: String, week: String?, scope: RuleScope?, by: [String]?
    ) -> [FindingKey]? {
        guard let node else {
            fail(.missingKey, parent.mark, "missing key 'expect'", key: label)
            return nil
        }
        guard case .sequence(let items) = node else {
            fail(.badExample, node.mark, "expect must be a list of finding keys ([] when the rule must not fire)", key: label)
            return nil
        }
        var keys: [FindingKey] = []
        for item in items {
            guard let scope, let key = findingKey(item, label: label, week: week, scope: scope, by: by) else { continue }
            if keys.contains(key) {
                fail(.badExample, item.mark, "expect: \(key.yamlText) is listed twice", key: label)
            }
            keys.append(key)
        }
        return keys
    }

    private mutating func findingKey(_ item: Node, label: String, week: String?, scope: RuleScope, by: [String]?) -> FindingKey? {
        switch scope {
        case .session:
            if let id = item.scalar?.string { return .session(id) }
            fail(.badExample, item.mark, "expect: a session finding's key is the session id", key: label)
        case .period:
            if let text = item.scalar?.string, text == week { return .period(text) }
            fail(.badExample, item.mark, "expect: a period finding's key is the window label '\(week ?? "?")'", key: label)
        case .group:
            guard let by else { return nil }
            if case .mapping(let mapping) = item {
                var values: [String: String?] = [:]
                for (k, v) in mapping {
                    guard let name = k.string, v.scalar != nil else { continue }
                    values[name] = v.null != nil ? String?.none : v.scalar!.string
                }
                if Set(values.keys) == Set(by) && values.count == mapping.count { return .group(values) }
            }
            fail(.badExample, item.mark, "expect: a group finding's key is a mapping of exactly the by fields, for example {\(by.map { "\($0): ..." }.joined(separator: ", "))}", key: label)
        }
        return nil
    }
}
