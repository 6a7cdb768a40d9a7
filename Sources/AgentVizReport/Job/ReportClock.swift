import Foundation

/// The one place the wall clock is read. Tests and reproducible builds fix it with
/// `--now` or `SOURCE_DATE_EPOCH`.
public struct ReportClock: Sendable {
    private let read: @Sendable () -> Timestamp

    public init(_ read: @escaping @Sendable () -> Timestamp) { self.read = read }

    public func now() -> Timestamp { read() }

    /// Whole seconds: a report says when it was made, not to the microsecond.
    public static let system = ReportClock {
        Timestamp(seconds: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }

    public static func fixed(_ t: Timestamp) -> ReportClock { ReportClock { t } }

    /// `--now` (RFC 3339) wins, then `SOURCE_DATE_EPOCH` (seconds), then the system clock.
    public static func resolve(now: String?, environment: [String: String]) throws(JobError) -> ReportClock {
        if let now {
            guard let t = RFC3339.parse(now) else {
                throw JobError.usage("--now '\(now)' is not an RFC 3339 timestamp (for example 2026-11-25T12:00:00Z)")
            }
            return .fixed(t)
        }
        if let epoch = environment["SOURCE_DATE_EPOCH"], !epoch.isEmpty {
            guard let seconds = Int64(epoch) else {
                throw JobError.usage("SOURCE_DATE_EPOCH '\(epoch)' is not a whole number of seconds")
            }
            return .fixed(Timestamp(seconds: seconds))
        }
        return .system
    }
}

/// Elapsed time for progress displays (never for report data, which reads `ReportClock`).
public enum MonotonicClock {
    public static func seconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
