import Foundation

/// Runs a rule's examples through the real report pipeline (read, roll up, evaluate): the
/// examples are the rule's tests, for the shipped rules in the test suite and for anyone's
/// rules in `rules check`.
public enum RuleExampleCheck {
    /// One failed example: where it is and what differed.
    public struct Failure: Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var ruleId: String
        public var example: String
        public var expected: [FindingKey]
        public var found: [FindingKey]

        public var description: String {
            func list(_ keys: [FindingKey]) -> String { "[" + keys.map { "{\($0)}" }.joined(separator: ", ") + "]" }
            return "\(path):\(line): rule '\(ruleId)' example '\(example)': expected \(list(expected)), found \(list(found))"
        }
    }

    /// Every example of every rule of `set`; returns the failures and how many ran.
    public static func run(_ set: RuleSet, path: String) throws -> (failures: [Failure], ran: Int) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("agentviz-rule-examples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let calendar = try WindowCalendar(timeZone: "UTC")
        var failures: [Failure] = []
        var ran = 0
        for rule in set.rules {
            for example in rule.examples {
                let file = directory.appendingPathComponent("example-\(ran).ndjson")
                try Data(example.events.utf8).write(to: file)
                let window = try PeriodSelection.week(example.week).window(in: calendar, now: example.window.end)
                let request = ReportRequest(
                    window: window, calendar: calendar, generatedAt: example.window.end,
                    rules: RuleSet(rules: [rule]), budget: example.budget)
                let report = try ReportSource.input([.file(file.path)]).report(request)
                let found = report.findings.map(\.finding.key).sorted()
                if found != example.expect.sorted() {
                    failures.append(Failure(
                        path: path, line: example.line, ruleId: rule.id, example: example.name,
                        expected: example.expect.sorted(), found: found))
                }
                ran += 1
            }
        }
        return (failures, ran)
    }
}
