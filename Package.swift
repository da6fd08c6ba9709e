// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "mushroom",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MushroomRPC", targets: ["MushroomRPC"]),
        .library(name: "DashboardModel", targets: ["DashboardModel"]),
        .library(name: "DashboardUI", targets: ["DashboardUI"]),
        .executable(name: "mushroom", targets: ["mushroom"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
    ],
    targets: [
        .target(
            name: "MushroomRPC",
            dependencies: [.product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "DashboardModel", dependencies: ["MushroomRPC"]),
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncurses-dev"])]),
        .target(
            name: "DashboardUI",
            dependencies: ["CNcurses", "DashboardModel", "MushroomRPC", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .executableTarget(
            name: "mushroom",
            dependencies: [
                "MushroomRPC",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "MushroomRPCTests", dependencies: ["MushroomRPC"]),
        .testTarget(name: "DashboardModelTests", dependencies: ["DashboardModel", "MushroomRPC"]),
        .testTarget(name: "DashboardUITests", dependencies: ["DashboardUI", "DashboardModel", "MushroomRPC"]),
    ],
    swiftLanguageModes: [.v6]
)
