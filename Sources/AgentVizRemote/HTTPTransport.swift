import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// `PushTransport` over AsyncHTTPClient: HTTP/1.1 or 2 over TLS (mTLS when configured), no
/// redirects followed (a redirected POST could hand the report to another host), one
/// connection try per attempt (the pusher decides about retries, not the pool).
public final class HTTPTransport: PushTransport {
    let client: HTTPClient
    let url: URL

    public init(url: URL, tls: TLSConfiguration) {
        var pool = HTTPClient.Configuration.ConnectionPool()
        pool.retryConnectionEstablishment = false
        let configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow, connectionPool: pool)
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.url = url
    }

    deinit { try? client.syncShutdown() }

    public func post(_ request: PushRequest, timeout: Double) -> AttemptResult {
        do {
            var headers = HTTPHeaders()
            for h in request.headers { headers.add(name: h.name, value: h.value) }
            let req = try HTTPClient.Request(url: url, method: .POST, headers: headers, body: .bytes(request.body))
            let deadline = NIODeadline.now() + .nanoseconds(Int64(timeout * 1e9))
            let response = try client.execute(request: req, deadline: deadline).wait()
            return .response(status: Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After"))
        } catch {
            return .failure(Self.failure(error, host: url.host ?? "the endpoint"))
        }
    }

    /// The error in words that say which check failed and what to do.
    static func failure(_ error: Error, host: String) -> TransportFailure {
        let text = String(describing: error)
        if error is NIOSSLError || error is NIOSSLExtraError || text.contains("SSL") || text.contains("TLS") {
            return TransportFailure(.tls, tlsMessage(text, host: host))
        }
        if let e = error as? HTTPClientError {
            switch e {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                return TransportFailure(.timeout, "no answer from \(host) within analytics.remote.attemptTimeoutSeconds")
            default: break
            }
        }
        return TransportFailure(.connection, "cannot reach \(host) (\(SafeDescription.of(text))); check the endpoint and the network")
    }

    static func tlsMessage(_ text: String, host: String) -> String {
        let lower = text.lowercased()
        let check: String
        if lower.contains("hostname") {
            check = "the server's certificate does not name \(host)"
        } else if lower.contains("certificate_verify_failed") || lower.contains("unable to get local issuer") {
            check = "the server's certificate is not signed by a trusted CA (or has expired); for a private CA set analytics.remote.caCertificate"
        } else if lower.contains("certificate_required") || lower.contains("handshake_failure") || lower.contains("bad_certificate")
                    || lower.contains("unknown_ca") {
            check = "the server refused the client certificate (or required one): check analytics.remote.clientCertificate and clientKey"
        } else {
            check = "the TLS handshake with \(host) failed"
        }
        return "TLS: " + check + " (\(SafeDescription.of(text)))"
    }
}

/// Error texts from libraries, shortened and redacted before they reach a message.
enum SafeDescription {
    static func of(_ text: String) -> String {
        // BoringSSL's messages end with the source file of the check: not the user's business.
        let one = text.replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: #" at /[^ \]\)]*"#, with: "", options: .regularExpression)
        return one.count > 300 ? String(one.prefix(300)) + "..." : one
    }
}
