import AgentVizReport
import Foundation
import NIOSSL

/// The bearer token and TLS material of `analytics.remote`, loaded and checked before any
/// work: a missing variable, a token file others can read or a PEM file that does not parse
/// is a usage error (exit 2) that names the key and says what to do.
enum RemoteCredentials {
    /// From `tokenEnv` (the variable it names) or `tokenFile`; never from a flag, never printed.
    static func token(_ s: RemoteSettings, environment: [String: String]) throws(JobError) -> String? {
        if let name = s.tokenEnv {
            guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                throw .usage("\(place(s, "tokenEnv")): the variable $\(name) is unset or empty; export the bearer token in it")
            }
            return try checked(value, s, "tokenEnv")
        }
        guard let path = s.tokenFile else { return nil }
        var info = stat()
        guard stat(path, &info) == 0, let data = FileManager.default.contents(atPath: path) else {
            throw .usage("\(place(s, "tokenFile")): cannot read \(path); check the path")
        }
        // A token others can read is as good as published.
        guard info.st_mode & 0o044 == 0 else {
            throw .usage("\(place(s, "tokenFile")): \(path) is readable by group or others (mode \(String(info.st_mode & 0o777, radix: 8))); run chmod 600 \(path)")
        }
        let value = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw .usage("\(place(s, "tokenFile")): \(path) is empty; write the bearer token in it") }
        return try checked(value, s, "tokenFile")
    }

    /// A token with a line break or control character would break the header.
    private static func checked(_ token: String, _ s: RemoteSettings, _ key: String) throws(JobError) -> String {
        guard token.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw .usage("\(place(s, key)): the token holds spaces or non-ASCII characters; give the token alone")
        }
        return token
    }

    /// System trust roots, or only `caCertificate`'s; the client certificate for mTLS.
    static func tls(_ s: RemoteSettings) throws(JobError) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        // A connection given up on (a server that never answers) is closed without waiting
        // NIOSSL's default 5 s for the peer's close_notify: the push's time bound must hold.
        tls.shutdownTimeout = .milliseconds(200)
        if let ca = s.caCertificate {
            do { tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(ca)) } catch {
                throw .usage("\(place(s, "caCertificate")): \(ca) is not a readable PEM certificate (\(error))")
            }
        }
        if let cert = s.clientCertificate, let key = s.clientKey {
            do { tls.certificateChain = try NIOSSLCertificate.fromPEMFile(cert).map { .certificate($0) } } catch {
                throw .usage("\(place(s, "clientCertificate")): \(cert) is not a readable PEM certificate (\(error))")
            }
            do { tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)) } catch {
                throw .usage("\(place(s, "clientKey")): \(key) is not a readable PEM private key (\(error))")
            }
        }
        return tls
    }

    static func place(_ s: RemoteSettings, _ key: String) -> String {
        "\(s.origin(key)): analytics.remote.\(key)"
    }
}
