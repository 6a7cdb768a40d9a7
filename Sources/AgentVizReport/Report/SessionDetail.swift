/// `session ID`: one session's timeline, its usage per window and the findings that name it.
public struct SessionDetail: Sendable {
    /// The session seen through one window it has events in.
    public struct Period: Sendable {
        public var window: Window
        public var view: SessionWindow
    }

    /// A finding of a window's evaluation whose `sessionIds` hold the session.
    public struct NamedFinding: Sendable {
        public var window: Window
        public var finding: Finding
    }

    public var sessionId: String
    public var generatedAt: Timestamp
    public var timeZone: String
    public var kind: PeriodKind
    public var includeTitles: Bool
    public var snapshots: [SessionSnapshot]
    public var periods: [Period]
    public var findings: [NamedFinding]
    /// As of its last event: the last period's view (the fields of section 3 as of its end).
    public var latest: SessionWindow { periods[periods.count - 1].view }
    public var metricRegressions: Int { snapshots.reduce(0) { $0 + $1.regressed.count } }
}

/// What `session ID` asks: the session, the kind of window (week, day, month), and the
/// rules, prices, zone and clock of a report.
public struct SessionDetailRequest: Sendable {
    public var sessionId: String
    public var kind: PeriodKind
    public var base: ReportRequest

    public init(sessionId: String, kind: PeriodKind, base: ReportRequest) {
        self.sessionId = sessionId
        self.kind = kind
        self.base = base
    }

    /// The windows of `kind` the session has events in, from its first event to its last.
    func periods<T: TimelineText>(of timeline: SessionTimeline<T>) -> [SessionDetail.Period] {
        guard let first = timeline.events.first, let last = timeline.events.last else { return [] }
        let calendar = base.calendar
        var result: [SessionDetail.Period] = []
        var window = calendar.window(kind, containing: first.capturedAt)
        while window.start <= last.capturedAt {
            if let view = timeline.view(of: window, prices: base.prices) { result.append(.init(window: window, view: view)) }
            window = calendar.window(kind, containing: window.end)
        }
        return result
    }

    /// The detail of `target`; `rollUp` fills the builder with every session that can
    /// touch the windows (rules compare the session with the others) and returns the roll-up.
    func detail(of target: SessionTimeline<CompactText>, rollUp: (inout RollupBuilder) throws -> Rollup) rethrows -> SessionDetail {
        let periods = periods(of: target)
        let windows = periods.map(\.window)
        // Each window's previous one too: period rules compare with it.
        var builder = RollupBuilder(
            windows: windows.flatMap { [$0, base.calendar.previous($0)] }, detailed: Set(windows), prices: base.prices)
        let rollup = try rollUp(&builder)
        let evaluation = RuleEvaluation(rules: base.rules, rollup: rollup, calendar: base.calendar)
        let findings = windows.flatMap { window in
            evaluation.findings(in: window)
                // Period findings name every active session: they are about the period, not this one.
                .filter { $0.scope != .period && $0.sessionIds.contains { $0.utf8.elementsEqual(sessionId.utf8) } }
                .map { SessionDetail.NamedFinding(window: window, finding: $0) }
        }
        return SessionDetail(
            sessionId: sessionId, generatedAt: base.generatedAt, timeZone: base.calendar.timeZoneIdentifier, kind: kind,
            includeTitles: base.includeTitles, snapshots: target.snapshots(), periods: periods, findings: findings)
    }
}

extension RollupBuilder {
    /// From the earliest window start to the latest window end, in microseconds: the
    /// sessions a store read must include.
    var span: (from: Int64, to: Int64) {
        windows.reduce((from: Int64.max, to: Int64.min)) { (min($0.from, $1.start.microseconds), max($0.to, $1.end.microseconds)) }
    }
}

extension CompactHistory {
    /// The timeline of the session with this id (compared byte for byte), or nil.
    func timeline(of id: String) -> SessionTimeline<CompactText>? {
        var found: SessionTimeline<CompactText>?
        forEachTimeline { timeline in
            if found == nil, let first = timeline.events.first,
               timeline.text.sessionId(first).utf8.elementsEqual(id.utf8) { found = timeline }
        }
        return found
    }
}

extension ReportSource {
    /// `session ID`'s detail, or nil when the history has no session with that id.
    public func sessionDetail(
        _ request: SessionDetailRequest, progress: ReadProgress? = nil, onRejected: (RejectedLine) -> Void = { _ in }
    ) throws -> SessionDetail? {
        defer { progress?.finished() }
        switch self {
        case .input(let sources):
            var input = ParallelInput()
            input.progress = progress
            let history = try input.read(sources, onRejected: onRejected)
            guard let target = history.timeline(of: request.sessionId) else { return nil }
            return request.detail(of: target) { builder in
                history.rollup(into: &builder)
                return builder.finish()
            }
        case .store(let store):
            return try store.snapshot {
                let one = try StoredHistory.load(store.db, sessions: .id(request.sessionId))
                guard let target = one.history.timeline(of: request.sessionId) else { return nil }
                return try request.detail(of: target) { builder in
                    let span = builder.span
                    let all = try StoredHistory.load(store.db, sessions: .overlapping(from: span.from, to: span.to), progress: progress)
                    all.history.rollup(into: &builder)
                    var rollup = builder.finish()
                    rollup.coverage = try store.coverage()  // all of the history, as a report sees it
                    return rollup
                }
            }
        }
    }
}
