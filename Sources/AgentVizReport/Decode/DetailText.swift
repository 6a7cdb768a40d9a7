/// Short, safe renderings of values for rejection details.
enum DetailText {
    /// At most `limit` characters of `text` in quotes, truncated with "…". Secrets are
    /// redacted BEFORE truncating (no prefix of one is ever printed); control and format
    /// characters (escape sequences, bidi overrides) become U+FFFD, so a detail cannot
    /// rewrite the terminal it is printed on.
    static func quoted(_ text: String, limit: Int = 40) -> String {
        var out = "\""
        var count = 0
        for scalar in SecretRedactor.scrub(text).unicodeScalars {
            if count == limit { out += "…"; break }
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                out.unicodeScalars.append("\u{FFFD}")
            default:
                out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out + "\""
    }
}
