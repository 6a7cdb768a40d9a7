import Foundation
import XCTest

/// The README's report excerpt is real output, kept current (regenerate it on purpose when
/// the report changes: the command is in the README).
final class ReadmeExcerptTests: XCTestCase {
    func testTheReadmeShowsTheSampleReportAsTheToolPrintsIt() throws {
        let r = try Binary.run(["weekly", "--input", "fixtures/sample-history.ndjson", "--week", "2026-W45", "--now", "2026-11-25T12:00:00Z"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let excerpt = String(r.stdout[..<r.stdout.range(of: "## Top repositories")!.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
        let readme = try String(contentsOf: TestFiles.root.appendingPathComponent("README.md"), encoding: .utf8)
        XCTAssertTrue(readme.contains("````markdown\n" + excerpt + "\n````"), "README excerpt is stale:\n" + excerpt)
    }
}
