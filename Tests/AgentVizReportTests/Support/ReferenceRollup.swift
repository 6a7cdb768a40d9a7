@testable import AgentVizReport

/// A plain, obviously-correct reading of ANALYTICS.md sections 3-4, written straight from
/// the definitions with no precomputation, to check the real roll-up figure by figure.
enum ReferenceRollup {
    static func figures(_ events: [Event], _ window: Window) -> WindowFigures {
        var figures = WindowFigures()
        let sessions = Dictionary(grouping: events, by: \.sessionId)
        for (_, unsorted) in sessions {
            let timeline = unsorted.sorted(by: TimelineOrder.precedes)
            let inside = timeline.filter { window.contains($0.capturedAt) }
            guard !inside.isEmpty else { continue }
            figures.activeSessions += 1
            if window.contains(timeline[0].capturedAt) { figures.startedSessions += 1 }
            var failed = false, completed = false
            for (i, e) in timeline.enumerated() where window.contains(e.capturedAt) {
                let previous = i == 0 ? nil : timeline[i - 1].status
                if e.status == .failed && previous != .failed { failed = true }
                if e.status == .completed && previous != .completed { completed = true }
            }
            if failed { figures.failedSessions += 1 }
            if completed { figures.completedSessions += 1 }
            figures.events += inside.count
            func usage(before t: Timestamp, _ metric: (Metrics) -> Int128?) -> Int128 {
                timeline.filter { $0.capturedAt < t }.compactMap { metric($0.metrics) }.max() ?? 0
            }
            func delta(_ metric: (Metrics) -> Int128?) -> Int128 {
                usage(before: window.end, metric) - usage(before: window.start, metric)
            }
            figures.usage.tokenInput += delta { $0.tokenInput.map { Int128($0) } }
            figures.usage.tokenOutput += delta { $0.tokenOutput.map { Int128($0) } }
            figures.usage.tokenTotal += delta { $0.tokenTotal.map { Int128($0) } }
            figures.usage.durationSeconds += delta { $0.durationSeconds.map { Int128($0) } }
            figures.usage.costNanos += delta { $0.estimatedCostUsd.map(Usage.nanos) }
            figures.resumes += inside.filter { $0.operatorAction == .resumeSession }.count
            let before = timeline.filter { $0.capturedAt < window.end }
            if !before.contains(where: { $0.metrics.estimatedCostUsd != nil }) { figures.sessionsWithoutCost += 1 }
            let repository = before.last(where: { $0.repository != nil })?.repository
            if repository == nil { figures.sessionsWithoutRepository += 1 }
            if completed && before.last(where: { $0.prNumber != nil }) == nil {
                figures.completedWithoutPr += 1
                if before.last!.sourceType == .agentTask { figures.agentTasksCompletedWithoutPr += 1 }
            }
        }
        return figures
    }
}
