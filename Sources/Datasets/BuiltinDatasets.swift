/// The built-in datasets by name (`load circle n=300 noise=0.1 seed=4`): one declaration per dataset with its
/// options, defaults and allowed ranges, from which `make` validates and `help load` can be written.
public enum BuiltinDatasets {
    /// One option of a built-in dataset (`noise`, `factor`, `centers`, …).
    public struct Option: Sendable, Equatable {
        public var name: String
        public var defaultValue: Double
        public var range: ClosedRange<Double>
        /// Whole numbers only (`centers=3`).
        public var integer: Bool
        /// Bounds excluded (`factor` is strictly between 0 and 1).
        public var openRange: Bool = false
        public var meaning: String

        /// The accepted values as a phrase: `a number from 0 to 0.5`.
        public var expected: String {
            let kind = integer ? "an integer" : "a number"
            let lo = BuiltinDatasets.format(range.lowerBound), hi = BuiltinDatasets.format(range.upperBound)
            return openRange ? "\(kind) strictly between \(lo) and \(hi)" : "\(kind) from \(lo) to \(hi)"
        }
    }

    /// A built-in dataset: what it is and which options it takes.
    public struct Spec: Sendable {
        public var name: String
        /// One line for `help load`.
        public var summary: String
        public var defaultCount: Int
        public var defaultSeed: UInt32
        /// `noise`, or nil when the dataset takes none.
        public var noise: Option?
        /// Options beyond n, noise and seed.
        public var extra: [Option]
        /// True when n must be even (two classes of n/2).
        public var evenCount = false
        /// The builder, given validated values: n, noise (0 when none), seed, extra options by name.
        let build: @Sendable (Int, Double, UInt32, [String: Double]) -> Dataset

        /// Every option name this dataset accepts, in order.
        public var optionNames: [String] {
            ["n"] + (noise == nil ? [] : ["noise"]) + ["seed"] + extra.map(\.name)
        }
    }

    /// The largest n a generator accepts.
    public static let maximumCount = 1_000_000

    public static let specs: [Spec] = [
        Spec(name: "flower", summary: "the lecture's two-class flower (rose curve r = 4·sin 4t), numpy-exact",
             defaultCount: FlowerDataset.defaultCount, defaultSeed: FlowerDataset.defaultSeed, noise: nil, extra: [],
             evenCount: true, build: { n, _, seed, _ in FlowerDataset.make(count: n, seed: seed) }),
        Spec(name: "circle", summary: "TensorFlow Playground: a disc (class 1) inside a ring (class 0); noise flips labels near r = 2.5",
             defaultCount: 500, defaultSeed: 0, noise: playgroundNoise, extra: [],
             build: { n, noise, seed, _ in PlaygroundDatasets.circle(n: n, noise: noise, seed: seed) }),
        Spec(name: "xor", summary: "TensorFlow Playground: class 1 where x·y ≥ 0 (quadrants); noise flips labels near the axes",
             defaultCount: 500, defaultSeed: 0, noise: playgroundNoise, extra: [],
             build: { n, noise, seed, _ in PlaygroundDatasets.xor(n: n, noise: noise, seed: seed) }),
        Spec(name: "gauss", summary: "TensorFlow Playground: two Gaussian clouds at (2, 2) and (−2, −2); noise widens them",
             defaultCount: 500, defaultSeed: 0, noise: playgroundNoise, extra: [],
             build: { n, noise, seed, _ in PlaygroundDatasets.gauss(n: n, noise: noise, seed: seed) }),
        Spec(name: "spiral", summary: "TensorFlow Playground: two interleaved spirals of radius 5; noise jitters the points",
             defaultCount: 500, defaultSeed: 0, noise: playgroundNoise, extra: [],
             build: { n, noise, seed, _ in PlaygroundDatasets.spiral(n: n, noise: noise, seed: seed) }),
        Spec(name: "moons", summary: "scikit-learn make_moons: two interleaving half circles",
             defaultCount: 500, defaultSeed: 0,
             noise: Option(name: "noise", defaultValue: 0.1, range: 0...1, integer: false,
                           meaning: "standard deviation of the Gaussian noise added to each coordinate"),
             extra: [], build: { n, noise, seed, _ in ScikitDatasets.moons(n: n, noise: noise, seed: seed) }),
        Spec(name: "circles", summary: "scikit-learn make_circles: a small circle inside a large one",
             defaultCount: 500, defaultSeed: 0,
             noise: Option(name: "noise", defaultValue: 0.05, range: 0...1, integer: false,
                           meaning: "standard deviation of the Gaussian noise added to each coordinate"),
             extra: [Option(name: "factor", defaultValue: 0.5, range: 0...1, integer: false, openRange: true,
                            meaning: "radius of the inner circle relative to the outer one")],
             build: { n, noise, seed, extra in
                 ScikitDatasets.circles(n: n, noise: noise, factor: extra["factor"]!, seed: seed)
             }),
        Spec(name: "blobs", summary: "scikit-learn make_blobs: Gaussian clusters, one class each",
             defaultCount: 500, defaultSeed: 0,
             noise: Option(name: "noise", defaultValue: 1, range: 0...10, integer: false,
                           meaning: "standard deviation of each cluster (scikit-learn's cluster_std)"),
             extra: [Option(name: "centers", defaultValue: 3, range: 1...20, integer: true,
                            meaning: "number of clusters (= classes), centres uniform in [−10, 10]"),
                     Option(name: "features", defaultValue: 2, range: 1...1000, integer: true,
                            meaning: "number of features (dimensions)")],
             build: { n, noise, seed, extra in
                 ScikitDatasets.blobs(n: n, centers: Int(extra["centers"]!), std: noise,
                                      features: Int(extra["features"]!), seed: seed)
             }),
        Spec(name: "quantiles", summary: "scikit-learn make_gaussian_quantiles: classes are shells of a standard normal cloud",
             defaultCount: 500, defaultSeed: 0, noise: nil,
             extra: [Option(name: "classes", defaultValue: 2, range: 2...20, integer: true,
                            meaning: "number of classes (equal-probability shells, innermost is class 0)"),
                     Option(name: "features", defaultValue: 2, range: 1...1000, integer: true,
                            meaning: "number of features (dimensions)")],
             build: { n, _, seed, extra in
                 ScikitDatasets.quantiles(n: n, classes: Int(extra["classes"]!), features: Int(extra["features"]!), seed: seed)
             }),
        Spec(name: "nested", summary: "the lecture's nested rings: class A (r < 1/3) inside class B (2/3 < r < 1)",
             defaultCount: 500, defaultSeed: 0,
             noise: Option(name: "noise", defaultValue: 0, range: 0...0.5, integer: false,
                           meaning: "standard deviation of Gaussian jitter on each coordinate"),
             extra: [], build: { n, noise, seed, _ in NestedDataset.make(n: n, noise: noise, seed: seed) }),
    ]

    static let playgroundNoise = Option(name: "noise", defaultValue: 0, range: 0...0.5, integer: false,
                                        meaning: "the Playground's noise, a fraction from 0 to 0.5 (its 0–50 %)")

    /// The names, in `help` order: flower, circle, xor, gauss, spiral, moons, circles, blobs, quantiles, nested.
    public static var names: [String] { specs.map(\.name) }

    public static func spec(named name: String) -> Spec? { specs.first { $0.name == name } }

    /// Makes the built-in dataset `name`. Omitted values take the dataset's defaults. `seed` must fit numpy's
    /// seed range 0…2³²−1. Throws `.option` naming the offending option and the accepted values for an unknown
    /// dataset, an option the dataset does not take, or a value out of range.
    public static func make(name: String, n: Int? = nil, noise: Double? = nil, seed: Int? = nil,
                            options: [String: Double] = [:]) throws(DataError) -> Dataset {
        guard let spec = spec(named: name) else {
            throw DataError.option(name: "dataset", value: name,
                                   expected: "a built-in dataset (\(names.joined(separator: ", "))) or a FILE.csv")
        }
        for key in options.keys.sorted() where !spec.extra.contains(where: { $0.name == key }) {
            throw DataError.option(name: key, value: format(options[key]!),
                                   expected: "one of \(name)'s options: \(spec.optionNames.joined(separator: ", "))")
        }
        var extra: [String: Double] = [:]
        for option in spec.extra { extra[option.name] = try validated(option, options[option.name]) }
        var noiseValue = 0.0
        if let option = spec.noise {
            noiseValue = try validated(option, noise)
        } else if let noise {
            throw DataError.option(name: "noise", value: format(noise),
                                   expected: "no noise for \(name) (its options: \(spec.optionNames.joined(separator: ", ")))")
        }
        let count = n ?? spec.defaultCount
        let minimum = minimumCount(spec, extra)
        if count < minimum || count > maximumCount || (spec.evenCount && count % 2 != 0) {
            let even = spec.evenCount ? "an even integer" : "an integer"
            throw DataError.option(name: "n", value: "\(count)",
                                   expected: "\(even) from \(minimum) to \(maximumCount) for \(name)")
        }
        let seedValue = seed ?? Int(spec.defaultSeed)
        guard seedValue >= 0 && seedValue <= Int(UInt32.max) else {
            throw DataError.option(name: "seed", value: "\(seedValue)", expected: "an integer from 0 to \(UInt32.max)")
        }
        return spec.build(count, noiseValue, UInt32(seedValue), extra)
    }

    /// The smallest n: one example per class (2 for two-class data, `centers` / `classes` otherwise).
    static func minimumCount(_ spec: Spec, _ options: [String: Double]) -> Int {
        switch spec.name {
        case "blobs": return max(1, Int(options["centers"] ?? 1))
        case "quantiles": return max(2, Int(options["classes"] ?? 2))
        default: return 2
        }
    }

    static func validated(_ option: Option, _ given: Double?) throws(DataError) -> Double {
        guard let value = given else { return option.defaultValue }
        let inRange = option.openRange
            ? value > option.range.lowerBound && value < option.range.upperBound
            : option.range.contains(value)
        guard inRange && value.isFinite && (!option.integer || value.rounded() == value) else {
            throw DataError.option(name: option.name, value: format(value), expected: option.expected)
        }
        return value
    }

    /// `0.5`, `3` (no `.0` on whole numbers).
    static func format(_ x: Double) -> String {
        if x.rounded() == x && abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}
