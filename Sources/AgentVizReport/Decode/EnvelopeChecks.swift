/// The checks after a successful scan that come before any field's value: schema version,
/// then missing fields (ANALYTICS.md section 1's precedence).
extension EnvelopeReader {
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
