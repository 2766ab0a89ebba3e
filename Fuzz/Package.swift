// swift-tools-version:6.0
// libFuzzer targets for shallow, kept out of the main package so that its sanitizer flags never
// reach a normal build. Build and run them with scripts/fuzz (which passes
// -sanitize=fuzzer,address); a plain `swift build` here cannot link them (no main).
import PackageDescription

let package = Package(
    name: "shallow-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "shallow", path: "..")],
    targets: [
        .target(name: "FuzzerDriver"),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzerDriver", .product(name: "ShallowNotebook", package: "shallow")]),
        .executableTarget(name: "FuzzModel", dependencies: ["FuzzerDriver", .product(name: "ShallowNotebook", package: "shallow")]),
        .executableTarget(name: "FuzzCommands", dependencies: ["FuzzerDriver", .product(name: "ShallowNotebook", package: "shallow")]),
    ],
    swiftLanguageModes: [.v6]
)
