@testable import AgentVizReport

/// A plain, obviously-correct reading of ANALYTICS.md sections 3, 4 and 7, written straight
/// from the definitions with no precomputation, to check the real roll-up figure by figure.
enum ReferenceRollup {
    static func figures(_ events: [Event], _ window: Window, prices: PriceTable = PriceTableLoader.builtIn()) -> WindowFigures {
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
            figures.usage.tokenCacheRead += delta { $0.tokenCacheRead.map { Int128($0) } }
            figures.usage.tokenCacheWrite += delta { $0.tokenCacheWrite.map { Int128($0) } }
            figures.usage.aiCreditsNanos += delta { $0.aiCredits.map(Usage.nanos) }
            figures.usage.premiumRequestsNanos += delta { $0.premiumRequests.map(Usage.nanos) }
            // Section 7: reported when any event of the session reports a cost, else computed
            // from the model as of the end at the price in force at its last event in the
            // window, else unpriced when it used tokens.
            let tokens = [delta { $0.tokenInput.map { Int128($0) } }, delta { $0.tokenOutput.map { Int128($0) } },
                          delta { $0.tokenTotal.map { Int128($0) } }, delta { $0.tokenCacheRead.map { Int128($0) } },
                          delta { $0.tokenCacheWrite.map { Int128($0) } }]
            let usedTokens = tokens.contains { $0 > 0 }
            var cost: Int128 = 0
            if timeline.contains(where: { $0.metrics.estimatedCostUsd != nil }) {
                cost = delta { $0.estimatedCostUsd.map(Usage.nanos) }
                figures.costReportedNanos += cost
                if cost == 0 && usedTokens { figures.zeroCostSessions += 1 }
            } else {
                let model = timeline.filter { $0.capturedAt < window.end }.last(where: { $0.model != nil })?.model
                let last = inside.last!.capturedAt
                let row = model.flatMap { prices.models[$0] }?.filter { $0.effective <= last }.max { $0.effective < $1.effective }
                if let p = row?.price {
                    let input = tokens[0], output = tokens[1], read = tokens[3], write = tokens[4]
                    let uncached = max(0, input - read - write)
                    let perMillion = uncached * p.input + read * p.cachedInput + write * p.cacheWrite + output * p.output
                    // Nearest nano-dollar, halves up.
                    cost = perMillion / 1_000_000 + (perMillion % 1_000_000 >= 500_000 ? 1 : 0)
                    figures.costComputedNanos += cost
                } else if usedTokens {
                    figures.unpricedSessions += 1
                }
            }
            figures.usage.costNanos += cost
            if timeline.contains(where: { $0.metrics.aiCredits != nil }) {
                figures.aiCreditsNanos += delta { $0.aiCredits.map(Usage.nanos) }
            } else {
                figures.aiCreditsNanos += cost * 100
            }
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
