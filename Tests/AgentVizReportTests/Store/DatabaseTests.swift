import CSQLite
import XCTest
@testable import AgentVizReport

final class DatabaseTests: XCTestCase {
    func testErrorsCarryCodeMessageAndSQLOnOneLine() throws {
        let db = try Database(path: ":memory:")
        XCTAssertThrowsError(try db.prepare("SELECT *\n  FROM nowhere")) { error in
            guard let error = error as? DatabaseError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.code, SQLITE_ERROR)
            XCTAssertEqual(error.message, "no such table: nowhere")
            XCTAssertEqual(error.sql, "SELECT *\n  FROM nowhere")
            XCTAssertEqual(error.description, "SQLite error 1 (SQL logic error): no such table: nowhere, in SQL: SELECT * FROM nowhere")
        }
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        let insert = try db.prepare("INSERT INTO t (id, name) VALUES (?, ?)")
        try insert.bind(1 as Int64, at: 1)
        try insert.bind(nil as String?, at: 2)
        XCTAssertThrowsError(try insert.step()) { error in
            guard let error = error as? DatabaseError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.code, 1299, "extended code SQLITE_CONSTRAINT_NOTNULL")
            XCTAssertEqual(error.primaryCode, SQLITE_CONSTRAINT)
            XCTAssertTrue(error.description.contains("NOT NULL constraint failed: t.name"), error.description)
            XCTAssertTrue(error.description.hasSuffix("in SQL: INSERT INTO t (id, name) VALUES (?, ?)"), error.description)
        }
        XCTAssertThrowsError(try db.execute("INSERT INTO t VALUES (1, 'a'); INSERT INTO t VALUES (1, 'b')")) { error in
            XCTAssertEqual((error as? DatabaseError)?.code, 1555, "SQLITE_CONSTRAINT_PRIMARYKEY: \(error)")
        }
    }

    func testOpenFailureNamesThePath() {
        XCTAssertThrowsError(try Database(path: "/proc/no/such/place/db.sqlite")) { error in
            XCTAssertTrue(String(describing: error).contains("/proc/no/such/place"), "\(error)")
        }
    }

    func testAFileThatIsNotADatabaseIsAReadableError() throws {
        let dir = try StoreFixtures.Directory()
        defer { dir.remove() }
        let path = dir.path("events.ndjson")
        try Data(String(repeating: "{\"eventId\": \"not a database\"}\n", count: 200).utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try EventStore(path: path)) { error in
            XCTAssertEqual((error as? DatabaseError)?.code, SQLITE_NOTADB)
            XCTAssertTrue(String(describing: error).contains("file is not a database"), "\(error)")
        }
    }

    func testFileDatabaseUsesWALAndWaitsForLocks() throws {
        let dir = try StoreFixtures.Directory()
        defer { dir.remove() }
        let db = try Database(path: dir.path("a/b/c.sqlite"))
        func pragma(_ name: String) throws -> String? {
            let query = try db.prepare("PRAGMA \(name)")
            _ = try query.step()
            return query.string(at: 0)
        }
        XCTAssertEqual(try pragma("journal_mode"), "wal")
        XCTAssertEqual(try pragma("synchronous"), "1")
        XCTAssertEqual(try pragma("busy_timeout"), "30000")
    }

    func testTransactionCommitsOrRollsBack() throws {
        struct Boom: Error {}
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t (v INTEGER)")
        try db.transaction { try db.execute("INSERT INTO t VALUES (1)") }
        XCTAssertThrowsError(try db.transaction {
            try db.execute("INSERT INTO t VALUES (2)")
            throw Boom()
        })
        let count = try db.prepare("SELECT count(*), sum(v) FROM t")
        XCTAssertTrue(try count.step())
        XCTAssertEqual(count.int64(at: 0), 1)
        XCTAssertEqual(count.int64(at: 1), 1)
    }

    func testStatementTypedValuesAndReset() throws {
        let db = try Database(path: ":memory:")
        let s = try db.prepare("SELECT ?, ?, ?, ?")
        for round in 0..<2 {
            try s.bind(Int64.min + Int64(round), at: 1)
            try s.bind(-0.5, at: 2)
            try s.bind("text \(round)", at: 3)
            try s.bind(nil as Double?, at: 4)
            XCTAssertTrue(try s.step())
            XCTAssertEqual(s.int64(at: 0), Int64.min + Int64(round))
            XCTAssertEqual(s.double(at: 1), -0.5)
            XCTAssertEqual(s.string(at: 2), "text \(round)")
            XCTAssertNil(s.string(at: 3))
            XCTAssertNil(s.optionalInt64(at: 3))
            XCTAssertNil(s.optionalDouble(at: 3))
            XCTAssertFalse(try s.step())
            s.reset()
        }
        XCTAssertThrowsError(try s.bind(1 as Int64, at: 5)) {
            XCTAssertEqual(($0 as? DatabaseError)?.code, SQLITE_RANGE)
        }
    }
}
