import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A real HTTPS server on 127.0.0.1 (random port) inside the test process. It answers the
/// n-th request with the n-th scripted reply (the last one repeats) and records every
/// request's headers and body.
final class TestHTTPSServer: @unchecked Sendable {
    enum Reply: Sendable {
        case status(Int, headers: [(String, String)] = [])
        /// Reads the request and never answers.
        case silence
    }

    struct Request: Sendable {
        var headers: [(String, String)]
        var body: String
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    }

    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var channel: Channel?
    private let lock = NSLock()
    private var script: [Reply]
    private var recorded: [Request] = []
    private(set) var port = 0

    var requests: [Request] { lock.withLock { recorded } }
    var url: String { "https://127.0.0.1:\(port)/ingest" }

    /// `clientCA`: require a client certificate signed by it (mTLS).
    init(certificate: String, key: String, clientCA: String? = nil, script: [Reply]) throws {
        self.script = script
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
        if let clientCA {
            tls.certificateVerification = .noHostnameVerification
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(clientCA))
        }
        let context = try NIOSSLContext(configuration: tls)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(server: self))
                }
            }
        let channel = try bootstrap.bind(host: "127.0.0.1", port: 0).wait()
        self.channel = channel
        port = channel.localAddress?.port ?? 0
    }

    func stop() {
        try? channel?.close().wait()
        try? group.syncShutdownGracefully()
    }

    fileprivate func record(_ request: Request) -> Reply {
        lock.withLock {
            recorded.append(request)
            return script[min(recorded.count, script.count) - 1]
        }
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let server: TestHTTPSServer
        var head: HTTPRequestHead?
        var body = ""

        init(server: TestHTTPSServer) { self.server = server }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let h): head = h; body = ""
            case .body(let buffer): body += String(buffer: buffer)
            case .end:
                let headers = head?.headers.map { ($0.name, $0.value) } ?? []
                let reply = server.record(Request(headers: headers, body: body))
                guard case .status(let code, let extra) = reply else { return }
                var responseHeaders = HTTPHeaders(extra)
                responseHeaders.add(name: "Content-Length", value: "0")
                let responseHead = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: code), headers: responseHeaders)
                context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }
}
