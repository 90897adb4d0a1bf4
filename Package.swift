// swift-tools-version: 6.0
import PackageDescription

// No package dependencies by design: the toolchain (stdlib, Foundation, Dispatch, Glibc,
// Swift Testing) is all fraud-score needs.
let package = Package(
    name: "fraud-score",
    products: [
        .library(name: "FraudModel", targets: ["FraudModel"]),
        .executable(name: "fraud-score", targets: ["fraud-score"]),
    ],
    targets: [
        .target(name: "FraudModel"),
        .executableTarget(name: "fraud-score", dependencies: ["FraudModel"]),
        .testTarget(name: "FraudModelTests", dependencies: ["FraudModel"]),
        .testTarget(name: "fraud-scoreTests", dependencies: ["fraud-score"]),
    ]
)
