import Foundation
import XCTest

/// Certificates made at test time with the `openssl` command: a CA, a server certificate for
/// 127.0.0.1 signed by it, a client certificate signed by it (mTLS), and a second CA with its
/// own server certificate (the "untrusted" case). EC P-256 keys: quick to make.
struct TestCertificates {
    let directory: URL
    var ca: String { path("ca.pem") }
    var serverCert: String { path("server.pem") }
    var serverKey: String { path("server.key") }
    var clientCert: String { path("client.pem") }
    var clientKey: String { path("client.key") }
    var otherServerCert: String { path("other-server.pem") }
    var otherServerKey: String { path("other-server.key") }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Made once per test run (a few hundred milliseconds).
    static func shared() throws -> TestCertificates {
        try lock.withLock {
            if let made { return made }
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("agentviz-certs-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let certs = TestCertificates(directory: dir)
            try certs.make()
            made = certs
            return certs
        }
    }

    nonisolated(unsafe) private static var made: TestCertificates?
    private static let lock = NSLock()

    private func make() throws {
        try write("server.ext", "basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
        try write("client.ext", "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n")
        for ca in ["ca", "other-ca"] {
            try openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                         "-keyout", "\(ca).key", "-out", "\(ca).pem", "-days", "2", "-subj", "/CN=agentviz test \(ca)",
                         "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        }
        for (name, ca, ext) in [("server", "ca", "server.ext"), ("client", "ca", "client.ext"), ("other-server", "other-ca", "server.ext")] {
            try openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                         "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=\(name)"])
            try openssl(["x509", "-req", "-in", "\(name).csr", "-CA", "\(ca).pem", "-CAkey", "\(ca).key", "-CAcreateserial",
                         "-out", "\(name).pem", "-days", "2", "-extfile", ext])
        }
    }

    private func write(_ name: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    private func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = directory
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "openssl", code: Int(process.terminationStatus), userInfo: [
                NSLocalizedDescriptionKey: "openssl \(arguments.joined(separator: " ")): " + String(decoding: message, as: UTF8.self)])
        }
    }
}
