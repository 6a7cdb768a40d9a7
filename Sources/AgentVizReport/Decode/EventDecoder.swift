/// Decodes one NDJSON line into an `Event` or says why it is rejected (ANALYTICS.md §1).
///
/// One strict scan validates the JSON and records where the envelope's fields are; then
/// the checks run in the precedence order of the spec: malformed-json, schema version,
/// missing-field (all required fields, before any value check), invalid-field.
/// (line-too-long is the reader's: it never hands such a line over.)
public enum EventDecoder {
    /// Decodes one line (no newline). Never traps on any input.
    public static func decode(_ line: UnsafeRawBufferPointer) -> Result<Event, Rejection> {
        guard let base = line.baseAddress, !line.isEmpty else {
            return .failure(Rejection(.malformedJSON, JSONSyntaxError(problem: .emptyLine, offset: 0).detail))
        }
        // The slot table lives on the stack: no allocation per line besides the event's strings.
        var table = EnvelopeSlotTable()
        return withUnsafeMutablePointer(to: &table.slots) { tuple in
            // A homogeneous tuple is laid out as an array of its element type.
            let slots = UnsafeMutableRawPointer(tuple).assumingMemoryBound(to: EnvelopeSlot.self)
            do throws(JSONSyntaxError) {
                try JSONLineScanner.scanEnvelope(base, count: line.count, into: slots)
            } catch {
                return .failure(Rejection(.malformedJSON, error.detail))
            }
            return EnvelopeReader(base: base, count: line.count, slots: slots).event()
        }
    }

    /// Convenience for tests and small callers.
    public static func decode(_ line: String) -> Result<Event, Rejection> {
        var line = line
        return line.withUTF8 { decode(UnsafeRawBufferPointer($0)) }
    }
}

extension EnvelopeReader {
    /// The checks after a successful scan, in precedence order, and the event.
    func event() -> Result<Event, Rejection> {
        let version: String
        switch schemaVersion() {
        case .success(let v): version = v ?? ""
        case .failure(let rejection): return .failure(rejection)
        }
        if let rejection = firstMissingField() { return .failure(rejection) }
        do throws(Rejection) {
            return .success(try buildEvent(schemaVersion: version))
        } catch {
            return .failure(error)
        }
    }

    /// The schema-version reasons, checked only when `schemaVersion` is there (absent or
    /// null is a missing-field, which ranks below them). A nil version: absent.
    func schemaVersion() -> Result<String?, Rejection> {
        let slot = self[.schemaVersion]
        guard slot.isPresent else { return .success(nil) }
        // The version every current producer writes, without building and checking a String.
        if shortName(slot) == ShortName("1.0") { return .success("1.0") }
        guard slot.kind == .string else { return .failure(invalidSchemaVersion(found: slot.kind.described)) }
        let text = string(slot)
        guard let major = SchemaVersion.major(of: text) else {
            return .failure(invalidSchemaVersion(found: DetailText.quoted(text)))
        }
        guard major == 1 else { return .failure(unsupportedSchemaVersion(text)) }
        return .success(text)
    }

    /// Every required field, in envelope order. A `session` or `metadata` that is there but
    /// not an object does not make its members missing: it is an invalid-field later.
    func firstMissingField() -> Rejection? {
        for field in [EnvelopeField.schemaVersion, .eventId, .capturedAt] where !self[field].isPresent {
            return missing(field)
        }
        let session = self[.session]
        if !session.isPresent { return missing(.sessionId, becauseOf: .session) }
        if session.kind == .object {
            for field in [EnvelopeField.sessionId, .sourceType, .status] where !self[field].isPresent {
                return missing(field)
            }
        }
        let metadata = self[.metadata]
        if !metadata.isPresent { return missing(.operatorAction, becauseOf: .metadata) }
        if metadata.kind == .object && !self[.operatorAction].isPresent { return missing(.operatorAction) }
        return nil
    }

    // MARK: Rejections (cold)

    @inline(never)
    private func invalidSchemaVersion(found: String) -> Rejection {
        Rejection(.invalidSchemaVersion, "schemaVersion: expected a string of MAJOR.MINOR or MAJOR.MINOR.PATCH digits, found \(found)")
    }

    @inline(never)
    private func unsupportedSchemaVersion(_ version: String) -> Rejection {
        Rejection(.unsupportedSchemaVersion, "schemaVersion \(DetailText.quoted(version)) is not supported: this tool reads schema 1.x")
    }

    /// `field` is absent or null; `parent`, when given, is the absent or null object that
    /// should have held it.
    @inline(never)
    private func missing(_ field: EnvelopeField, becauseOf parent: EnvelopeField? = nil) -> Rejection {
        guard let parent else {
            return Rejection(.missingField, "\(field.path): required field is \(self[field].kind == .null ? "null" : "missing")")
        }
        let state = self[parent].kind == .null ? "null" : "absent"
        return Rejection(.missingField, "\(field.path): required field is missing (\(parent.path) is \(state))")
    }
}
