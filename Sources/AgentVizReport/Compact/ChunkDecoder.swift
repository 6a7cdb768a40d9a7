/// One chunk of input decoded into compact events. Numbers in it (string and id indices,
/// line numbers) are local to the chunk until a consumer maps them.
struct DecodedChunk: @unchecked Sendable {
    var events: [CompactEvent] = []
    /// The 1.x cost counters of the events that carry them (`CompactEvent.costCounters`).
    var costCounters: [CostCounters] = []
    var fingerprints: [UInt64] = []
    /// Fields only the store keeps, one per event.
    var extras: [EventExtras] = []
    var strings = ChunkStrings()
    var counters = IngestCounters()
    var rejections = ChunkRejections()
    /// Physical lines read (blank ones and an unterminated last one included).
    var lines = 0
    /// How far the newline-terminated lines reach: where a later ingest can resume.
    var complete = LineExtent(lines: 0, bytes: 0)

    /// The last line that was counted (not blank), 0 for none.
    var lastCountedLine = 0

    /// The unterminated last line, when one was read and counted (only the last chunk of a
    /// file can have one): its length and what it gave, `accepted` or the rejection reason.
    var countedTail: FileState.Tail? {
        guard lines > complete.lines, lastCountedLine == lines else { return nil }
        let outcome = rejections.last.flatMap { $0.line == lines ? $0.rejection.reason.rawValue : nil } ?? "accepted"
        return FileState.Tail(bytes: Int64(tailBytes), outcome: outcome)
    }
    /// Bytes after the last newline.
    var tailBytes = 0
}

/// The rejected lines of a chunk, as runs of consecutive lines with the same reason and
/// detail (a few bytes a run, details interned): `validate` on millions of identical bad
/// lines holds one run per chunk in flight, never a String per line.
struct ChunkRejections {
    private struct Run {
        var firstLine: Int
        var count: Int
        var reason: UInt8
        var detail: UInt32
    }

    private var runs: [Run] = []
    private var details: [String] = []
    private var detailIndex: [String: UInt32] = [:]

    var last: (line: Int, rejection: Rejection)? {
        runs.last.map { ($0.firstLine + $0.count - 1, rejection($0)) }
    }

    mutating func append(line: Int, _ rejection: Rejection) {
        var index = detailIndex[rejection.detail]
        if index == nil {
            index = UInt32(details.count)
            details.append(rejection.detail)
            detailIndex[rejection.detail] = index
        }
        let reason = UInt8(RejectReason.allCases.firstIndex(of: rejection.reason)!)
        if let run = runs.last, run.reason == reason, run.detail == index!, run.firstLine + run.count == line {
            runs[runs.count - 1].count += 1
        } else {
            runs.append(Run(firstLine: line, count: 1, reason: reason, detail: index!))
        }
    }

    private func rejection(_ run: Run) -> Rejection {
        Rejection(RejectReason.allCases[Int(run.reason)], details[Int(run.detail)])
    }

    /// Each rejected line in order, numbered in the file (`linesBefore` + the chunk's own).
    func forEach(source: String, linesBefore: Int, _ body: (RejectedLine) throws -> Void) rethrows {
        for run in runs {
            let message = RejectedLine.Message(source: source, rejection: rejection(run))
            for k in 0..<run.count {
                try body(RejectedLine(line: linesBefore + run.firstLine + k, message: message))
            }
        }
    }
}

/// Decodes lines into a `DecodedChunk`: the contract checks of `EnvelopeReader` and the
/// secret redaction, with no `String` per field. The only way from a line to a record,
/// for `validate`, `--input` and `ingest` alike.
struct ChunkDecoder {
    let lineLimit: Int
    /// The chunk starts the file: a UTF-8 byte-order mark before its first line is skipped.
    var atFileStart = false
    private let redactor = SecretRedactor()
    private(set) var chunk = DecodedChunk()
    /// Per local string: nil not looked at yet, else the redacted string's index (itself
    /// when clean), for title, branch, repository, source and model values.
    private var redacted: [Int32?] = []

    init(lineLimit: Int) {
        self.lineLimit = lineLimit
    }

    mutating func read(fd: Int32, byteLimit: Int) throws {
        let reader = LineReader(limit: lineLimit)
        var last = 0
        chunk.complete = try reader.forEachLine(fd: fd, byteLimit: byteLimit) { number, content in
            last = number
            switch content {
            case .tooLong(let length):
                chunk.counters.linesRead += 1
                chunk.lastCountedLine = number
                chunk.tailBytes = length
                reject(number, Rejection(.lineTooLong, "line is \(length) bytes, over the limit of \(lineLimit)"))
            case .bytes(var bytes):
                chunk.tailBytes = bytes.count
                if number == 1 && atFileStart { bytes = Self.droppingByteOrderMark(bytes) }
                if Self.isBlank(bytes) { return }
                chunk.counters.linesRead += 1
                chunk.lastCountedLine = number
                decode(bytes, line: number)
            }
        }
        chunk.lines = last
    }

    /// Decodes one line on its own (tests, fuzzing): the event, or why it was rejected.
    static func decodeLine(_ line: UnsafeRawBufferPointer) -> DecodedChunk {
        var decoder = ChunkDecoder(lineLimit: .max)
        decoder.chunk.counters.linesRead = 1
        decoder.decode(line, line: 1)
        decoder.chunk.lines = 1
        return decoder.chunk
    }

    static func droppingByteOrderMark(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        guard bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF else { return bytes }
        return UnsafeRawBufferPointer(rebasing: bytes[3...])
    }

    /// Blank lines (only whitespace) are skipped and not counted (ANALYTICS.md section 1).
    static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for byte in bytes where byte != 0x20 && byte != 0x09 && byte != 0x0D && byte != 0x0B && byte != 0x0C {
            return false
        }
        return true
    }

    private mutating func reject(_ line: Int, _ rejection: Rejection) {
        chunk.counters.rejectedByReason[rejection.reason, default: 0] += 1
        chunk.rejections.append(line: line, rejection)
    }

    private mutating func decode(_ line: UnsafeRawBufferPointer, line number: Int) {
        guard let base = line.baseAddress, !line.isEmpty else {
            return reject(number, Rejection(.malformedJSON, JSONSyntaxError(problem: .emptyLine, offset: 0).detail))
        }
        var table = EnvelopeSlotTable()
        let outcome: Result<(String, DecodedFields<Int32>), Rejection> = withUnsafeMutablePointer(to: &table.slots) { tuple in
            // A homogeneous tuple is laid out as an array of its element type.
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
        if let source = fields.source { fields.source = clean(source, &redactions) }
        if let repository = fields.repository { fields.repository = clean(repository, &redactions) }
        if let branch = fields.branch { fields.branch = clean(branch, &redactions) }
        if let title = fields.title { fields.title = clean(title, &redactions) }
        if let model = fields.model { fields.model = clean(model, &redactions) }
        chunk.counters.redactions += redactions
        let m = fields.metrics
        chunk.events.append(CompactEvent(
            capturedMicros: fields.capturedAt.microseconds,
            orderAt: (fields.updatedAt ?? fields.capturedAt).microseconds,
            id: fields.eventId, session: fields.sessionId,
            repository: fields.repository ?? CompactEvent.none, branch: fields.branch ?? CompactEvent.none,
            title: fields.title ?? CompactEvent.none, model: fields.model ?? CompactEvent.none,
            statusCode: fields.status.compactCode,
            sourceTypeCode: fields.sourceType.compactCode,
            actionCode: fields.operatorAction.compactCode,
            pr: fields.prNumber ?? 0,
            durationSeconds: m.durationSeconds ?? -1, tokenInput: m.tokenInput ?? -1,
            tokenOutput: m.tokenOutput ?? -1, tokenTotal: m.tokenTotal ?? -1,
            cost: m.estimatedCostUsd ?? -1))
        if let counters = CostCounters(m) {
            chunk.events[chunk.events.count - 1].costCounters = Int32(chunk.costCounters.count)
            chunk.costCounters.append(counters)
        }
        chunk.fingerprints.append(fingerprint(version, fields))
        chunk.extras.append(EventExtras(
            version: chunk.strings.intern(version), source: fields.source ?? CompactEvent.none,
            updatedMicros: fields.updatedAt?.microseconds, debugEnabled: fields.debugEnabled))
    }

    /// The redacted form of a text field, counting a field that held a secret.
    private mutating func clean(_ index: Int32, _ redactions: inout Int) -> Int32 {
        let i = Int(index)
        if redacted.count < chunk.strings.table.count {
            redacted.append(contentsOf: repeatElement(nil, count: chunk.strings.table.count - redacted.count))
        }
        if redacted[i] == nil {
            let text = String(decoding: chunk.strings.table.bytes(i), as: UTF8.self)
            let (cleaned, matches) = redactor.redact(text)
            redacted[i] = matches == 0 ? index : chunk.strings.intern(cleaned)
        }
        if redacted[i] != index { redactions += 1 }
        return redacted[i]!
    }

    private func fingerprint(_ version: String, _ f: DecodedFields<Int32>) -> UInt64 {
        let table = chunk.strings.table
        var version = version
        return version.withUTF8 { v in
            ContentFingerprint.of(version: UnsafeRawBufferPointer(v), idHash: chunk.strings.idHashes[Int(f.eventId)], f) {
                table.hashes[Int($0)]
            }
        }
    }
}

/// The contract fields an event keeps beyond what reports read: stored, never rolled up.
struct EventExtras {
    /// Interned schemaVersion and source (`CompactEvent.none` when absent).
    var version: Int32
    var source: Int32
    var updatedMicros: Int64?
    var debugEnabled: Bool?
}

extension DecodedChunk {
    /// The counters event `e` wrote (absent: nil), the 1.x ones included.
    func metrics(of e: CompactEvent) -> Metrics {
        var m = e.coreMetrics
        if e.costCounters >= 0 {
            let c = costCounters[Int(e.costCounters)]
            m.tokenCacheRead = c.tokenCacheRead < 0 ? nil : c.tokenCacheRead
            m.tokenCacheWrite = c.tokenCacheWrite < 0 ? nil : c.tokenCacheWrite
            m.aiCredits = c.aiCredits < 0 ? nil : c.aiCredits
            m.premiumRequests = c.premiumRequests < 0 ? nil : c.premiumRequests
        }
        return m
    }
}
