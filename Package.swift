// swift-tools-version:6.0
// shallow — a notebook-style REPL and plotting CLI for shallow neural networks.
// Dependencies point downwards only: shallow → Notebook → {NeuralNet, Datasets, Plotting} → {CBLAS, GnuplotIO}.
import PackageDescription

// No unsafeFlags anywhere, so another package can depend on `NeuralNet`: what the C kernels need from the
// compiler is in their source (`#pragma STDC FP_CONTRACT OFF`, explicit fma()), and the C++ standard is the
// package's `cxxLanguageStandard`. Debug builds compile C at -O0; scripts/test adds `-Xcc -O3` on its own
// command line so the test suite's training runs at release speed.
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
            linkerSettings: [.linkedLibrary("boost_iostreams"), .linkedLibrary("stdc++")]
        ),
        .target(name: "NeuralNetKernels"),
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
