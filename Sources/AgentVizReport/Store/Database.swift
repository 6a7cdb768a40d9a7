import CSQLite
import Foundation

/// One SQLite connection, used from one thread at a time. Files use WAL with
/// `synchronous=NORMAL`; every connection waits up to 30 s for a lock held by another one.
/// A 64 MiB page cache keeps a million events' key index in memory, and checkpointing every
/// 64 MiB of WAL (not 4) writes a page rewritten by successive batches back once.
final class Database {
    static let busyTimeoutMilliseconds: Int32 = 30_000

    let path: String
    let handle: OpaquePointer

    /// How a report opens the store: never writing, so a store in a read-only directory or on
    /// a read-only filesystem can be read. `immutable` also tells SQLite not to look for other
    /// writers (no -shm file to create), for media nothing can write to.
    enum ReadOnly {
        case shared, immutable
    }

    /// Opens `path` without writing anything to it or beside it (see `ReadOnly`).
    init(readOnlyPath path: String, mode: ReadOnly) throws {
        let flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_URI
        self.path = path
        handle = try Self.open(Self.uri(path, immutable: mode == .immutable), flags: flags, shownAs: path)
    }

    /// One `sqlite3_open_v2`, its failure as an error naming the path, the busy timeout set.
    private static func open(_ filename: String, flags: Int32, shownAs path: String) throws -> OpaquePointer {
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(filename, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let error = DatabaseError(code: rc, db: db, sql: nil)
            sqlite3_close_v2(db)
            throw DatabaseError(code: error.code, message: "cannot open \(path): \(error.message)")
        }
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
        return db
    }

    /// A read-only connection to `path`: shared with writers when SQLite can set up WAL's
    /// shared memory beside the file, else immutable (a read-only directory or filesystem).
    static func openReadOnly(_ path: String) throws -> Database {
        var db = try Database(readOnlyPath: path, mode: .shared)
        do {
            try db.execute("SELECT count(*) FROM sqlite_master")  // where a missing -shm shows
        } catch let error as DatabaseError where error.cannotShareReadOnly {
            db = try Database(readOnlyPath: path, mode: .immutable)
        }
        try db.execute("PRAGMA cache_size=-65536")
        return db
    }

    /// A `file:` URI for `path` (percent-encoding what a URI cannot hold as is).
    static func uri(_ path: String, immutable: Bool) -> String {
        let absolute = URL(fileURLWithPath: path).path
        var encoded = ""
        for byte in absolute.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                 UInt8(ascii: "."), UInt8(ascii: "~"):
                encoded.append(Character(UnicodeScalar(byte)))
            default:
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return "file:" + encoded + "?mode=ro" + (immutable ? "&immutable=1" : "")
    }

    /// Opens (creating) `path`, or a private in-memory database for `":memory:"`.
    init(path: String) throws {
        let isMemory = path == ":memory:"
        if !isMemory {
            let parent = URL(fileURLWithPath: path).deletingLastPathComponent()
            do {
                try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            } catch {
                throw DatabaseError(code: SQLITE_CANTOPEN, message: "cannot create directory \(parent.path): \(error.localizedDescription)")
            }
        }
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        self.path = path
        handle = try Self.open(path, flags: flags, shownAs: path)
        if !isMemory { try enableWAL() }
        try execute("PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=16384")
    }

    deinit { sqlite3_close_v2(handle) }

    /// Switching to WAL needs an exclusive lock and SQLite reports SQLITE_BUSY at once, without
    /// the busy handler, when another connection holds any lock (two processes creating the
    /// file together): retry every 10 ms for up to the busy timeout.
    private func enableWAL() throws {
        var attempts = 0
        while true {
            do {
                return try execute("PRAGMA journal_mode=WAL")
            } catch let error as DatabaseError where error.primaryCode == SQLITE_BUSY {
                attempts += 1
                if attempts * 10 >= Self.busyTimeoutMilliseconds { throw error }
                usleep(10_000)
            }
        }
    }

    /// Runs one or more statements that return no rows worth reading.
    func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        defer { sqlite3_free(errorMessage) }
        guard rc == SQLITE_OK else {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            throw DatabaseError(code: sqlite3_extended_errcode(handle), message: message, sql: sql)
        }
    }

    func prepare(_ sql: String) throws -> Statement { try Statement(self, sql) }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction: the write lock is taken up front, so a
    /// second writer waits (busy timeout) instead of failing with "database is locked" later.
    /// Commits when `body` returns, rolls back when it throws.
    @discardableResult
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if sqlite3_get_autocommit(handle) == 0 { try? execute("ROLLBACK") }
            throw error
        }
    }

    var lastInsertedRowId: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last INSERT, UPDATE or DELETE that completed.
    var changes: Int { Int(sqlite3_changes(handle)) }
}

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
