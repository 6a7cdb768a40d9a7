/// Reads the recorded slots of a scanned line as typed values, one field at a time, in a
/// fixed order (so the invalid-field reported does not depend on the line's key order).
///
/// Rejections are built by the `@inline(never)` functions at the end: keeping their string
/// work out of the readers keeps the accepting path short.
struct EnvelopeReader {
    let base: UnsafeRawPointer
    /// The line's length in bytes.
    let count: Int
    let slots: UnsafeMutablePointer<EnvelopeSlot>

    @inline(__always) subscript(_ field: EnvelopeField) -> EnvelopeSlot { slots[field.rawValue] }

    /// Every field checked in the fixed order; string values made by `strings` (interned
    /// numbers of the chunk's string table).
    @inline(__always)
    func buildFields<S: SlotStrings>(_ strings: inout S) throws(Rejection) -> DecodedFields<S.Text> {
        let eventId = try strings.text(self, self[.eventId], of: .eventId, nonEmpty: true)
        try checkNotBlank(.eventId)
        let capturedAt = try timestamp(.capturedAt) ?? Timestamp(microseconds: 0)  // present: checked before
        let source = try optionalText(.source, &strings)

        guard self[.session].kind == .object else { throw notAnObject(.session) }
        let sessionId = try strings.text(self, self[.sessionId], of: .sessionId, nonEmpty: true)
        try checkNotBlank(.sessionId)
        let sourceType = try choice(.sourceType, Self.sourceType)
        let status = try choice(.status, Self.status)
        let repository = self[.repository].isPresent
            ? try strings.text(self, self[.repository], of: .repository, nonEmpty: true) : nil
        let branch = try optionalText(.branch, &strings)
        let title = try optionalText(.title, &strings)
        let prNumber = try whole(.prNumber, minimum: 1)
        let updatedAt = try timestamp(.updatedAt)
        let model = try optionalText(.model, &strings)

        let metrics = try readMetrics()

        guard self[.metadata].kind == .object else { throw notAnObject(.metadata) }
        let operatorAction = try choice(.operatorAction, Self.operatorAction)
        let debugEnabled: Bool?
        switch self[.debugEnabled].kind {
        case .absent, .null: debugEnabled = nil
        case .trueValue: debugEnabled = true
        case .falseValue: debugEnabled = false
        default: throw wrongType(.debugEnabled, "expected a boolean")
        }
        return DecodedFields(
            eventId: eventId, capturedAt: capturedAt, source: source, sessionId: sessionId,
            sourceType: sourceType, status: status, repository: repository, branch: branch, title: title,
            prNumber: prNumber, updatedAt: updatedAt, model: model, metrics: metrics, operatorAction: operatorAction,
            debugEnabled: debugEnabled)
    }

    /// Absent or null: nil. Otherwise it must be a string (any, even empty).
    @inline(__always)
    private func optionalText<S: SlotStrings>(_ field: EnvelopeField, _ strings: inout S) throws(Rejection) -> S.Text? {
        let slot = self[field]
        guard slot.isPresent else { return nil }
        return try strings.text(self, slot, of: field, nonEmpty: false)
    }

    /// An id that is only whitespace identifies nothing (ANALYTICS.md section 1).
    @inline(__always)
    private func checkNotBlank(_ field: EnvelopeField) throws(Rejection) {
        let slot = self[field]
        if !slot.escaped {
            let first = base.load(fromByteOffset: slot.start, as: UInt8.self)
            if first > 0x20 && first < 0x80 { return }  // the usual id: no need to look further
        }
        if string(slot).unicodeScalars.allSatisfy(\.properties.isWhitespace) { throw blankId(field) }
    }

    /// A string slot's type check, shared by every `SlotStrings`.
    @inline(__always)
    func checkString(_ slot: EnvelopeSlot, _ field: EnvelopeField, nonEmpty: Bool) throws(Rejection) {
        if nonEmpty {
            guard slot.kind == .string, slot.end > slot.start else { throw wrongType(field, "expected a non-empty string") }
        } else {
            guard slot.kind == .string else { throw wrongType(field, "expected a string") }
        }
    }

    @inline(__always)
    private func readMetrics() throws(Rejection) -> Metrics {
        let slot = self[.metrics]
        guard slot.isPresent else { return Metrics() }
        guard slot.kind == .object else { throw notAnObject(.metrics) }
        var metrics = Metrics(
            durationSeconds: try whole(.durationSeconds, minimum: 0),
            tokenInput: try whole(.tokenInput, minimum: 0),
            tokenOutput: try whole(.tokenOutput, minimum: 0),
            tokenTotal: try whole(.tokenTotal, minimum: 0),
            estimatedCostUsd: try cost(),
            tokenCacheRead: try whole(.tokenCacheRead, minimum: 0),
            tokenCacheWrite: try whole(.tokenCacheWrite, minimum: 0),
            aiCredits: try amount(.aiCredits),
            premiumRequests: try amount(.premiumRequests))
        if metrics.tokenTotal == nil && (metrics.tokenInput != nil || metrics.tokenOutput != nil) {
            let (sum, overflow) = (metrics.tokenInput ?? 0).addingReportingOverflow(metrics.tokenOutput ?? 0)
            guard !overflow else { throw tokenTotalOutOfRange() }
            metrics.tokenTotal = sum
        }
        return metrics
    }

    // MARK: Field readers

    func string(_ slot: EnvelopeSlot) -> String {
        JSONUnescaper.string(JSONStringToken(start: slot.start, end: slot.end, escaped: slot.escaped), in: base)
    }

    @inline(__always)
    private func timestamp(_ field: EnvelopeField) throws(Rejection) -> Timestamp? {
        let slot = self[field]
        guard slot.isPresent else { return nil }
        guard slot.kind == .string else { throw wrongType(field, Self.expectedTimestamp) }
        let parsed = slot.escaped
            ? RFC3339.parse(string(slot))
            : slot.end &- slot.start < 20 ? nil : RFC3339.parse(base + slot.start, count: slot.end &- slot.start)
        guard let parsed else { throw badValue(field, Self.expectedTimestamp) }
        return parsed
    }

    private static let expectedTimestamp = "expected an RFC 3339 timestamp with Z or an offset"

    /// One of a fixed list of strings, compared as packed words (see `ShortName`).
    @inline(__always)
    private func choice<T: CaseIterable & RawRepresentable>(
        _ field: EnvelopeField, _ match: (ShortName) -> T?
    ) throws(Rejection) -> T where T.RawValue == String {
        if let name = shortName(self[field]), let value = match(name) { return value }
        throw notOneOf(field, T.allCases.map(\.rawValue))
    }

    /// The string value of a slot packed for comparison; nil for other kinds and long values.
    func shortName(_ slot: EnvelopeSlot) -> ShortName? {
        guard slot.kind == .string else { return nil }
        if !slot.escaped { return ShortName(base, start: slot.start, count: slot.end &- slot.start, end: count) }
        var text = string(slot)
        return text.withUTF8 { utf8 in
            ShortName(UnsafeRawPointer(utf8.baseAddress!), start: 0, count: utf8.count, end: utf8.count)
        }
    }

    private static func sourceType(_ name: ShortName) -> SourceType? {
        if name == ShortName("local-copilot") { return .localCopilot }
        if name == ShortName("agent-task") { return .agentTask }
        return nil
    }

    private static func status(_ name: ShortName) -> SessionStatus? {
        if name == ShortName("running") { return .running }
        if name == ShortName("completed") { return .completed }
        if name == ShortName("queued") { return .queued }
        if name == ShortName("failed") { return .failed }
        if name == ShortName("unknown") { return .unknown }
        return nil
    }

    private static func operatorAction(_ name: ShortName) -> OperatorAction? {
        if name == ShortName("view") { return .view }
        if name == ShortName("view_logs") { return .viewLogs }
        if name == ShortName("open_pr") { return .openPR }
        if name == ShortName("resume_session") { return .resumeSession }
        return nil
    }

    /// A whole number >= `minimum`; `100.0` and `1e2` are whole. Absent or null: nil.
    @inline(__always)
    private func whole(_ field: EnvelopeField, minimum: Int64) throws(Rejection) -> Int64? {
        let slot = self[field]
        guard slot.isPresent else { return nil }
        let expected = minimum == 1 ? "expected an integer >= 1" : "expected a whole number >= 0"
        guard slot.kind == .number else { throw wrongType(field, expected) }
        switch JSONNumberValue.whole(base, Range(uncheckedBounds: (slot.start, slot.end))) {
        case .value(let v) where v >= minimum: return v
        case .outOfRange: throw outOfRange(field)
        default: throw badNumber(field, expected)
        }
    }

    @inline(__always)
    private func cost() throws(Rejection) -> Double? {
        let slot = self[.estimatedCostUsd]
        guard slot.isPresent else { return nil }
        let expected = "expected a finite number >= 0"
        guard slot.kind == .number else { throw wrongType(.estimatedCostUsd, expected) }
        let value = JSONNumberValue.double(base, Range(uncheckedBounds: (slot.start, slot.end)))
        guard value.isFinite, value >= 0 else { throw badNumber(.estimatedCostUsd, expected) }
        guard value <= Self.maximumCost else { throw costOutOfRange() }
        return value == 0 ? 0 : value  // -0 reads as 0
    }

    /// A finite number >= 0 with no upper limit but what a double holds (aiCredits,
    /// premiumRequests). Absent or null: nil.
    @inline(__always)
    private func amount(_ field: EnvelopeField) throws(Rejection) -> Double? {
        let slot = self[field]
        guard slot.isPresent else { return nil }
        let expected = "expected a finite number >= 0"
        guard slot.kind == .number else { throw wrongType(field, expected) }
        let value = JSONNumberValue.double(base, Range(uncheckedBounds: (slot.start, slot.end)))
        guard value.isFinite, value >= 0 else { throw badNumber(field, expected) }
        return value == 0 ? 0 : value  // -0 reads as 0
    }

    // MARK: Rejections (cold)

    /// A value of the wrong JSON type: names the field, what it should be and the kind
    /// found, never the value.
    @inline(never)
    private func wrongType(_ field: EnvelopeField, _ expected: String) -> Rejection {
        let slot = self[field]
        let found = slot.kind == .string && slot.end == slot.start ? "an empty string" : slot.kind.described
        return Rejection(.invalidField, "\(field.path): \(expected), found \(found)")
    }

    @inline(never)
    private func notAnObject(_ field: EnvelopeField) -> Rejection {
        wrongType(field, "expected an object")
    }

    /// A string value outside its grammar: echoes a short, sanitised copy (only ever used
    /// for timestamps, which carry nothing private).
    @inline(never)
    private func badValue(_ field: EnvelopeField, _ expected: String) -> Rejection {
        Rejection(.invalidField, "\(field.path): \(expected), found \(DetailText.quoted(string(self[field])))")
    }

    /// Not one of an enumeration's values: the values allowed, and a short copy of the one
    /// found when it is a string.
    @inline(never)
    private func notOneOf(_ field: EnvelopeField, _ names: [String]) -> Rejection {
        let slot = self[field]
        let found = slot.kind == .string ? DetailText.quoted(string(slot)) : slot.kind.described
        return Rejection(.invalidField, "\(field.path): expected one of \(names.joined(separator: ", ")), found \(found)")
    }

    @inline(never)
    private func badNumber(_ field: EnvelopeField, _ expected: String) -> Rejection {
        Rejection(.invalidField, "\(field.path): \(expected)")
    }

    @inline(never)
    private func outOfRange(_ field: EnvelopeField) -> Rejection {
        Rejection(.invalidField, "\(field.path): out of range (above \(Int64.max))")
    }

    /// The largest cost an event may report (ANALYTICS.md section 1): sums of costs kept to
    /// the nano-dollar then never overflow.
    static let maximumCost = 1e12

    @inline(never)
    private func costOutOfRange() -> Rejection {
        Rejection(.invalidField, "metrics.estimatedCostUsd: out of range (above 1e12)")
    }

    @inline(never)
    private func blankId(_ field: EnvelopeField) -> Rejection {
        Rejection(.invalidField, "\(field.path): expected a non-empty string, found only whitespace")
    }

    @inline(never)
    private func tokenTotalOutOfRange() -> Rejection {
        Rejection(.invalidField, "metrics.tokenTotal: tokenInput + tokenOutput is out of range")
    }
}
