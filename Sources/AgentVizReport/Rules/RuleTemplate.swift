/// Text that quotes fields as `{{field}}` (spaces inside the braces allowed).
struct RuleTemplate: Equatable, Sendable {
    enum Part: Equatable, Sendable {
        case text(String)
        /// A field name and its offset (in Unicode scalars) inside the template text.
        case field(String, offset: Int)
    }

    let parts: [Part]

    /// Parses the text; an unclosed `{{` or an empty `{{}}` is an error at that offset.
    static func parse(_ text: String) -> Result<RuleTemplate, RuleTemplateError> {
        let s = Array(text.unicodeScalars)
        var parts: [Part] = []
        var literal = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if s[i] == "{", i + 1 < s.count, s[i + 1] == "{" {
                let open = i
                var j = i + 2
                while j + 1 < s.count, !(s[j] == "}" && s[j + 1] == "}") { j += 1 }
                guard j + 1 < s.count else { return .failure(RuleTemplateError(offset: open, message: "unclosed '{{'")) }
                let inner = String(String.UnicodeScalarView(s[(i + 2)..<j]))
                let name = inner.trimmingSpaces
                guard !name.isEmpty else { return .failure(RuleTemplateError(offset: open, message: "empty '{{}}'")) }
                let lead = inner.unicodeScalars.prefix { $0 == " " }.count
                if !literal.isEmpty { parts.append(.text(String(literal))); literal = .init() }
                parts.append(.field(name, offset: i + 2 + lead))
                i = j + 2
            } else {
                literal.append(s[i])
                i += 1
            }
        }
        if !literal.isEmpty { parts.append(.text(String(literal))) }
        return .success(RuleTemplate(parts: parts))
    }

    var fieldNames: [String] {
        var names: [String] = []
        for case .field(let name, _) in parts where !names.contains(name) { names.append(name) }
        return names
    }

    func render(_ values: [String: RuleValue]) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .text(let t): out += t
            case .field(let name, _):
                let format = name == Rule.savingsField ? .money : (FieldCatalog.anyField(name)?.format ?? .number)
                out += RuleValueFormat.value(values[name] ?? .null, format: format)
            }
        }
        return out
    }
}

struct RuleTemplateError: Error, Equatable {
    var offset: Int
    var message: String
}

extension String {
    fileprivate var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars
        while let f = scalars.first, f == " " || f == "\t" { scalars.removeFirst() }
        while let l = scalars.last, l == " " || l == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
