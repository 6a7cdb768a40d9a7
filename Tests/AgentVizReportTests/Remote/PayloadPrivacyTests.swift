import AgentVizRemote
import AgentVizReport
import XCTest

final class PayloadPrivacyTests: XCTestCase {
    static let document = JSONValue.object([
        "reportVersion": .string("1.0"),
        "titlesIncluded": .bool(true),
        "topSessions": .array([.object([
            "id": .string("session-alpha-1"), "branch": .string("feature/secret-plan"),
            "repository": .string("acme/api"), "title": .string("Fix login for Jane Doe"),
        ])]),
        "findings": .array([.object([
            "ruleId": .string("stuck-session"), "scope": .string("session"), "key": .string("session-alpha-1"),
            "sessionIds": .array([.string("session-alpha-1")]),
            "title": .string("session-alpha-1 on feature/secret-plan is stuck: Fix login for Jane Doe"),
            "recommendation": .string("Rotate ghp_abcdefghijklmnopqrstuvwxyz0123456789 now"),
            "figures": .object(["branch": .string("feature/secret-plan"), "title": .string("Fix login for Jane Doe")]),
        ])]),
    ])

    func testHashedIdentifiersNoTitlesRedacted() {
        let key = IdentifierKey(bytes: Array(repeating: 7, count: 32))
        let text = PayloadPrivacy(key: key).payload(Self.document).serialized()
        for plain in ["session-alpha-1", "feature/secret-plan", "Jane Doe", "ghp_abcdef"] {
            XCTAssertFalse(text.contains(plain), "\(plain) left in\n\(text)")
        }
        XCTAssertTrue(text.contains(key.hash("session-alpha-1")))
        XCTAssertTrue(text.contains(key.hash("feature/secret-plan")))
        XCTAssertTrue(text.contains("[title removed]"))
        XCTAssertTrue(text.contains("[REDACTED:github-token]"))
        XCTAssertTrue(text.contains("\"titlesIncluded\": false"))
        XCTAssertTrue(text.contains("\"identifiers\": \"hmac-sha256\""))
        XCTAssertTrue(text.contains("acme/api"), "the repository is needed by the dashboard")
        XCTAssertEqual(key.hash("x"), key.hash("x"))
        XCTAssertNotEqual(key.hash("x"), IdentifierKey(bytes: Array(repeating: 8, count: 32)).hash("x"), "keyed")
    }

    func testPlainIdentifiersStillNoTitles() {
        let text = PayloadPrivacy(key: nil).payload(Self.document).serialized()
        XCTAssertTrue(text.contains("session-alpha-1"))
        XCTAssertFalse(text.contains("Jane Doe"))
        XCTAssertTrue(text.contains("\"identifiers\": \"plain\""))
    }

    func testKeyFileIsCreatedOnceWithOwnerOnlyPermissions() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString)/store")
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        let path = IdentifierKey.path(besideStore: dir.appendingPathComponent("analytics.sqlite").path)
        let first = try IdentifierKey.loadOrCreate(at: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
        XCTAssertEqual(try IdentifierKey.loadOrCreate(at: path).hash("s"), first.hash("s"), "the same key on later pushes")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        XCTAssertThrowsError(try IdentifierKey.loadOrCreate(at: path))
    }
}
