// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "mushroom",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MushroomRPC", targets: ["MushroomRPC"]),
        .executable(name: "mushroom", targets: ["mushroom"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "MushroomRPC",
            dependencies: [.product(name: "Logging", package: "swift-log")]
        ),
        .executableTarget(
            name: "mushroom",
            dependencies: [
                "MushroomRPC",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "mushroom-bench", dependencies: ["MushroomRPC"]),
        .testTarget(name: "MushroomRPCTests", dependencies: ["MushroomRPC"], exclude: ["Corpus"]),
    ],
    swiftLanguageModes: [.v6]
)
