import Foundation
@testable import AgentVizReport

/// One line through the real decoder (`ChunkDecoder`), as an `Event`: the decoder tests read
/// what production decodes, in a form they can compare field by field.
enum EventDecoder {
    static func decode(_ line: UnsafeRawBufferPointer) -> Result<Event, Rejection> {
        let chunk = ChunkDecoder.decodeLine(line)
        if let (_, rejection) = chunk.rejections.last { return .failure(rejection) }
        precondition(chunk.events.count == 1, "a line is accepted or rejected")
        return .success(Event(chunk, 0))
    }

    static func decode(_ line: String) -> Result<Event, Rejection> {
        var line = line
        return line.withUTF8 { decode(UnsafeRawBufferPointer($0)) }
    }
}

extension Event {
    /// Event `n` of a decoded chunk, text resolved.
    init(_ chunk: DecodedChunk, _ n: Int) {
        let e = chunk.events[n], extra = chunk.extras[n]
        let table = chunk.strings.table
        func text(_ i: Int32) -> String? { i < 0 ? nil : String(decoding: table.bytes(Int(i)), as: UTF8.self) }
        let id = chunk.strings.withIdBytes(Int(e.id)) { String(decoding: $0, as: UTF8.self) }
        self.init(
            schemaVersion: text(extra.version)!, eventId: id, capturedAt: e.capturedAt, source: text(extra.source),
            sessionId: text(e.session)!, sourceType: e.sourceType, status: e.status, repository: text(e.repository),
            branch: text(e.branch), title: text(e.title), prNumber: e.prNumber,
            updatedAt: extra.updatedMicros.map(Timestamp.init(microseconds:)), metrics: chunk.metrics(of: e),
            operatorAction: e.operatorAction, debugEnabled: extra.debugEnabled, model: text(e.model))
    }
}

/// The order of a session's events (ANALYTICS.md section 3), written out plainly for the oracle.
enum TimelineOrder {
    static func precedes(_ a: Event, _ b: Event) -> Bool {
        if a.capturedAt != b.capturedAt { return a.capturedAt < b.capturedAt }
        let ua = a.updatedAt ?? a.capturedAt
        let ub = b.updatedAt ?? b.capturedAt
        if ua != ub { return ua < ub }
        return a.eventId.utf8.lexicographicallyPrecedes(b.eventId.utf8)
    }
}

extension Event: TimelineEvent {
    var hasCost: Bool { metrics.estimatedCostUsd != nil }
}

/// `Event` carries its text itself.
struct EventText: TimelineText {
    func sessionId(_ e: Event) -> String { e.sessionId }
    func repository(_ e: Event) -> String? { e.repository }
    func branch(_ e: Event) -> String? { e.branch }
    func title(_ e: Event) -> String? { e.title }
    func model(_ e: Event) -> String? { e.model }
    func absorb(_ e: Event, into usage: inout Usage) -> Int { usage.absorbMaximum(of: e.metrics) }
    func hasCredits(_ e: Event) -> Bool { e.metrics.aiCredits != nil }
}

/// The plain oracle of the whole read: every line decoded on its own into an `Event`, the
/// first per eventId kept in a dictionary (conflicts told by `Event.contentFingerprint`),
/// sessions sorted with `TimelineOrder`. Obviously correct and slow; the tests check the
/// parallel `--input` path and the store against it.
enum PlainOracle {
    struct Read {
        var sessions: [String: [Event]] = [:]
        var counters = IngestCounters()
        var rejected: [RejectedLine] = []
    }

    static func read(_ sources: [InputSource], lineLimit: Int = LineReader.defaultLimit) throws -> Read {
        var read = Read()
        var kept: [[UInt8]: UInt64] = [:]
        for source in sources {
            try source.withDescriptor { fd in
                try LineReader(limit: lineLimit).forEachLine(fd: fd) { number, content in
                    let result: Result<Event, Rejection>
                    switch content {
                    case .tooLong(let length):
                        result = .failure(Rejection(.lineTooLong, "line is \(length) bytes, over the limit of \(lineLimit)"))
                    case .bytes(let bytes):
                        if ChunkDecoder.isBlank(bytes) { return }
                        result = EventDecoder.decode(bytes)
                    }
                    read.counters.linesRead += 1
                    switch result {
                    case .failure(let rejection):
                        read.counters.rejectedByReason[rejection.reason, default: 0] += 1
                        read.rejected.append(RejectedLine(source: source.displayName, line: number, rejection: rejection))
                    case .success(let event):
                        if event.title != nil || event.branch != nil || event.repository != nil || event.model != nil {
                            read.counters.redactions += redactedFields(event)
                        }
                        let fingerprint = event.contentFingerprint
                        if let first = kept[Array(event.eventId.utf8)] {
                            read.counters.duplicates += 1
                            if first != fingerprint { read.counters.conflictingDuplicates += 1 }
                        } else {
                            kept[Array(event.eventId.utf8)] = fingerprint
                            read.counters.eventsAccepted += 1
                            read.sessions[event.sessionId, default: []].append(event)
                        }
                    }
                }
            }
        }
        return read
    }

    /// Fields the decoder replaced with the redactor's mark.
    private static func redactedFields(_ e: Event) -> Int {
        [e.repository, e.branch, e.title, e.model].filter { $0?.contains("[REDACTED") == true }.count
    }

    static func report(_ sources: [InputSource], _ request: ReportRequest) throws -> (Report, [RejectedLine]) {
        let read = try read(sources)
        var builder = request.makeRollupBuilder()
        // Sessions grouped by bytes, like every identifier.
        var byBytes: [[UInt8]: [Event]] = [:]
        for events in read.sessions.values { for e in events { byBytes[Array(e.sessionId.utf8), default: []].append(e) } }
        for events in byBytes.values {
            builder.add(SessionTimeline(sortedEvents: events.sorted(by: TimelineOrder.precedes), text: EventText()))
        }
        return (ReportBuilder.build(rollup: builder.finish(), counters: read.counters, request: request), read.rejected)
    }
}

extension PlainOracle.Read {
    /// Every kept event, sorted by eventId bytes (the oracle keeps no arrival order).
    var events: [Event] {
        sessions.values.flatMap { $0 }.sorted { $0.eventId.utf8.lexicographicallyPrecedes($1.eventId.utf8) }
    }
}
