import Yams

/// Reads typed values out of the config file's YAML nodes and collects every problem with
/// its line and key, so one run reports them all.
struct ConfigNodeReader {
    let file: String
    var errors: [ConfigError] = []

    init(file: String) { self.file = file }

    mutating func fail(_ node: Node?, _ key: String, _ message: String) {
        errors.append(ConfigError(file: file, line: node?.mark?.line ?? 1, key: key, message: message))
    }

    /// The entries of a mapping, each key checked against `known`; an unknown key is an
    /// error that lists the known ones. A null value (`analytics:` alone) is an empty mapping.
    mutating func mapping(_ node: Node, _ key: String, known: [String]) -> [(name: String, key: Node, value: Node)] {
        if node.tagName == .null { return [] }
        guard case .mapping(let mapping) = node else {
            fail(node, key, "expected a mapping (key: value lines), found \(Self.shape(node))")
            return []
        }
        var out: [(String, Node, Node)] = []
        for (k, v) in mapping {
            guard let name = k.scalar?.string else { fail(k, key, "expected a text key"); continue }
            if !known.isEmpty && !known.contains(name) {
                fail(k, key + "." + name, "unknown key (expected one of \(known.joined(separator: ", ")))")
                continue
            }
            out.append((name, k, v))
        }
        return out
    }

    /// Text: any scalar but null and booleans (a path or zone written unquoted stays text).
    mutating func text(_ node: Node, _ key: String) -> Located<String>? {
        guard case .scalar(let s) = node, node.tagName != .null, node.tagName != .bool, !s.string.isEmpty else {
            fail(node, key, "expected text, found \(Self.shape(node))")
            return nil
        }
        return Located(value: s.string, line: line(node))
    }

    mutating func bool(_ node: Node, _ key: String) -> Located<Bool>? {
        guard node.tagName == .bool, let b = node.bool else {
            fail(node, key, "expected true or false, found \(Self.shape(node))")
            return nil
        }
        return Located(value: b, line: line(node))
    }

    mutating func int(_ node: Node, _ key: String, in range: ClosedRange<Int>) -> Located<Int>? {
        guard node.tagName == .int, let n = node.int else {
            fail(node, key, "expected a whole number, found \(Self.shape(node))")
            return nil
        }
        guard range.contains(n) else {
            fail(node, key, "\(n) is out of range (expected \(range.lowerBound) to \(range.upperBound))")
            return nil
        }
        return Located(value: n, line: line(node))
    }

    /// Seconds: a number greater than zero and at most `max`.
    mutating func seconds(_ node: Node, _ key: String, max: Double) -> Located<Double>? {
        guard node.tagName == .int || node.tagName == .float, let d = node.float, d.isFinite else {
            fail(node, key, "expected a number of seconds, found \(Self.shape(node))")
            return nil
        }
        guard d > 0 && d <= max else {
            fail(node, key, "\(d) is out of range (expected more than 0 and at most \(max) seconds)")
            return nil
        }
        return Located(value: d, line: line(node))
    }

    /// A list of texts; a single text is taken as a list of one.
    mutating func texts(_ node: Node, _ key: String) -> Located<[String]>? {
        if case .scalar = node { return text(node, key).map { Located(value: [$0.value], line: $0.line) } }
        guard case .sequence(let items) = node else {
            fail(node, key, "expected a list of texts, found \(Self.shape(node))")
            return nil
        }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            if let t = text(item, "\(key)[\(i)]") { out.append(t.value) }
        }
        return Located(value: out, line: line(node))
    }

    func line(_ node: Node) -> Int { node.mark?.line ?? 1 }

    /// What a node is, in the words of the messages.
    static func shape(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let s):
            switch node.tagName {
            case .null: return "nothing (null)"
            case .bool: return "a boolean (\(s.string))"
            case .int, .float: return "a number (\(s.string))"
            default: return "text ('\(s.string)')"
            }
        }
    }
}

extension Node {
    /// The resolved tag (`tag:yaml.org,2002:int`, ...): how YAML reads an unquoted value.
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }
}
