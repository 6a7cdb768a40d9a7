import CSQLite

/// A failed SQLite call (or a store invariant the database broke): the result code, SQLite's
/// message and the SQL that was running. The store layer's one error type.
public struct DatabaseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The (extended) SQLite result code, e.g. 5 `SQLITE_BUSY`, 2067 `SQLITE_CONSTRAINT_UNIQUE`.
    public var code: Int32
    public var message: String
    public var sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code (the low byte of the extended one).
    public var primaryCode: Int32 { code & 0xFF }

    /// SQLite found the file damaged, or not a database at all.
    public var isDamage: Bool { primaryCode == SQLITE_CORRUPT || primaryCode == SQLITE_NOTADB }

    /// A read-only connection could not set up WAL's shared memory (a read-only directory or
    /// filesystem): the file can still be read as immutable.
    var cannotShareReadOnly: Bool { primaryCode == SQLITE_READONLY || primaryCode == SQLITE_CANTOPEN }

    /// One line: `SQLite error 1 (SQL logic error): no such table: nope, in SQL: SELECT * FROM nope`.
    public var description: String {
        var text = "SQLite error \(code) (\(String(cString: sqlite3_errstr(code)))): \(message)"
        if let sql {
            text += ", in SQL: " + sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return text.replacingNewlines()
    }
}

extension DatabaseError {
    /// The error SQLite last reported on `db` for a call that returned `code`.
    init(code: Int32, db: OpaquePointer?, sql: String?) {
        let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
        self.init(code: code, message: message, sql: sql)
    }
}

private extension String {
    func replacingNewlines() -> String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
