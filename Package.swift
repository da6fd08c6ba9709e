// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "mushroom",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MushroomRPC", targets: ["MushroomRPC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        .target(
            name: "MushroomRPC",
            dependencies: [.product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "MushroomRPCTests", dependencies: ["MushroomRPC"]),
    ],
    swiftLanguageModes: [.v6]
)
