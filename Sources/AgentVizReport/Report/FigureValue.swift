/// A window figure as a value, with its kind: the one table that JSON, Markdown and the
/// rule rows all read, so a figure's name is spelled in one place.
public enum FigureValue: Equatable, Sendable {
    case count(Int128)
    case money(Double)
    /// A decimal quantity that is not money: AI credits, premium requests.
    case amount(Double)
    case ratio(Double?)

    public var number: Double? {
        switch self {
        // Through Int64 when it fits: the generic 128-bit conversion is slow.
        case .count(let n): return Int64(exactly: n).map(Double.init) ?? Double(n)
        case .money(let m), .amount(let m): return m
        case .ratio(let r): return r
        }
    }
}

extension WindowFigures {
    /// The figures of ANALYTICS.md section 4, in the order reports show them.
    public static let sectionFourNames = [
        "activeSessions", "startedSessions", "completedSessions", "failedSessions", "failureRate",
        "tokenInput", "tokenOutput", "tokenTotal", "estimatedCostUsd", "durationSeconds", "events",
        "costReportedUsd", "costComputedUsd", "unpricedSessions", "zeroCostSessions", "aiCredits",
    ]
    /// Data-quality and rule figures reported beside them.
    public static let extraNames = [
        "resumes", "sessionsWithoutCost", "sessionsWithoutRepository", "shareWithoutCost",
        "shareWithoutRepository", "completedWithoutPr", "agentTasksCompletedWithoutPr",
        "tokenCacheRead", "tokenCacheWrite", "premiumRequests",
    ]
    public static let allNames = sectionFourNames + extraNames

    public func value(_ name: String) -> FigureValue {
        guard let read = Self.readers[name] else { preconditionFailure("unknown figure \(name)") }
        return read(self)
    }

    /// Every figure by name, in `allNames` order: for callers that want them all (a
    /// lookup by name per figure would compare strings again and again).
    public var values: [(name: String, value: FigureValue)] {
        Self.table.map { ($0.name, $0.read(self)) }
    }

    private typealias Reader = @Sendable (WindowFigures) -> FigureValue

    private static let table: [(name: String, read: Reader)] = [
        ("activeSessions", { .count(Int128($0.activeSessions)) }),
        ("startedSessions", { .count(Int128($0.startedSessions)) }),
        ("completedSessions", { .count(Int128($0.completedSessions)) }),
        ("failedSessions", { .count(Int128($0.failedSessions)) }),
        ("failureRate", { .ratio($0.failureRate) }),
        ("tokenInput", { .count($0.usage.tokenInput) }),
        ("tokenOutput", { .count($0.usage.tokenOutput) }),
        ("tokenTotal", { .count($0.usage.tokenTotal) }),
        ("estimatedCostUsd", { .money($0.usage.estimatedCostUsd) }),
        ("durationSeconds", { .count($0.usage.durationSeconds) }),
        ("events", { .count(Int128($0.events)) }),
        ("costReportedUsd", { .money($0.costReportedUsd) }),
        ("costComputedUsd", { .money($0.costComputedUsd) }),
        ("unpricedSessions", { .count(Int128($0.unpricedSessions)) }),
        ("zeroCostSessions", { .count(Int128($0.zeroCostSessions)) }),
        ("aiCredits", { .amount($0.aiCredits) }),
        ("resumes", { .count(Int128($0.resumes)) }),
        ("sessionsWithoutCost", { .count(Int128($0.sessionsWithoutCost)) }),
        ("sessionsWithoutRepository", { .count(Int128($0.sessionsWithoutRepository)) }),
        ("shareWithoutCost", { .ratio($0.shareWithoutCost) }),
        ("shareWithoutRepository", { .ratio($0.shareWithoutRepository) }),
        ("completedWithoutPr", { .count(Int128($0.completedWithoutPr)) }),
        ("agentTasksCompletedWithoutPr", { .count(Int128($0.agentTasksCompletedWithoutPr)) }),
        ("tokenCacheRead", { .count($0.usage.tokenCacheRead) }),
        ("tokenCacheWrite", { .count($0.usage.tokenCacheWrite) }),
        ("premiumRequests", { .amount(Usage.dollars($0.usage.premiumRequestsNanos)) }),
    ]

    private static let readers: [String: Reader] = Dictionary(uniqueKeysWithValues: table.map { ($0.name, $0.read) })

    /// `(current - previous) / previous` for every figure; nil when previous is 0 or null.
    public func change(from previous: WindowFigures) -> [String: Double?] {
        var result: [String: Double?] = [:]
        for name in Self.allNames {
            guard let now = value(name).number, let before = previous.value(name).number, before != 0 else {
                result[name] = .some(nil)
                continue
            }
            result[name] = (now - before) / before
        }
        return result
    }
}
