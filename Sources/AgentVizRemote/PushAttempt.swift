/// Why an attempt got no HTTP response.
public struct TransportFailure: Error, Equatable, Sendable {
    public enum Kind: String, Sendable {
        /// Refused, reset, DNS: worth another attempt.
        case connection
        /// No answer within the attempt's time.
        case timeout
        /// A TLS check failed: another attempt would fail the same way.
        case tls
    }

    public var kind: Kind
    /// What failed, in words that say what to check (never a token).
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}

/// The result of one POST.
public enum AttemptResult: Equatable, Sendable {
    /// `retryAfter` is the raw `Retry-After` header.
    case response(status: Int, retryAfter: String?)
    case failure(TransportFailure)

    /// `503`, `timeout`, `connection error`, `TLS error`: for the outcome line.
    public var short: String {
        switch self {
        case .response(let status, _): return String(status)
        case .failure(let f):
            switch f.kind {
            case .connection: return "connection error"
            case .timeout: return "timeout"
            case .tls: return "TLS error"
            }
        }
    }
}

/// One attempt as it happened.
public struct PushAttempt: Equatable, Sendable {
    public var result: AttemptResult
    /// Seconds since the push started, when the attempt ended.
    public var endedAt: Double
    /// The wait chosen before the next attempt (nil: none followed).
    public var waitAfter: Double?
}
