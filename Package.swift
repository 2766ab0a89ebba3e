// swift-tools-version:6.0
// shallow — a notebook-style REPL and plotting CLI for shallow neural networks.
// Dependencies point downwards only: shallow → Notebook → {NeuralNet, Datasets, Plotting} → {CBLAS, GnuplotIO}.
import PackageDescription

// Release builds drop Swift's overflow checks in the numeric hot loops only through the compiler's
// normal -O; bounds are kept. (No unsafeFlags: the package stays consumable.)
let package = Package(
    name: "shallow",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "shallow", targets: ["shallow"]),
        .library(name: "NeuralNet", targets: ["NeuralNet"]),
        // For the fuzz package in Fuzz/ (a package sees only another package's products).
        .library(name: "ShallowNotebook", targets: ["Notebook", "Datasets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
        .target(
            name: "GnuplotIO",
            path: "Sources/GnuplotIO",
            cxxSettings: [.unsafeFlags(["-std=c++17", "-Wno-deprecated-declarations"])],
            linkerSettings: [.linkedLibrary("boost_iostreams"), .linkedLibrary("stdc++")]
        ),
        .target(name: "NeuralNetKernels", cSettings: [.unsafeFlags(["-O3", "-ffp-contract=off", "-fno-math-errno"])]),
        .target(name: "NeuralNet", dependencies: ["CBLAS", "NeuralNetKernels"]),
        .target(name: "Datasets", dependencies: ["NeuralNet"]),
        .target(name: "Plotting", dependencies: ["GnuplotIO"]),
        .target(name: "Notebook", dependencies: ["NeuralNet", "Datasets", "Plotting"]),
        .executableTarget(
            name: "shallow",
            dependencies: [
                "Notebook", "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "Datasets"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "NeuralNet"]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "NeuralNet", "Datasets"]),
        .testTarget(name: "ShallowCLITests", dependencies: ["shallow"]),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
