import Foundation
import AgentVizReport

/// What the pushed JSON report may carry (issue 13, item 5): no titles, session ids and
/// branch names as keyed hashes (unless `identifiers: plain`), every string through the
/// redactor. Works on the report's JSON document, so a report written earlier (`push FILE`)
/// gets the same treatment as one made now.
public struct PayloadPrivacy: Sendable {
    /// nil: identifiers stay plain.
    public var key: IdentifierKey?

    public init(key: IdentifierKey?) { self.key = key }

    /// Texts shorter than this are not searched for inside free text (a branch called `main`
    /// is no identity, and replacing it would garble recommendations).
    static let shortestEmbedded = 6
    static let titleMark = "[title removed]"

    public func payload(_ document: JSONValue) -> JSONValue {
        var found = Found()
        found.collect(document)
        var out = rewrite(document, found: found, path: [])
        if case .object(var top) = out {
            top["titlesIncluded"] = .bool(false)
            top["identifiers"] = .string(key == nil ? "plain" : "hmac-sha256")
            out = .object(top)
        }
        return out
    }

    /// Identifiers and titles as they appear in the structured places of the report.
    struct Found {
        var identifiers: Set<String> = []
        var titles: Set<String> = []

        mutating func collect(_ v: JSONValue, parent: String? = nil) {
            switch v {
            case .object(let members):
                for (name, value) in members {
                    switch (name, value) {
                    case ("id", .string(let s)) where parent == "topSessions", ("branch", .string(let s)), ("sessionId", .string(let s)):
                        identifiers.insert(s)
                    case ("sessionIds", .array(let items)):
                        for case .string(let s) in items { identifiers.insert(s) }
                    case ("key", .string(let s)) where members["scope"] == .string("session"):
                        identifiers.insert(s)
                    case ("title", .string(let s)) where parent == "topSessions" || parent == "figures":
                        titles.insert(s)
                    default: collect(value, parent: name)
                    }
                }
            case .array(let items): for item in items { collect(item, parent: parent) }
            default: break
            }
        }
    }

    func rewrite(_ v: JSONValue, found: Found, path: [String]) -> JSONValue {
        let parent = path.last
        switch v {
        case .object(let members):
            var out: [String: JSONValue] = [:]
            for (name, value) in members {
                if name == "title" && (parent == "topSessions" || parent == "figures") { continue }
                let identifying = (name == "id" && parent == "topSessions") || name == "branch" || name == "sessionId"
                    || name == "sessionIds" || (name == "key" && members["scope"] == .string("session"))
                out[SecretRedactor.scrub(name)] = identifying ? hashed(value) : rewrite(value, found: found, path: path + [name])
            }
            return .object(out)
        case .array(let items):
            return .array(items.map { rewrite($0, found: found, path: path) })
        case .string(let s):
            return .string(SecretRedactor.scrub(scrubEmbedded(s, found)))
        default:
            return v
        }
    }

    func hashed(_ v: JSONValue) -> JSONValue {
        switch v {
        case .string(let s): return .string(key.map { $0.hash(s) } ?? SecretRedactor.scrub(s))
        case .array(let items): return .array(items.map(hashed))
        default: return v
        }
    }

    /// Free text (finding titles, recommendations, observations) may quote a title or an id
    /// through a rule template: those are replaced too, longest first.
    func scrubEmbedded(_ text: String, _ found: Found) -> String {
        var text = text
        for title in found.titles.sorted(by: { $0.count > $1.count }) where title.count >= Self.shortestEmbedded && text.contains(title) {
            text = text.replacingOccurrences(of: title, with: Self.titleMark)
        }
        guard let key else { return text }
        for id in found.identifiers.sorted(by: { $0.count > $1.count }) where id.count >= Self.shortestEmbedded && text.contains(id) {
            text = text.replacingOccurrences(of: id, with: key.hash(id))
        }
        return text
    }
}
