import Foundation

/// Sends one body to one endpoint: the same `Idempotency-Key` on every attempt, retries as
/// `RetryPolicy` says, and a `PushOutcome` that says what happened. Time, sleep and chance
/// are injected so the policy's tests need no network and no waiting.
public protocol PushTransport {
    /// One POST; must return within `timeout` seconds.
    func post(_ request: PushRequest, timeout: Double) -> AttemptResult
}

/// What every attempt sends.
public struct PushRequest: Sendable {
    public var body: [UInt8]
    public var headers: [(name: String, value: String)]
}

public struct ReportPusher {
    public var transport: PushTransport
    public var policy: RetryPolicy
    /// Seconds on a monotonic clock.
    public var clock: () -> Double
    public var sleep: (Double) -> Void
    /// In [0, 1), for the jitter.
    public var random: () -> Double
    /// The wall clock, for `Retry-After` dates.
    public var wallClock: () -> Date = Date.init

    public init(transport: PushTransport, policy: RetryPolicy,
                clock: @escaping () -> Double = ReportPusher.monotonicSeconds,
                sleep: @escaping (Double) -> Void = { Thread.sleep(forTimeInterval: $0) },
                random: @escaping () -> Double = { Double.random(in: 0..<1) }) {
        self.transport = transport
        self.policy = policy
        self.clock = clock
        self.sleep = sleep
        self.random = random
    }

    public static func monotonicSeconds() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }

    /// `headers` are sent as given, plus `Idempotency-Key` (SHA-256 of the body, so a
    /// retried POST the server already took is recognised).
    public func push(_ request: PushRequest) -> PushOutcome {
        let start = clock()
        var attempts: [PushAttempt] = []
        var stop: PushOutcome.Stop = .attemptsExhausted
        while attempts.count < policy.maxAttempts {
            let left = policy.totalTimeout - (clock() - start)
            guard left > 0 else { stop = .outOfTime; break }
            let result = transport.post(request, timeout: min(policy.attemptTimeout, left))
            attempts.append(PushAttempt(result: result, endedAt: clock() - start))
            switch RetryPolicy.verdict(result) {
            case .delivered:
                return PushOutcome(attempts: attempts, elapsed: clock() - start, stop: .delivered, policy: policy)
            case .giveUp:
                return PushOutcome(attempts: attempts, elapsed: clock() - start, stop: .notRetryable, policy: policy)
            case .retry:
                guard attempts.count < policy.maxAttempts else { break }
                var retryAfter: Double?
                if case .response(_, let header) = result { retryAfter = RetryAfter.seconds(header, now: wallClock()) }
                let wait = policy.delay(afterAttempt: attempts.count, retryAfter: retryAfter, random: random)
                // Waiting past the total time would only end in a failure later.
                guard clock() - start + wait < policy.totalTimeout else { stop = .outOfTime; break }
                attempts[attempts.count - 1].waitAfter = wait
                sleep(wait)
                continue
            }
            break
        }
        return PushOutcome(attempts: attempts, elapsed: clock() - start, stop: stop, policy: policy)
    }
}

/// How a push ended, and the line that tells the user.
public struct PushOutcome: Sendable {
    public enum Stop: Sendable, Equatable {
        case delivered, notRetryable, attemptsExhausted, outOfTime
    }

    public var attempts: [PushAttempt]
    public var elapsed: Double
    public var stop: Stop
    public var policy: RetryPolicy

    public var delivered: Bool { stop == .delivered }

    /// The last HTTP status, if any attempt got one.
    public var finalStatus: Int? {
        for a in attempts.reversed() { if case .response(let status, _) = a.result { return status } }
        return nil
    }

    /// `push: delivered in 2 attempts (503, 200), 0.6 s` or the failure with its reason.
    public var summary: String {
        let list = attempts.map(\.result.short).joined(separator: ", ")
        let counted = "\(attempts.count) attempt\(attempts.count == 1 ? "" : "s") (\(list)), \(String(format: "%.1f", elapsed)) s"
        if delivered { return "push: delivered in " + counted }
        let why: String
        switch stop {
        case .delivered: why = ""
        case .notRetryable: why = "not retried: " + reason
        case .attemptsExhausted: why = "gave up after maxAttempts (\(policy.maxAttempts)): " + reason
        case .outOfTime: why = "gave up at totalTimeoutSeconds (\(Self.seconds(policy.totalTimeout)) s): " + reason
        }
        return "push: failed after " + counted + "; " + why
    }

    /// What the last attempt says about the failure.
    var reason: String {
        guard let last = attempts.last else { return "no attempt could start" }
        switch last.result {
        case .failure(let f): return f.message
        case .response(let status, _):
            switch status {
            case 401, 403: return "the endpoint refused our credentials (HTTP \(status)); check analytics.remote.tokenEnv/tokenFile or the client certificate"
            case 300..<400: return "the endpoint redirects (HTTP \(status)); put the final URL in analytics.remote.endpoint"
            case 400..<500 where status != 408 && status != 429: return "the endpoint rejected the report (HTTP \(status)); check the endpoint URL and its expected payload"
            default: return "the endpoint answered HTTP \(status)"
            }
        }
    }

    static func seconds(_ d: Double) -> String { d == d.rounded() ? String(Int(d)) : String(d) }
}
