import CSQLite

/// A prepared statement: compiled in `init`, finalized in `deinit`. Parameter and column
/// indexes follow SQLite (parameters from 1, columns from 0). `reset()` before reuse.
final class Statement {
    let sql: String
    private let db: Database
    private let handle: OpaquePointer

    init(_ db: Database, _ sql: String) throws {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(db.handle, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else {
            throw DatabaseError(code: rc == SQLITE_OK ? SQLITE_MISUSE : rc, db: db.handle, sql: sql)
        }
        self.db = db
        self.sql = sql
        self.handle = stmt
    }

    deinit { sqlite3_finalize(handle) }

    // MARK: Binding

    func bind(_ value: Int64?, at index: Int32) throws {
        try check(value.map { sqlite3_bind_int64(handle, index, $0) } ?? sqlite3_bind_null(handle, index))
    }

    func bind(_ value: Double?, at index: Int32) throws {
        try check(value.map { sqlite3_bind_double(handle, index, $0) } ?? sqlite3_bind_null(handle, index))
    }

    func bind(_ value: String?, at index: Int32) throws {
        guard var value else { return try check(sqlite3_bind_null(handle, index)) }
        let rc = value.withUTF8 { bytes in
            // An empty buffer may have no address, and a NULL pointer would bind SQL NULL.
            bytes.isEmpty
                ? sqlite3_bind_text(handle, index, "", 0, csqlite_transient())
                : sqlite3_bind_text(handle, index, bytes.baseAddress, Int32(bytes.count), csqlite_transient())
        }
        try check(rc)
    }

    /// Binds `bytes` as text WITHOUT copying them (`SQLITE_STATIC`): the caller keeps them
    /// alive and unchanged until the statement has stepped and is reset, or rebinds the
    /// parameter. Saves a malloc and a free per parameter and row over `bind(_: String?)`.
    func bindStatic(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int32) throws {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return try bind("", at: index) }
        try check(base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
            sqlite3_bind_text(handle, index, $0, Int32(bytes.count), nil)
        })
    }

    /// Rewinds so the statement can run again; bindings are kept until rebound or cleared.
    func reset() { sqlite3_reset(handle) }

    /// Sets every parameter to NULL.
    func clearBindings() { sqlite3_clear_bindings(handle) }

    // MARK: Stepping

    /// Advances; true when a row is available, false when the statement is done.
    @discardableResult
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let rc:
            let error = DatabaseError(code: rc, db: db.handle, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    // MARK: Columns of the current row

    func isNull(at column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func int64(at column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func optionalInt64(at column: Int32) -> Int64? { isNull(at: column) ? nil : int64(at: column) }

    func double(at column: Int32) -> Double { sqlite3_column_double(handle, column) }
    func optionalDouble(at column: Int32) -> Double? { isNull(at: column) ? nil : double(at: column) }

    /// The column's text as bytes, valid until the next step; nil for NULL.
    func bytes(at column: Int32) -> UnsafeRawBufferPointer? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column)))
    }

    func string(at column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// Whether the text in `column` has exactly the UTF-8 bytes of `value` (no Unicode
    /// normalization, unlike `String ==`).
    func text(at column: Int32, equalsBytesOf value: String) -> Bool {
        guard let text = sqlite3_column_text(handle, column) else { return false }
        let count = Int(sqlite3_column_bytes(handle, column))
        return UnsafeBufferPointer(start: text, count: count).elementsEqual(value.utf8)
    }

    private func check(_ rc: Int32) throws {
        guard rc == SQLITE_OK else { throw DatabaseError(code: rc, db: db.handle, sql: sql) }
    }
}
