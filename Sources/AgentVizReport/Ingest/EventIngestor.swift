/// Reads sources line by line, decodes and validates each line, redacts secrets, and hands
/// accepted events to a sink in batches. Counts everything: nothing is dropped silently.
public struct EventIngestor {
    public var lineLimit: Int
    public var batchSize: Int
    public var progress: ReadProgress?
    let redactor = SecretRedactor()

    public init(lineLimit: Int = LineReader.defaultLimit, batchSize: Int = 50_000) {
        self.lineLimit = lineLimit
        self.batchSize = batchSize
    }

    /// Ingests every source in order. `onRejected` sees each rejected line as it happens.
    public func ingest<Sink: EventSink>(
        _ sources: [InputSource], into sink: inout Sink,
        onRejected: (RejectedLine) -> Void = { _ in }
    ) throws -> IngestCounters {
        var counters = IngestCounters()
        for source in sources {
            try source.withDescriptor { fd in
                try ingest(fd: fd, name: source.displayName, into: &sink, counters: &counters, onRejected: onRejected)
            }
        }
        return counters
    }

    /// Ingests the lines of `fd` from its current position (line numbers continue from
    /// `linesBefore`), adding to `counters`. Every accepted event has reached the sink when
    /// this returns. Returns how far the newline-terminated lines reach.
    @discardableResult
    public func ingest<Sink: EventSink>(
        fd: Int32, name: String, linesBefore: Int = 0, into sink: inout Sink,
        counters: inout IngestCounters, onRejected: (RejectedLine) -> Void = { _ in }
    ) throws -> LineExtent {
        var batch: [Event] = []
        batch.reserveCapacity(batchSize)
        func flush() throws {
            guard !batch.isEmpty else { return }
            let outcome = try sink.accept(batch)
            counters.eventsAccepted += outcome.inserted
            counters.duplicates += outcome.duplicates
            counters.conflictingDuplicates += outcome.conflictingDuplicates
            batch.removeAll(keepingCapacity: true)
        }
        let reader = LineReader(limit: lineLimit)
        var unreported = 0, unreportedLines = 0, events = 0
        let extent = try reader.forEachLine(fd: fd, linesBefore: linesBefore) { number, content in
            let result: Result<Event, Rejection>
            if let progress {
                unreportedLines += 1
                if unreportedLines == 16_384 {
                    progress.advanced(bytes: unreported, events: events)
                    unreported = 0; unreportedLines = 0; events = 0
                }
            }
            switch content {
            case .tooLong(let length):
                counters.linesRead += 1
                unreported += length + 1
                result = .failure(Rejection(.lineTooLong, "line is \(length) bytes, over the limit of \(lineLimit)"))
            case .bytes(let bytes):
                unreported += bytes.count + 1
                if Self.isBlank(bytes) { return }
                counters.linesRead += 1
                result = EventDecoder.decode(bytes)
            }
            switch result {
            case .success(var event):
                events += 1
                counters.redactions += redact(&event)
                batch.append(event)
                if batch.count >= batchSize { try flush() }
            case .failure(let rejection):
                counters.rejectedByReason[rejection.reason, default: 0] += 1
                onRejected(RejectedLine(source: name, line: number, rejection: rejection))
            }
        }
        try flush()
        progress?.advanced(bytes: unreported, events: events)
        return extent
    }

    /// Redacts title and branch in place; returns how many fields held a secret.
    func redact(_ event: inout Event) -> Int {
        var fields = 0
        if let title = event.title {
            let (clean, matches) = redactor.redact(title)
            if matches > 0 { event.title = clean; fields += 1 }
        }
        if let branch = event.branch {
            let (clean, matches) = redactor.redact(branch)
            if matches > 0 { event.branch = clean; fields += 1 }
        }
        return fields
    }

    /// Blank lines (only whitespace) are skipped and not counted (ANALYTICS.md section 1).
    static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for byte in bytes where byte != 0x20 && byte != 0x09 && byte != 0x0D && byte != 0x0B && byte != 0x0C {
            return false
        }
        return true
    }
}
