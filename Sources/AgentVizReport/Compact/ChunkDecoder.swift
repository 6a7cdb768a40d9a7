/// One chunk of input decoded into compact events. Numbers in it (string and id indices,
/// line numbers) are local to the chunk until `CompactHistory.merge` maps them.
struct DecodedChunk: @unchecked Sendable {
    var events: [CompactEvent] = []
    var fingerprints: [UInt64] = []
    var strings = ChunkStrings()
    var counters = IngestCounters()
    var rejected: [RejectedLine] = []
    /// Physical lines read (blank ones included).
    var lines = 0
}

/// Decodes lines into a `DecodedChunk`: the same checks as `EventDecoder` (shared code),
/// the same redaction, but no `String` per field and no `Event`.
struct ChunkDecoder {
    let sourceName: String
    let lineLimit: Int
    private let redactor = SecretRedactor()
    private(set) var chunk = DecodedChunk()
    /// Per local string: -2 not looked at yet, else the redacted string's index (itself
    /// when clean), for title and branch values.
    private var redacted: [Int32] = []

    init(sourceName: String, lineLimit: Int) {
        self.sourceName = sourceName
        self.lineLimit = lineLimit
    }

    mutating func read(fd: Int32, byteLimit: Int) throws {
        let reader = LineReader(limit: lineLimit)
        var last = 0
        try reader.forEachLine(fd: fd, byteLimit: byteLimit) { number, content in
            last = number
            switch content {
            case .tooLong(let length):
                chunk.counters.linesRead += 1
                reject(number, Rejection(.lineTooLong, "line is \(length) bytes, over the limit of \(lineLimit)"))
            case .bytes(let bytes):
                if EventIngestor.isBlank(bytes) { return }
                chunk.counters.linesRead += 1
                decode(bytes, line: number)
            }
        }
        chunk.lines = last
    }

    private mutating func reject(_ line: Int, _ rejection: Rejection) {
        chunk.counters.rejectedByReason[rejection.reason, default: 0] += 1
        chunk.rejected.append(RejectedLine(source: sourceName, line: line, rejection: rejection))
    }

    private mutating func decode(_ line: UnsafeRawBufferPointer, line number: Int) {
        guard let base = line.baseAddress, !line.isEmpty else {
            return reject(number, Rejection(.malformedJSON, JSONSyntaxError(problem: .emptyLine, offset: 0).detail))
        }
        var table = EnvelopeSlotTable()
        let outcome: Result<(String, DecodedFields<Int32>), Rejection> = withUnsafeMutablePointer(to: &table.slots) { tuple in
            let slots = UnsafeMutableRawPointer(tuple).assumingMemoryBound(to: EnvelopeSlot.self)
            do throws(JSONSyntaxError) {
                try JSONLineScanner.scanEnvelope(base, count: line.count, into: slots)
            } catch {
                return .failure(Rejection(.malformedJSON, error.detail))
            }
            let reader = EnvelopeReader(base: base, count: line.count, slots: slots)
            let version: String
            switch reader.schemaVersion() {
            case .success(let v): version = v ?? ""
            case .failure(let rejection): return .failure(rejection)
            }
            if let rejection = reader.firstMissingField() { return .failure(rejection) }
            do throws(Rejection) {
                return .success((version, try reader.buildFields(&chunk.strings)))
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .failure(let rejection): reject(number, rejection)
        case .success(let (version, fields)): accept(version, fields)
        }
    }

    private mutating func accept(_ version: String, _ f: DecodedFields<Int32>) {
        var fields = f
        var redactions = 0
        if let branch = fields.branch { fields.branch = clean(branch, &redactions) }
        if let title = fields.title { fields.title = clean(title, &redactions) }
        chunk.counters.redactions += redactions
        let m = fields.metrics
        chunk.events.append(CompactEvent(
            capturedMicros: fields.capturedAt.microseconds,
            orderAt: (fields.updatedAt ?? fields.capturedAt).microseconds,
            id: fields.eventId, session: fields.sessionId,
            repository: fields.repository ?? CompactEvent.none, branch: fields.branch ?? CompactEvent.none,
            title: fields.title ?? CompactEvent.none,
            statusCode: fields.status.compactCode,
            sourceTypeCode: fields.sourceType.compactCode,
            actionCode: fields.operatorAction.compactCode,
            pr: fields.prNumber ?? 0,
            durationSeconds: m.durationSeconds ?? -1, tokenInput: m.tokenInput ?? -1,
            tokenOutput: m.tokenOutput ?? -1, tokenTotal: m.tokenTotal ?? -1,
            cost: m.estimatedCostUsd ?? -1))
        chunk.fingerprints.append(fingerprint(version, fields))
    }

    /// The redacted form of a title or branch, counting a field that held a secret.
    private mutating func clean(_ index: Int32, _ redactions: inout Int) -> Int32 {
        let i = Int(index)
        while redacted.count < chunk.strings.table.count { redacted.append(-2) }
        if redacted[i] == -2 {
            let text = String(decoding: chunk.strings.table.bytes(i), as: UTF8.self)
            let (cleaned, matches) = redactor.redact(text)
            redacted[i] = matches == 0 ? index : chunk.strings.intern(cleaned)
        }
        if redacted[i] != index { redactions += 1 }
        return redacted[i]
    }

    /// Every field, strings by their 64-bit hash: equal content gives equal fingerprints,
    /// so a conflicting duplicate (same id, other content) is told from a true one.
    private func fingerprint(_ version: String, _ f: DecodedFields<Int32>) -> UInt64 {
        let table = chunk.strings.table
        var h = FNV1a64()
        h.addBytes(of: version)
        h.add(chunk.strings.idHashes[Int(f.eventId)])
        h.add(UInt64(bitPattern: f.capturedAt.microseconds))
        // Local functions, not loops over array literals: no allocation per event.
        func text(_ t: Int32?) { if let t { h.add(1 as UInt8); h.add(table.hashes[Int(t)]) } else { h.add(0 as UInt8) } }
        func number(_ n: Int64?) { if let n { h.add(1 as UInt8); h.add(UInt64(bitPattern: n)) } else { h.add(0 as UInt8) } }
        text(f.source); text(f.sessionId); text(f.repository); text(f.branch); text(f.title)
        h.add(f.sourceType.compactCode)
        h.add(f.status.compactCode)
        h.add(f.operatorAction.compactCode)
        number(f.prNumber); number(f.updatedAt?.microseconds); number(f.metrics.durationSeconds)
        number(f.metrics.tokenInput); number(f.metrics.tokenOutput); number(f.metrics.tokenTotal)
        if let cost = f.metrics.estimatedCostUsd { h.add(1 as UInt8); h.add((cost == 0 ? 0 : cost).bitPattern) } else { h.add(0 as UInt8) }
        h.add(f.debugEnabled.map { $0 ? 2 : 1 } ?? 0 as UInt8)
        return h.value
    }
}
