/// One session's events in timeline order, with what every window question needs
/// precomputed once: running counter maxima, failure and completion transitions.
struct SessionTimeline<Text: TimelineText> {
    typealias E = Text.Event
    let events: [E]
    let text: Text
    private(set) var isFailure: [Bool] = []
    private(set) var isCompletion: [Bool] = []
    /// Values lower than an earlier one, counted per metric value.
    private(set) var metricRegressions = 0
    /// Some event carries `estimatedCostUsd` / `aiCredits`: the session's cost / credits
    /// are then the reported ones in every window (section 7), so weekly sums add up.
    private(set) var reportsCost = false
    private(set) var reportsCredits = false
    /// Some event names a model: only then is the as-of-end scan looking for one (a 1.0
    /// history has none, and would otherwise scan every earlier event of every view).
    private(set) var namesModel = false

    /// `events` must be one session's events, sorted with `TimelineOrder.precedes`.
    init(sortedEvents events: [E], text: Text) {
        self.events = events
        self.text = text
        var running = Usage()
        var previous: SessionStatus?
        for event in events {
            metricRegressions += text.absorb(event, into: &running)
            isFailure.append(event.status == .failed && previous != .failed)
            isCompletion.append(event.status == .completed && previous != .completed)
            previous = event.status
            if event.hasCost { reportsCost = true }
            if !reportsCredits && text.hasCredits(event) { reportsCredits = true }
            if !namesModel && text.hasModel(event) { namesModel = true }
        }
    }

    /// Index of the first event captured at or after `t` (events are sorted by capturedAt first).
    func firstIndex(atOrAfter t: Timestamp) -> Int {
        var lo = 0, hi = events.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if events[mid].capturedAt < t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    func usage(before index: Int) -> Usage {
        // Recomputed from the events rather than kept per event: a Usage is 144 bytes and a
        // session has a handful of events and views, so the scan is cheaper than the array.
        var usage = Usage()
        for i in 0..<index { _ = text.absorb(events[i], into: &usage) }
        return usage
    }

    /// The session seen through `window`, or nil when it has no event in it.
    func view(of window: Window, prices: PriceTable) -> SessionWindow? {
        let lo = firstIndex(atOrAfter: window.start)
        let hi = firstIndex(atOrAfter: window.end)
        guard hi > lo else { return nil }
        let last = events[hi - 1]
        var view = SessionWindow(
            sessionId: text.sessionId(last), status: last.status, sourceType: last.sourceType,
            repository: nil, branch: nil, title: nil, prNumber: nil,
            started: lo == 0, failures: 0, completions: 0, events: hi - lo, resumes: 0,
            usage: usage(before: hi) - usage(before: lo), hasCostData: false,
            lastEventAt: last.capturedAt,
            idleHours: Double(window.end.microseconds - last.capturedAt.microseconds) / 3_600_000_000)
        for i in lo..<hi {
            if isFailure[i] { view.failures += 1 }
            if isCompletion[i] { view.completions += 1 }
            if events[i].operatorAction == .resumeSession { view.resumes += 1 }
        }
        // Fields as of the end: the latest event before it that carries each one.
        var i = hi - 1
        var missing = namesModel ? 6 : 5
        while i >= 0 && missing > 0 {
            let e = events[i]
            if view.repository == nil, let v = text.repository(e) { view.repository = v; missing -= 1 }
            if view.branch == nil, let v = text.branch(e) { view.branch = v; missing -= 1 }
            if view.title == nil, let v = text.title(e) { view.title = v; missing -= 1 }
            if view.prNumber == nil, let v = e.prNumber { view.prNumber = v; missing -= 1 }
            if !view.hasCostData, e.hasCost { view.hasCostData = true; missing -= 1 }
            if namesModel, view.model == nil, let v = text.model(e) { view.model = v; missing -= 1 }
            i -= 1
        }
        price(&view, with: prices)
        return view
    }

    /// The session's cost in the window, in section 7's order: reported, computed (its
    /// model as of the end, the price in force at its last event in the window), unpriced.
    private func price(_ view: inout SessionWindow, with prices: PriceTable) {
        // No model: no price, without a lookup.
        let price = view.model == nil ? .failure(.noModel) : prices.price(of: view.model, at: view.lastEventAt)
        if case .success(let p) = price {
            view.pricedNanos = p.costNanos(of: view.usage)
            view.modelInputPriceNanos = p.input
        }
        if reportsCost {
            view.costSource = .reported
        } else {
            switch price {
            case .success:
                view.costSource = .computed
                view.usage.costNanos = view.pricedNanos!
            case .failure(let miss):
                view.usage.costNanos = 0
                if view.usage.usedTokens {
                    view.costSource = .unpriced
                    view.unpricedBecause = miss
                }
            }
        }
        view.aiCreditsNanos = reportsCredits ? view.usage.aiCreditsNanos : view.usage.costNanos * 100
    }
}
