// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "mushroom",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MushroomRPC", targets: ["MushroomRPC"]),
        .library(name: "MushroomWebSocket", targets: ["MushroomWebSocket"]),
        .library(name: "MushroomClient", targets: ["MushroomClient"]),
        .library(name: "MushroomServer", targets: ["MushroomServer"]),
        .library(name: "MushroomCluster", targets: ["MushroomCluster"]),
        .library(name: "MushroomTLS", targets: ["MushroomTLS"]),
        .library(name: "MushroomDemo", targets: ["MushroomDemo"]),
        .library(name: "DashboardModel", targets: ["DashboardModel"]),
        .library(name: "DashboardUI", targets: ["DashboardUI"]),
        .library(name: "MushroomLoad", targets: ["MushroomLoad"]),
        .executable(name: "mushroom", targets: ["mushroom"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket.git", from: "1.6.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
    ],
    targets: [
        .target(
            name: "MushroomRPC",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        .target(
            name: "MushroomWebSocket",
            dependencies: [
                "MushroomRPC",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ]
        ),
        .target(
            name: "MushroomClient",
            dependencies: [
                "MushroomRPC",
                "MushroomTLS",
                "MushroomWebSocket",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .target(
            name: "MushroomTLS",
            dependencies: [.product(name: "NIOSSL", package: "swift-nio-ssl")]
        ),
        .target(
            name: "MushroomServer",
            dependencies: [
                "MushroomRPC",
                "MushroomTLS",
                "MushroomWebSocket",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .target(
            name: "MushroomCluster",
            dependencies: [
                "MushroomServer",
                "MushroomRPC",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "MushroomDemo", dependencies: ["MushroomServer", "MushroomRPC"]),
        .target(name: "DashboardModel", dependencies: ["MushroomRPC"]),
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncurses-dev"])]),
        .target(
            name: "DashboardUI",
            dependencies: [
                "CNcurses", "DashboardModel", "MushroomRPC", "MushroomCommandLine", .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .target(name: "MushroomCommandLine", dependencies: ["MushroomRPC", .product(name: "Logging", package: "swift-log")]),
        .target(
            name: "MushroomRecording",
            dependencies: ["MushroomRPC", "MushroomCommandLine", .product(name: "DequeModule", package: "swift-collections")]
        ),
        .target(name: "CPseudoTerminal"),
        .target(
            name: "MushroomLoad",
            dependencies: [
                "CPseudoTerminal",
                "MushroomClient",
                "MushroomRecording",
                "MushroomRPC",
                "MushroomWebSocket",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "MushroomTestSupport",
            dependencies: [
                "MushroomRPC",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "mushroom",
            dependencies: [
                "MushroomRPC",
                "MushroomClient",
                "MushroomServer",
                "MushroomCluster",
                "MushroomDemo",
                "DashboardModel",
                "DashboardUI",
                "MushroomLoad",
                "MushroomCommandLine",
                "MushroomRecording",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "mushroom-bench",
            dependencies: [
                "MushroomRPC", "DashboardModel", "DashboardUI", "MushroomLoad", "MushroomCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "MushroomRPCTests", dependencies: ["MushroomRPC", "MushroomTestSupport"], exclude: ["Corpus"]),
        .testTarget(
            name: "MushroomRecordingTests",
            dependencies: [
                "MushroomRecording", "MushroomRPC", "MushroomClient", "MushroomDemo", "MushroomServer", "MushroomTestSupport", "mushroom",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "DashboardModelTests", dependencies: ["DashboardModel", "MushroomRPC"]),
        .testTarget(name: "DashboardEndToEndTests", dependencies: ["MushroomTestSupport", "mushroom"]),
        .testTarget(name: "DashboardUITests", dependencies: ["DashboardUI", "DashboardModel", "MushroomRPC"]),
        .testTarget(
            name: "MushroomWebSocketTests",
            dependencies: [
                "MushroomWebSocket", "MushroomRPC",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "MushroomClientTests",
            dependencies: [
                "MushroomClient", "MushroomWebSocket", "MushroomServer", "MushroomTestSupport", "MushroomLoad", "MushroomCommandLine", "mushroom",
                "DashboardModel", "DashboardUI",
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "MushroomLoadTests",
            dependencies: ["MushroomLoad", "MushroomDemo", "MushroomServer", "MushroomTestSupport", "mushroom"]
        ),
        .testTarget(
            name: "SoakTests",
            dependencies: [
                "MushroomClient",
                "MushroomLoad",
                "MushroomRPC",
                "MushroomTestSupport",
                "mushroom",
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "ResilienceTests",
            dependencies: [
                "MushroomClient",
                "MushroomServer",
                "MushroomRPC",
                "DashboardModel",
                "MushroomTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ClusterTests",
            dependencies: [
                "MushroomCluster", "MushroomServer", "MushroomClient", "MushroomDemo", "MushroomLoad", "MushroomRPC", "MushroomTestSupport",
                "mushroom",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "MushroomServerTests",
            dependencies: [
                "MushroomServer",
                "MushroomDemo",
                "MushroomRPC",
                "MushroomTestSupport",
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["HTTPCorpus"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
