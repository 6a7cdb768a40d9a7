/// Replaces secrets in text with `[REDACTED:<rule>]` (the rule that matched, never any
/// part of the secret) before anything is stored or printed: repository, branch, title and
/// source of every event, the values quoted in rejection messages, file names in messages.
/// The rules follow gitleaks' shapes (`config/gitleaks.toml`), each with its id:
///
/// - `github-token`, `aws-access-key`, `bearer-token`, `private-key`, `slack-token`, `jwt`:
/// - GitHub tokens: `ghp_` `gho_` `ghu_` `ghs_` `ghr_` + 36 or more `[A-Za-z0-9]`, and
///   `github_pat_` + 22 or more `[A-Za-z0-9_]`;
/// - AWS access key ids: `AKIA` / `ASIA` + exactly 16 `[A-Z0-9]`, not inside a longer
///   alphanumeric word;
/// - `Bearer <token>`: `bearer` in any case, whitespace, then 16 or more of
///   `[A-Za-z0-9-._~+/]` and any trailing `=`; only the token is replaced (`Bearer ` stays);
/// - PEM private keys: `-----BEGIN <LABEL>PRIVATE KEY-----` (and `... PRIVATE KEY BLOCK-----`)
///   through the matching `-----END ...-----`, or to the end of the text when there is none;
/// - Slack tokens: `xoxa-` `xoxb-` `xoxp-` `xoxr-` `xoxs-` + 10 or more `[A-Za-z0-9-]`;
/// - JWTs: three base64url segments separated by dots, the first starting `eyJ`, each 10 or
///   more characters (an unsigned JWT, whose second segment also starts `eyJ`, may end in
///   an empty or short third segment).
/// - `openai-key`: `sk-` (also `sk-proj-`, `sk-svcacct-`) + 20 or more `[A-Za-z0-9_-]`;
///   `anthropic-key`: `sk-ant-` + 20 or more; `stripe-key`: `sk_live_` `sk_test_` `rk_live_`
///   `rk_test_` + 10 or more alphanumerics; none of them inside a longer word;
/// - `google-api-key`: `AIza` + 35 `[A-Za-z0-9_-]`;
/// - `url-credentials`: the `user:password` of `scheme://user:password@host` (scheme and
///   host stay);
/// - `generic-secret`: the value of `password`, `passwd`, `token`, `secret`,
///   `api_key`, `apikey` (any case, also as the end of a longer name like `access_token`)
///   followed by `=` or `:`, when the value is 6 or more characters holding a digit or a
///   symbol, or 16 or more characters (so "token: refresh" stays).
///
/// Runs on every event, so it is a byte-level scan of the UTF-8: a table prefilter on each
/// pair of adjacent bytes, then hand-written matchers. When nothing matches, the original
/// string is returned without allocating. Every match is ASCII, so cutting at match bounds
/// never splits a multi-byte character. The scan is linear in the length of the text, even
/// for hostile input (a megabyte of `eyJeyJ...`).
public struct SecretRedactor: Sendable {
    /// What a redacted value starts with; the rule's id and `]` follow.
    public static let marker = "[REDACTED"

    /// The rules, by the id shown in `[REDACTED:<id>]`.
    public enum Rule: String, CaseIterable, Sendable {
        case githubToken = "github-token"
        case awsAccessKey = "aws-access-key"
        case bearerToken = "bearer-token"
        case privateKey = "private-key"
        case slackToken = "slack-token"
        case jwt
        case openAIKey = "openai-key"
        case anthropicKey = "anthropic-key"
        case stripeKey = "stripe-key"
        case googleAPIKey = "google-api-key"
        case urlCredentials = "url-credentials"
        case genericSecret = "generic-secret"

        var replacement: [UInt8] { Array("\(SecretRedactor.marker):\(rawValue)]".utf8) }
    }

    public init() {}

    /// The text with its secrets replaced, for messages (file names, quoted values).
    public static func scrub(_ text: String) -> String { SecretRedactor().redact(text).text }

    /// Returns the text with each secret replaced by `[REDACTED]` and how many matches were
    /// replaced.
    public func redact(_ text: String) -> (text: String, matches: Int) {
        if let result = text.utf8.withContiguousStorageIfAvailable({ Self.redact(text, $0) }) {
            return result
        }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { Self.redact(text, $0) }
    }

    // MARK: - Scan

    /// The prefilter looks at each pair of adjacent bytes. For a byte `c`, the low 8 bits of
    /// `pairTable[c]` say which pattern classes `c` can start and the high 8 bits which
    /// classes `c` can continue as the second byte; a pair is worth a closer look only when
    /// `first.low & second.high != 0`. Classes: `--` (PEM), `AK`/`AS` (AWS), `be` in any case
    /// (Bearer), `ey` (JWT), `gh`/`gi` (GitHub), `xo` (Slack). Ordinary text rarely holds
    /// these pairs, so the scan runs without branch misses on letters like `e` or `g`.
    private static let pairTable: [UInt16] = {
        var t = [UInt16](repeating: 0, count: 256)
        func add(_ first: String, _ second: String, _ bit: UInt16) {
            for c in first.utf8 { t[Int(c)] |= bit }
            for c in second.utf8 { t[Int(c)] |= bit << 8 }
        }
        add("-", "-", 1 << 0)
        add("A", "KSI", 1 << 1)
        add("Bb", "Ee", 1 << 2)
        add("e", "y", 1 << 3)
        add("g", "hi", 1 << 4)
        add("x", "o", 1 << 5)
        add("sr", "k", 1 << 6)
        add("pPtTsSaA:", "aAwWoOeEpP/", 1 << 7)
        return t
    }()

    static func redact(_ text: String, _ s: UnsafeBufferPointer<UInt8>) -> (text: String, matches: Int) {
        let n = s.count
        // Every pattern is at least three bytes long.
        guard n >= 3 else { return (text, 0) }
        return pairTable.withUnsafeBufferPointer { table in
            var i = 0
            // Ranges to replace, found left to right, never overlapping.
            var ranges: [(start: Int, end: Int, rule: Rule)] = []
            // A JWT attempt that failed at `i` fails at every later start inside the same
            // base64url run; skipping those keeps the scan linear.
            var jwtSkipUntil = 0
            while i < n - 1 {
                let c = s[i]
                if table[Int(c)] & (table[Int(s[i + 1])] >> 8) == 0 {
                    i += 1
                    continue
                }
                let bits = table[Int(c)] & (table[Int(s[i + 1])] >> 8)
                var found: (start: Int, end: Int, rule: Rule)?
                func attempt(_ bit: UInt16, _ rule: Rule, _ match: () -> (start: Int, end: Int)?) {
                    guard found == nil, bits & bit != 0, let m = match() else { return }
                    found = (m.start, m.end, rule)
                }
                attempt(1 << 4, .githubToken) { github(s, i) }
                attempt(1 << 1, .awsAccessKey) { aws(s, i) }
                attempt(1 << 1, .googleAPIKey) { google(s, i) }
                attempt(1 << 2, .bearerToken) { bearer(s, i) }
                attempt(1 << 0, .privateKey) { pem(s, i) }
                attempt(1 << 5, .slackToken) { slack(s, i) }
                if bits & (1 << 3) != 0 && i >= jwtSkipUntil {
                    attempt(1 << 3, .jwt) { jwt(s, i, skipUntil: &jwtSkipUntil) }
                }
                if bits & (1 << 6) != 0, let m = dashedKey(s, i) { found = found ?? m }
                attempt(1 << 7, .urlCredentials) { urlCredentials(s, i) }
                attempt(1 << 7, .genericSecret) { genericSecret(s, i) }
                if let found {
                    ranges.append(found)
                    i = found.end
                } else {
                    i += 1
                }
            }
            return ranges.isEmpty ? (text, 0) : (replacing(s, ranges), ranges.count)
        }
    }

    /// `s` with each range replaced by `[REDACTED:<rule>]`. Ranges start and end at ASCII
    /// bytes, so the result is valid UTF-8 whenever `s` is.
    private static func replacing(_ s: UnsafeBufferPointer<UInt8>, _ ranges: [(start: Int, end: Int, rule: Rule)]) -> String {
        var capacity = s.count
        for r in ranges { capacity += r.rule.replacement.count - (r.end - r.start) }
        return String(unsafeUninitializedCapacity: capacity) { out in
            var o = 0
            var last = 0
            func copy(_ from: UnsafeBufferPointer<UInt8>) {
                guard let base = from.baseAddress, !from.isEmpty else { return }
                (out.baseAddress! + o).initialize(from: base, count: from.count)
                o += from.count
            }
            for r in ranges {
                copy(UnsafeBufferPointer(rebasing: s[last..<r.start]))
                r.rule.replacement.withUnsafeBufferPointer { copy($0) }
                last = r.end
            }
            copy(UnsafeBufferPointer(rebasing: s[last..<s.count]))
            return o
        }
    }


    // MARK: - Byte classes

    @inline(__always) private static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
    @inline(__always) private static func isUpper(_ c: UInt8) -> Bool { c &- 0x41 < 26 }
    @inline(__always) private static func isLower(_ c: UInt8) -> Bool { c &- 0x61 < 26 }
    @inline(__always) private static func isAlnum(_ c: UInt8) -> Bool {
        isDigit(c) || isUpper(c) || isLower(c)
    }
    @inline(__always) private static func isBase64URL(_ c: UInt8) -> Bool {
        isAlnum(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_")
    }
    /// RFC 6750 `b64token` characters: `[A-Za-z0-9-._~+/]`.
    @inline(__always) private static func isTokenChar(_ c: UInt8) -> Bool {
        isAlnum(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: "_")
            || c == UInt8(ascii: "~") || c == UInt8(ascii: "+") || c == UInt8(ascii: "/")
    }

    /// Whether `s[i...]` starts with the ASCII `literal`.
    @inline(__always)
    private static func hasPrefix(_ s: UnsafeBufferPointer<UInt8>, _ i: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard i + count <= s.count else { return false }
        let p = literal.utf8Start
        for k in 0..<count where s[i + k] != p[k] { return false }
        return true
    }

    /// The end of the run of bytes satisfying `pred` starting at `i`.
    @inline(__always)
    private static func run(_ s: UnsafeBufferPointer<UInt8>, _ i: Int, _ pred: (UInt8) -> Bool) -> Int {
        var j = i
        while j < s.count, pred(s[j]) { j += 1 }
        return j
    }

    // MARK: - Matchers (each called at a trigger byte `i`, returns the range to replace)

    /// `gh[pousr]_` + 36+ alphanumerics, or `github_pat_` + 22+ `[A-Za-z0-9_]`.
    private static func github(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> (start: Int, end: Int)? {
        guard i + 4 <= s.count else { return nil }
        if s[i + 1] == UInt8(ascii: "h") {
            switch s[i + 2] {
            case let kind where isGitHubKind(kind):
                guard s[i + 3] == UInt8(ascii: "_") else { return nil }
                var end = run(s, i + 4, isAlnum)
                // Two tokens glued together: stop before the next `gh?_` so both are found.
                if end < s.count, s[end] == UInt8(ascii: "_"), end - 3 - (i + 4) >= 36,
                    s[end - 3] == UInt8(ascii: "g"), s[end - 2] == UInt8(ascii: "h"), isGitHubKind(s[end - 1])
                {
                    end -= 3
                }
                return end - (i + 4) >= 36 ? (i, end) : nil
            default:
                return nil
            }
        }
        guard hasPrefix(s, i, "github_pat_") else { return nil }
        let end = run(s, i + 11) { isAlnum($0) || $0 == UInt8(ascii: "_") }
        return end - (i + 11) >= 22 ? (i, end) : nil
    }

    @inline(__always) private static func isGitHubKind(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "p") || c == UInt8(ascii: "o") || c == UInt8(ascii: "u") || c == UInt8(ascii: "s")
            || c == UInt8(ascii: "r")
    }

    /// `AKIA` / `ASIA` + exactly 16 `[A-Z0-9]`, with no letter or digit on either side.
    private static func aws(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> (start: Int, end: Int)? {
        guard i + 20 <= s.count, hasPrefix(s, i, "AKIA") || hasPrefix(s, i, "ASIA") else { return nil }
        if i > 0, isAlnum(s[i - 1]) { return nil }
        for k in (i + 4)..<(i + 20) {
            let c = s[k]
            guard isUpper(c) || isDigit(c) else { return nil }
        }
        if i + 20 < s.count, isAlnum(s[i + 20]) { return nil }
        return (i, i + 20)
    }

    /// `bearer` (any case), whitespace, then a token of 16+ `[A-Za-z0-9-._~+/]` and any `=`
    /// padding. Only the token is replaced.
    private static func bearer(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> (start: Int, end: Int)? {
        guard i + 6 + 1 + 16 <= s.count else { return nil }
        let e = UInt8(ascii: "e"), a = UInt8(ascii: "a"), r = UInt8(ascii: "r")
        guard s[i + 1] | 0x20 == e, s[i + 2] | 0x20 == a, s[i + 3] | 0x20 == r,
            s[i + 4] | 0x20 == e, s[i + 5] | 0x20 == r
        else { return nil }
        let tokenStart = run(s, i + 6) {
            $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n")
                || $0 == UInt8(ascii: "\r") || $0 == 0x0B || $0 == 0x0C
        }
        guard tokenStart > i + 6 else { return nil }
        let tokenEnd = run(s, tokenStart, isTokenChar)
        guard tokenEnd - tokenStart >= 16 else { return nil }
        return (tokenStart, run(s, tokenEnd) { $0 == UInt8(ascii: "=") })
    }

    /// `-----BEGIN <LABEL>PRIVATE KEY-----` (label of `[A-Z0-9 ]`, optionally `... KEY BLOCK`)
    /// through `-----END <same label>PRIVATE KEY-----`, or to the end of the text.
    private static func pem(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> (start: Int, end: Int)? {
        guard hasPrefix(s, i, "-----BEGIN ") else { return nil }
        let labelStart = i + 11
        // The header's label runs to the first "-----"; it must end in "PRIVATE KEY" or
        // "PRIVATE KEY BLOCK" and hold only upper-case letters, digits and spaces.
        var j = labelStart
        while j < s.count, j - labelStart <= 64, isUpper(s[j]) || isDigit(s[j]) || s[j] == UInt8(ascii: " ") {
            j += 1
        }
        let labelEnd = j
        guard hasPrefix(s, labelEnd, "-----") else { return nil }
        let label = UnsafeBufferPointer(rebasing: s[labelStart..<labelEnd])
        guard endsWith(label, "PRIVATE KEY") || endsWith(label, "PRIVATE KEY BLOCK") else { return nil }
        // Find "-----END " + label + "-----".
        var k = labelEnd + 5
        while k < s.count {
            if s[k] == UInt8(ascii: "-"), hasPrefix(s, k, "-----END ") {
                let l = k + 9
                if l + label.count + 5 <= s.count,
                    (0..<label.count).allSatisfy({ s[l + $0] == label[$0] }),
                    hasPrefix(s, l + label.count, "-----")
                {
                    return (i, l + label.count + 5)
                }
            }
            k += 1
        }
        return (i, s.count)
    }

    private static func endsWith(_ b: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard b.count >= count else { return false }
        return hasPrefix(b, b.count - count, literal)
    }

    /// `xox[abprs]-` + 10+ `[A-Za-z0-9-]`.
    private static func slack(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> (start: Int, end: Int)? {
        guard i + 5 + 10 <= s.count, s[i + 1] == UInt8(ascii: "o"), s[i + 2] == UInt8(ascii: "x"),
            s[i + 4] == UInt8(ascii: "-")
        else { return nil }
        switch s[i + 3] {
        case UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "p"), UInt8(ascii: "r"), UInt8(ascii: "s"):
            let end = run(s, i + 5) { isAlnum($0) || $0 == UInt8(ascii: "-") }
            return end - (i + 5) >= 10 ? (i, end) : nil
        default:
            return nil
        }
    }

    /// `eyJ...` `.` `...` `.` `...`: three base64url segments of 10+ characters each. An
    /// unsigned JWT (second segment also `eyJ...`) may have a short or empty signature.
    /// On failure, `skipUntil` becomes the end of the first segment's run: any start inside it
    /// sees the same later segments and a shorter first one, so it fails too.
    private static func jwt(
        _ s: UnsafeBufferPointer<UInt8>, _ i: Int, skipUntil: inout Int
    ) -> (start: Int, end: Int)? {
        guard i + 3 <= s.count, s[i + 1] == UInt8(ascii: "y"), s[i + 2] == UInt8(ascii: "J") else {
            return nil
        }
        let end1 = run(s, i, isBase64URL)
        skipUntil = end1
        guard end1 - i >= 10, end1 < s.count, s[end1] == UInt8(ascii: ".") else { return nil }
        let start2 = end1 + 1
        let end2 = run(s, start2, isBase64URL)
        guard end2 - start2 >= 10, end2 < s.count, s[end2] == UInt8(ascii: ".") else { return nil }
        let start3 = end2 + 1
        let end3 = run(s, start3, isBase64URL)
        if end3 - start3 >= 10 || hasPrefix(s, start2, "eyJ") { return (i, end3) }
        return nil
    }

    // MARK: - Keys of AI and payment providers, URLs, assignments

    /// Not inside a longer word: `task-sk-...` is no key.
    @inline(__always) private static func startsWord(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        i == 0 || !isBase64URL(s[i - 1])
    }

    /// `sk-ant-...` (Anthropic), `sk-...` (OpenAI), `sk_live_` `sk_test_` `rk_live_` `rk_test_` (Stripe).
    private static func dashedKey(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> (start: Int, end: Int, rule: Rule)? {
        guard startsWord(s, i) else { return nil }
        if s[i] == UInt8(ascii: "s"), hasPrefix(s, i, "sk-ant-") {
            let end = run(s, i + 7, isBase64URL)
            return end - (i + 7) >= 20 ? (i, end, .anthropicKey) : nil
        }
        if s[i] == UInt8(ascii: "s"), hasPrefix(s, i, "sk-") {
            let end = run(s, i + 3, isBase64URL)
            return end - (i + 3) >= 20 ? (i, end, .openAIKey) : nil
        }
        if hasPrefix(s, i + 1, "k_live_") || hasPrefix(s, i + 1, "k_test_") {
            let end = run(s, i + 8, isAlnum)
            return end - (i + 8) >= 10 ? (i, end, .stripeKey) : nil
        }
        return nil
    }

    /// `AIza` + exactly 35 `[A-Za-z0-9_-]`.
    private static func google(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> (start: Int, end: Int)? {
        guard startsWord(s, i), hasPrefix(s, i, "AIza") else { return nil }
        let end = run(s, i + 4, isBase64URL)
        return end - (i + 4) >= 35 ? (i, end) : nil
    }

    /// At `://`: the `user:password` before an `@` of the same authority.
    private static func urlCredentials(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> (start: Int, end: Int)? {
        guard hasPrefix(s, i, "://") else { return nil }
        let start = i + 3
        var colon = -1
        var j = start
        while j < s.count {
            let c = s[j]
            if c == UInt8(ascii: "@") { break }
            if c == UInt8(ascii: "/") || c == UInt8(ascii: "?") || c == UInt8(ascii: "#") || c <= 0x20
                || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { return nil }
            if c == UInt8(ascii: ":") && colon < 0 { colon = j }
            j += 1
        }
        guard j < s.count, colon > start, j > colon + 1, !hasPrefix(s, start, "[REDACTED") else { return nil }
        return (start, j)
    }

    private static let assignmentNames: [StaticString] = ["password", "passwd", "token", "secret", "api_key", "apikey"]

    /// `password=...`, `token: ...` and the like: only the value is replaced.
    private static func genericSecret(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> (start: Int, end: Int)? {
        guard i == 0 || !isAlnum(s[i - 1]) else { return nil }
        var nameEnd = -1
        for name in assignmentNames {
            let count = name.utf8CodeUnitCount
            guard i + count <= s.count else { continue }
            let p = name.utf8Start
            if (0..<count).allSatisfy({ s[i + $0] | 0x20 == p[$0] }) { nameEnd = i + count; break }
        }
        guard nameEnd > 0 else { return nil }
        let isSpace = { (c: UInt8) in c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") }
        var j = run(s, nameEnd, isSpace)
        guard j < s.count, s[j] == UInt8(ascii: "=") || s[j] == UInt8(ascii: ":") else { return nil }
        j = run(s, j + 1, isSpace)
        if j < s.count, s[j] == UInt8(ascii: "\"") || s[j] == UInt8(ascii: "'") { j += 1 }
        guard !hasPrefix(s, j, "[REDACTED") else { return nil }  // already done: redacting is idempotent
        let end = run(s, j) {
            $0 > 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "'") && $0 != UInt8(ascii: "&")
                && $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: ",")
        }
        let length = end - j
        guard length >= 6 else { return nil }
        let mixed = (j..<end).contains { !isUpper(s[$0]) && !isLower(s[$0]) }
        return mixed || length >= 16 ? (j, end) : nil
    }
}
