import CSQLite

/// One stored event seen in place, during `EventStore.forEachStoredEvent` only: text
/// fields are bytes inside SQLite's row buffer, so a reader can intern them without
/// making a String per row. Do not keep it past the callback.
public struct StoredEventRow {
    let statement: Statement

    // Column numbers of `EventRow.fieldColumns`.
    public var eventId: UnsafeRawBufferPointer { statement.bytes(at: 1) ?? UnsafeRawBufferPointer(start: nil, count: 0) }
    public var capturedAt: Int64 { statement.int64(at: 2) }
    public var sessionId: UnsafeRawBufferPointer { statement.bytes(at: 4) ?? UnsafeRawBufferPointer(start: nil, count: 0) }
    public var repository: UnsafeRawBufferPointer? { statement.bytes(at: 7) }
    public var branch: UnsafeRawBufferPointer? { statement.bytes(at: 8) }
    public var title: UnsafeRawBufferPointer? { statement.bytes(at: 9) }
    public var prNumber: Int64? { statement.optionalInt64(at: 10) }
    public var updatedAt: Int64? { statement.optionalInt64(at: 11) }
    public var durationSeconds: Int64? { statement.optionalInt64(at: 12) }
    public var tokenInput: Int64? { statement.optionalInt64(at: 13) }
    public var tokenOutput: Int64? { statement.optionalInt64(at: 14) }
    public var tokenTotal: Int64? { statement.optionalInt64(at: 15) }
    public var estimatedCostUsd: Double? { statement.optionalDouble(at: 16) }

    public func sourceType() throws -> SourceType { try value(5) }
    public func status() throws -> SessionStatus { try value(6) }
    public func operatorAction() throws -> OperatorAction { try value(17) }

    private func value<T: RawRepresentable<String>>(_ column: Int32) throws -> T {
        let raw = statement.string(at: column) ?? ""
        guard let value = T(rawValue: raw) else {
            throw DatabaseError(code: SQLITE_CORRUPT, message: "\(EventRow.fieldColumns[Int(column)]) '\(raw)' is not a known \(T.self)", sql: statement.sql)
        }
        return value
    }
}

extension EventStore {
    /// Every stored event in storage order (no sort: the caller groups and orders).
    public func forEachStoredEvent(_ body: (StoredEventRow) throws -> Void) throws {
        let query = try db.prepare("SELECT \(EventRow.fieldColumns.joined(separator: ", ")) FROM event")
        while try query.step() {
            try body(StoredEventRow(statement: query))
        }
    }
}
