import Foundation

/// When to try again and how long to wait: exponential backoff with full jitter (a random
/// wait between 0 and min(cap, base x 2^(n-1))), a server's `Retry-After` honoured but
/// capped, bounded by attempts and by total time. Pure: the pusher injects time and chance.
public struct RetryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    public var totalTimeout: Double
    public var attemptTimeout: Double
    public var base: Double
    public var cap: Double

    public init(maxAttempts: Int = 5, totalTimeout: Double = 120, attemptTimeout: Double = 30, base: Double = 0.5, cap: Double = 30) {
        self.maxAttempts = maxAttempts
        self.totalTimeout = totalTimeout
        self.attemptTimeout = attemptTimeout
        self.base = base
        self.cap = cap
    }

    /// What an attempt's result means for the next one.
    public enum Verdict: Equatable, Sendable {
        case delivered
        /// Worth another attempt (connection error, timeout, 408, 429, 5xx).
        case retry
        /// Another attempt would fail the same way (other 4xx, 3xx, TLS, bad response).
        case giveUp
    }

    public static func verdict(_ result: AttemptResult) -> Verdict {
        switch result {
        case .response(let status, _):
            if (200..<300).contains(status) { return .delivered }
            if status == 408 || status == 429 || (500..<600).contains(status) { return .retry }
            return .giveUp
        case .failure(let failure):
            return failure.kind == .tls ? .giveUp : .retry
        }
    }

    /// The wait before attempt `attempt + 1`: `Retry-After` when the server gave one (capped
    /// at `cap`), otherwise full jitter. `random` returns a value in [0, 1).
    public func delay(afterAttempt attempt: Int, retryAfter: Double?, random: () -> Double) -> Double {
        if let retryAfter { return min(max(0, retryAfter), cap) }
        let ceiling = min(cap, base * pow(2, Double(max(0, attempt - 1))))
        return ceiling * random()
    }
}

/// `Retry-After`: delay-seconds or an HTTP date (RFC 9110 10.2.3), as seconds from `now`.
public enum RetryAfter {
    public static func seconds(_ header: String?, now: Date) -> Double? {
        guard let text = header?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if text.allSatisfy(\.isASCII), let seconds = Int(text), seconds >= 0 { return Double(seconds) }
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return max(0, date.timeIntervalSince(now)) }
        }
        return nil
    }
}
