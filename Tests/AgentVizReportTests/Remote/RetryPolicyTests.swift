@testable import AgentVizRemote
import AgentVizReport
import Foundation
import XCTest

/// The retry loop with a scripted transport and a fake clock: instant, and exact.
final class RetryPolicyTests: XCTestCase {
    final class Scripted: PushTransport {
        var results: [AttemptResult]
        var timeouts: [Double] = []
        var clock: FakeClock
        var cost: Double

        init(_ results: [AttemptResult], clock: FakeClock, cost: Double = 0.1) {
            self.results = results
            self.clock = clock
            self.cost = cost
        }

        func post(_ request: PushRequest, timeout: Double) -> AttemptResult {
            timeouts.append(timeout)
            let result = results.count > 1 ? results.removeFirst() : results[0]
            if case .failure(let f) = result, f.kind == .timeout { clock.now += timeout } else { clock.now += cost }
            return result
        }
    }

    final class FakeClock { var now = 0.0 }

    func push(_ results: [AttemptResult], policy: RetryPolicy = RetryPolicy(), random: Double = 0.5) -> (PushOutcome, [Double], Scripted) {
        let clock = FakeClock()
        let transport = Scripted(results, clock: clock)
        var sleeps: [Double] = []
        var pusher = ReportPusher(transport: transport, policy: policy, clock: { clock.now },
                                  sleep: { sleeps.append($0); clock.now += $0 }, random: { random })
        pusher.wallClock = { Date(timeIntervalSince1970: 1_700_000_000) }
        let outcome = pusher.push(PushRequest(body: [], headers: []))
        return (outcome, sleeps, transport)
    }

    static let unavailable = AttemptResult.response(status: 503, retryAfter: nil)
    static let ok = AttemptResult.response(status: 200, retryAfter: nil)

    func testFullJitterGrowsExponentiallyUpToTheCap() {
        let policy = RetryPolicy(base: 0.5, cap: 3)
        XCTAssertEqual((1...5).map { policy.delay(afterAttempt: $0, retryAfter: nil, random: { 0.999999 }) }.map { ($0 * 100).rounded() / 100 },
                       [0.5, 1, 2, 3, 3])
        XCTAssertEqual(policy.delay(afterAttempt: 4, retryAfter: nil, random: { 0 }), 0, "full jitter starts at zero")
        XCTAssertEqual(policy.delay(afterAttempt: 1, retryAfter: 2, random: { 0 }), 2, "Retry-After wins over jitter")
        XCTAssertEqual(policy.delay(afterAttempt: 1, retryAfter: 600, random: { 0 }), 3, "and is capped")
    }

    func testWhatIsRetried() {
        for status in [408, 429, 500, 502, 503, 504] {
            XCTAssertEqual(RetryPolicy.verdict(.response(status: status, retryAfter: nil)), .retry, "\(status)")
        }
        for status in [301, 400, 401, 403, 404, 409, 422] {
            XCTAssertEqual(RetryPolicy.verdict(.response(status: status, retryAfter: nil)), .giveUp, "\(status)")
        }
        XCTAssertEqual(RetryPolicy.verdict(.response(status: 202, retryAfter: nil)), .delivered)
        XCTAssertEqual(RetryPolicy.verdict(.failure(TransportFailure(.connection, "refused"))), .retry)
        XCTAssertEqual(RetryPolicy.verdict(.failure(TransportFailure(.timeout, "slow"))), .retry)
        XCTAssertEqual(RetryPolicy.verdict(.failure(TransportFailure(.tls, "untrusted"))), .giveUp)
    }

    func testRetryAfterSecondsAndHTTPDate() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)  // Tue, 14 Nov 2023 22:13:20 GMT
        XCTAssertEqual(RetryAfter.seconds("7", now: now), 7)
        XCTAssertEqual(RetryAfter.seconds("Tue, 14 Nov 2023 22:13:30 GMT", now: now), 10)
        XCTAssertEqual(RetryAfter.seconds("Tue, 14 Nov 2023 22:13:00 GMT", now: now), 0, "a past date: no wait")
        XCTAssertNil(RetryAfter.seconds("soon", now: now))
        XCTAssertNil(RetryAfter.seconds("-3", now: now))
    }

    func testUnavailableThenDelivered() {
        let (outcome, sleeps, _) = push([Self.unavailable, Self.unavailable, Self.ok])
        XCTAssertTrue(outcome.delivered)
        XCTAssertEqual(outcome.attempts.count, 3)
        XCTAssertEqual(sleeps, [0.25, 0.5])
        XCTAssertEqual(outcome.summary, "push: delivered in 3 attempts (503, 503, 200), 1.1 s")
    }

    func testGivesUpAfterMaxAttempts() {
        let (outcome, sleeps, _) = push([Self.unavailable], policy: RetryPolicy(maxAttempts: 4))
        XCTAssertFalse(outcome.delivered)
        XCTAssertEqual(outcome.attempts.count, 4)
        XCTAssertEqual(sleeps.count, 3, "no wait after the last attempt")
        XCTAssertEqual(outcome.stop, .attemptsExhausted)
        XCTAssertTrue(outcome.summary.hasPrefix("push: failed after 4 attempts (503, 503, 503, 503)"), outcome.summary)
        XCTAssertTrue(outcome.summary.contains("gave up after maxAttempts (4): the endpoint answered HTTP 503"), outcome.summary)
    }

    func testBadRequestIsNotRetried() {
        let (outcome, sleeps, _) = push([.response(status: 400, retryAfter: nil), Self.ok])
        XCTAssertEqual(outcome.attempts.count, 1)
        XCTAssertEqual(sleeps, [])
        XCTAssertEqual(outcome.stop, .notRetryable)
        XCTAssertEqual(outcome.finalStatus, 400)
    }

    func testTotalTimeBoundsTimeoutsAndWaits() {
        let policy = RetryPolicy(maxAttempts: 10, totalTimeout: 5, attemptTimeout: 2, base: 0.5, cap: 30)
        let (outcome, _, transport) = push([.failure(TransportFailure(.timeout, "no answer"))], policy: policy, random: 0)
        XCTAssertEqual(outcome.stop, .outOfTime)
        XCTAssertEqual(transport.timeouts, [2, 2, 1], "the last attempt gets only the time left")
        XCTAssertEqual(outcome.elapsed, 5, accuracy: 1e-9)
    }

    func testRetryAfterIsHonouredButNotPastTheTotalTime() {
        let (outcome, sleeps, _) = push([.response(status: 429, retryAfter: "2"), Self.ok])
        XCTAssertTrue(outcome.delivered)
        XCTAssertEqual(sleeps, [2])
        let tight = RetryPolicy(totalTimeout: 10, cap: 30)
        let (late, lateSleeps, _) = push([.response(status: 429, retryAfter: "20")], policy: tight)
        XCTAssertEqual(late.stop, .outOfTime, "waiting 20 s would pass the 10 s total")
        XCTAssertEqual(lateSleeps, [])
    }
}
