import Foundation
import XCTest

/// Reads CSV back with a real CSV reader (Python's `csv` module, RFC 4180 dialect), so the
/// tests do not check our writer against our own idea of CSV.
enum PythonCSV {
    /// The rows as dictionaries keyed by the header, every value a string ("" for empty).
    static func records(_ csv: String) throws -> [[String: String]] {
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let python else { throw XCTSkip("python3 is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        // newline='' hands the reader the CRLFs as they are; strict: a malformed file fails.
        process.arguments = ["-c", """
            import csv, io, json, sys
            text = io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8', newline='')
            print(json.dumps(list(csv.DictReader(text, strict=True))))
            """]
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(csv.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "PythonCSV", code: Int(process.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: String(decoding: message, as: UTF8.self)])
        }
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: String]])
    }

    /// The header row's names, in order.
    static func header(_ csv: String) -> [String] {
        String(csv.prefix { $0 != "\r\n" && $0 != "\n" }).split(separator: ",").map(String.init)
    }
}

/// JSON helpers for the end-to-end tests.
enum JSONOutput {
    static func object(_ result: Binary.Result, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], file: file, line: line)
    }

    /// A JSON value as the CSV cell holding it would read: numbers by value, null as "".
    static func matches(_ json: Any?, _ cell: String) -> Bool {
        switch json {
        case nil, is NSNull: return cell == ""
        case let n as NSNumber:
            // Booleans are NSNumbers too; CSV writes them as words.
            if cell == "true" || cell == "false" { return n.boolValue == (cell == "true") }
            // Foundation's JSON reader may round the last digit differently: the same
            // text must give the same number to 15 significant digits.
            guard let value = Double(cell) else { return false }
            return abs(value - n.doubleValue) <= 1e-15 * max(1, abs(value))
        case let s as String: return cell == s
        default: return false
        }
    }
}
