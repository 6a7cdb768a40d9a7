// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "agentviz-report",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "agentviz-report", targets: ["agentviz-report"]),
        .library(name: "AgentVizReport", targets: ["AgentVizReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Remote sync only (AgentVizRemote and its tests); the core library builds without them.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite3"])]
        ),
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .target(
            name: "AgentVizReport",
            dependencies: ["CSQLite", "CZlib", .product(name: "Yams", package: "Yams")],
            // The shipped rule set is compiled in, so the binary works from any directory.
            // Resources/default.yml is a symlink to rules/default.yml, and
            // Resources/github-copilot-prices.yml one to prices/github-copilot.yml.
            resources: [.embedInCode("Resources/default.yml"), .embedInCode("Resources/github-copilot-prices.yml")]
        ),
        // Opt-in remote sync (issue 13): the HTTPS client, retries and the payload's privacy.
        .target(
            name: "AgentVizRemote",
            dependencies: [
                "AgentVizReport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "agentviz-report",
            dependencies: [
                "AgentVizReport",
                "AgentVizRemote",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // scripts/fuzz builds this with libFuzzer; in a normal build it replays inputs.
        .executableTarget(
            name: "agentviz-fuzz",
            dependencies: ["AgentVizReport"]
        ),
        .testTarget(
            name: "AgentVizReportTests",
            dependencies: [
                "AgentVizReport", "AgentVizRemote",
                // The HTTPS test server of the remote sync tests.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
    ]
)
