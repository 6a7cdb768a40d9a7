import AgentVizReport
import Crypto
import Foundation

/// `--push` and `push FILE`: everything checked before any work (`prepare`), then one POST
/// of the JSON report with retries (`send`). Nothing here runs unless remote sync is enabled
/// in the config file and a push was asked for: no other path opens a socket.
public struct RemotePush {
    public var endpoint: URL
    public var token: String?
    public var privacy: PayloadPrivacy
    public var policy: RetryPolicy
    var transport: () -> PushTransport

    /// Checks the settings and loads the token, certificates and identifier key.
    /// `storePath` is the effective store: the identifier key lives beside it.
    public static func prepare(_ s: RemoteSettings, environment: [String: String], storePath: String) throws(JobError) -> RemotePush {
        guard s.enabled else {
            throw .usage("--push needs remote sync enabled: set analytics.remote.enabled: true and analytics.remote.endpoint in the config file (README, \"Remote sync\")")
        }
        guard let text = s.endpoint, RemoteEndpoint.problem(text, allowInsecureLoopback: s.allowInsecureLoopback) == nil,
              let url = URL(string: text) else {
            throw .usage("\(RemoteCredentials.place(s, "endpoint")): missing or refused; it must be an https:// URL")
        }
        let token = try RemoteCredentials.token(s, environment: environment)
        let tls = try RemoteCredentials.tls(s)
        let key = s.identifiers == .hashed ? try IdentifierKey.loadOrCreate(at: IdentifierKey.path(besideStore: storePath)) : nil
        let policy = RetryPolicy(
            maxAttempts: s.maxAttempts, totalTimeout: s.totalTimeoutSeconds, attemptTimeout: s.attemptTimeoutSeconds,
            base: s.backoffBaseSeconds, cap: s.backoffCapSeconds)
        return RemotePush(endpoint: url, token: token, privacy: PayloadPrivacy(key: key), policy: policy,
                          transport: { HTTPTransport(url: url, tls: tls) })
    }

    /// The exact bytes sent for `document`.
    public func body(_ document: JSONValue) -> [UInt8] {
        Array(privacy.payload(document).serialized().utf8)
    }

    /// The headers of every attempt. The token appears here and nowhere else.
    public func headers(for body: [UInt8]) -> [(name: String, value: String)] {
        var headers: [(String, String)] = [
            ("Content-Type", "application/json"),
            ("Accept", "application/json"),
            ("User-Agent", "agentviz-report/\(ToolVersion.current)"),
            ("Idempotency-Key", SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined()),
        ]
        if let token { headers.append(("Authorization", "Bearer " + token)) }
        return headers
    }

    /// POSTs the report (its privacy-filtered JSON document) with retries.
    public func send(_ document: JSONValue, sleep: ((Double) -> Void)? = nil) -> PushOutcome {
        let body = body(document)
        var pusher = ReportPusher(transport: transport(), policy: policy)
        if let sleep { pusher.sleep = sleep }
        return pusher.push(PushRequest(body: body, headers: headers(for: body)))
    }

    /// A JSON report written earlier (`push FILE`), checked to be one.
    public static func readReport(_ path: String) throws(JobError) -> JSONValue {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .usage("\(path): no such readable file (a JSON report written with --format json --output FILE)")
        }
        let document: JSONValue
        do { document = try JSONDecoder().decode(DecodedJSON.self, from: data).value } catch {
            throw .usage("\(path): not JSON; push takes a report written with --format json")
        }
        guard case .object(let top) = document, case .string = top["reportVersion"] else {
            throw .usage("\(path): not a JSON report (no reportVersion); push takes a report written with --format json")
        }
        return document
    }
}

/// Any JSON text as a `JSONValue` (whole numbers stay integers).
struct DecodedJSON: Decodable {
    let value: JSONValue

    init(from decoder: Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(DecodedJSON.self).value) }
            value = .array(items)
        } else if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: JSONValue] = [:]
            for key in object.allKeys { members[key.stringValue] = try object.decode(DecodedJSON.self, forKey: key).value }
            value = .object(members)
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() { value = .null }
            else if let b = try? single.decode(Bool.self) { value = .bool(b) }
            else if let n = try? single.decode(Int64.self) { value = .int(n) }
            else if let d = try? single.decode(Double.self) { value = .double(d) }
            else { value = .string(try single.decode(String.self)) }
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
