/// The figures of ANALYTICS.md section 4 for a set of sessions in one window, plus the
/// data-quality counts the report and the rules use.
public struct WindowFigures: Equatable, Sendable {
    public var activeSessions = 0
    public var startedSessions = 0
    public var completedSessions = 0
    public var failedSessions = 0
    public var usage = Usage()
    public var events = 0
    public var resumes = 0
    public var sessionsWithoutCost = 0
    public var sessionsWithoutRepository = 0
    public var completedWithoutPr = 0
    public var agentTasksCompletedWithoutPr = 0
    // Section 7: where the cost comes from (reported + computed = usage.costNanos).
    public var costReportedNanos: Int128 = 0
    public var costComputedNanos: Int128 = 0
    public var unpricedSessions = 0
    public var zeroCostSessions = 0
    public var aiCreditsNanos: Int128 = 0

    public init() {}

    public var costReportedUsd: Double { Usage.dollars(costReportedNanos) }
    public var costComputedUsd: Double { Usage.dollars(costComputedNanos) }
    public var aiCredits: Double { Usage.dollars(aiCreditsNanos) }

    /// `failedSessions / (completedSessions + failedSessions)`, nil when both are 0.
    public var failureRate: Double? {
        let ended = completedSessions + failedSessions
        return ended == 0 ? nil : Double(failedSessions) / Double(ended)
    }

    public var shareWithoutCost: Double? { share(sessionsWithoutCost) }
    public var shareWithoutRepository: Double? { share(sessionsWithoutRepository) }

    private func share(_ n: Int) -> Double? {
        activeSessions == 0 ? nil : Double(n) / Double(activeSessions)
    }

    public mutating func add(_ s: SessionWindow) {
        activeSessions += 1
        if s.started { startedSessions += 1 }
        if s.completed { completedSessions += 1 }
        if s.failed { failedSessions += 1 }
        usage += s.usage
        events += s.events
        resumes += s.resumes
        if !s.hasCostData { sessionsWithoutCost += 1 }
        if s.repository == nil { sessionsWithoutRepository += 1 }
        if s.completed && s.prNumber == nil {
            completedWithoutPr += 1
            if s.sourceType == .agentTask { agentTasksCompletedWithoutPr += 1 }
        }
        costReportedNanos += s.costReportedNanos
        costComputedNanos += s.costComputedNanos
        if s.costSource == .unpriced { unpricedSessions += 1 }
        if s.zeroCost { zeroCostSessions += 1 }
        aiCreditsNanos += s.aiCreditsNanos
    }

    public static func of<S: Sequence>(_ sessions: S) -> WindowFigures where S.Element == SessionWindow {
        var figures = WindowFigures()
        for s in sessions { figures.add(s) }
        return figures
    }
}

extension WindowFigures {
    /// Adds another set of (disjoint) sessions' figures.
    public mutating func merge(_ o: WindowFigures) {
        activeSessions += o.activeSessions
        startedSessions += o.startedSessions
        completedSessions += o.completedSessions
        failedSessions += o.failedSessions
        usage += o.usage
        events += o.events
        resumes += o.resumes
        sessionsWithoutCost += o.sessionsWithoutCost
        sessionsWithoutRepository += o.sessionsWithoutRepository
        completedWithoutPr += o.completedWithoutPr
        agentTasksCompletedWithoutPr += o.agentTasksCompletedWithoutPr
        costReportedNanos += o.costReportedNanos
        costComputedNanos += o.costComputedNanos
        unpricedSessions += o.unpricedSessions
        zeroCostSessions += o.zeroCostSessions
        aiCreditsNanos += o.aiCreditsNanos
    }
}
