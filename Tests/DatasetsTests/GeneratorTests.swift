import Testing
import NeuralNet
@testable import Datasets

@Suite struct GeneratorTests {
    /// Expected class counts of each built-in dataset at its defaults.
    static let defaults: [(String, Int, [Int])] = [
        ("flower", 400, [200, 200]), ("circle", 500, [250, 250]), ("xor", 500, [228, 272]),
        ("gauss", 500, [250, 250]), ("spiral", 500, [250, 250]), ("moons", 500, [250, 250]),
        ("circles", 500, [250, 250]), ("blobs", 500, [167, 167, 166]), ("quantiles", 500, [250, 250]),
        ("nested", 500, [250, 250]),
    ]

    @Test func registryListsEveryDataset() {
        #expect(BuiltinDatasets.names == ["flower", "circle", "xor", "gauss", "spiral", "moons", "circles", "blobs",
                                          "quantiles", "nested"])
    }

    @Test(arguments: GeneratorTests.defaults.map(\.0))
    func sizeBalanceNameAndDeterminism(name: String) throws {
        let expected = GeneratorTests.defaults.first { $0.0 == name }!
        let d = try BuiltinDatasets.make(name: name)
        #expect(d.name == name)
        #expect(d.m == expected.1 && d.featureCount == 2 && d.Y.shape == Shape(1, expected.1))
        #expect(d.classCounts == expected.2)
        #expect(d.X.elements.allSatisfy { $0.isFinite })
        // Same seed → same data; another seed → other data.
        #expect(try BuiltinDatasets.make(name: name) == d)
        // (Without noise the spiral has no randomness at all.)
        let noise: Double? = name == "spiral" ? 0.1 : nil
        #expect(try BuiltinDatasets.make(name: name, noise: noise, seed: 12) != BuiltinDatasets.make(name: name, noise: noise))
        // n is honoured.
        #expect(try BuiltinDatasets.make(name: name, n: 60).m == 60)
    }

    @Test func flowerThroughTheRegistryIsTheNumpyFlower() throws {
        #expect(try BuiltinDatasets.make(name: "flower") == FlowerDataset.make())
        #expect(try BuiltinDatasets.make(name: "flower", n: 100, seed: 3) == FlowerDataset.make(count: 100, seed: 3))
    }

    // MARK: TensorFlow Playground

    @Test func circleWithoutNoiseIsADiscInsideARing() {
        let d = PlaygroundDatasets.circle(n: 400, noise: 0, seed: 1)
        for j in 0..<d.m {
            let r = (d.X[0, j] * d.X[0, j] + d.X[1, j] * d.X[1, j]).squareRoot()
            if j < 200 {
                #expect(r < 2.5 && d.Y[0, j] == 1)
            } else {
                #expect(r >= 3.5 && r < 5 && d.Y[0, j] == 0)
            }
        }
    }

    @Test func circleNoiseFlipsLabelsButKeepsPoints() {
        let clean = PlaygroundDatasets.circle(n: 400, noise: 0, seed: 1)
        let noisy = PlaygroundDatasets.circle(n: 400, noise: 0.5, seed: 1)
        #expect(clean.X == noisy.X)
        let flipped = zip(clean.Y.elements, noisy.Y.elements).filter { $0 != $1 }.count
        #expect(flipped > 0 && flipped < 200)
    }

    @Test func xorLabelsAreTheQuadrants() {
        let d = PlaygroundDatasets.xor(n: 500, noise: 0, seed: 2)
        for j in 0..<d.m {
            let x = d.X[0, j], y = d.X[1, j]
            #expect(abs(x) >= 0.3 && abs(y) >= 0.3 && abs(x) <= 5.3 && abs(y) <= 5.3)
            #expect(d.Y[0, j] == (x * y >= 0 ? 1 : 0))
        }
    }

    @Test func gaussCloudsAroundPlusMinusTwo() {
        let d = PlaygroundDatasets.gauss(n: 2000, noise: 0, seed: 3)
        var sums = [[0.0, 0.0], [0.0, 0.0]]
        for j in 0..<d.m {
            let c = Int(d.Y[0, j])
            sums[c][0] += d.X[0, j]
            sums[c][1] += d.X[1, j]
        }
        for c in 0..<2 {
            for k in 0..<2 { #expect(abs(sums[c][k] / 1000 - (c == 1 ? 2 : -2)) < 0.1) }
        }
        // Variance grows from 0.5 at noise 0 to 4 at noise 0.5.
        func variance(_ d: Dataset) -> Double {
            let xs = (0..<d.m).filter { d.Y[0, $0] == 1 }.map { d.X[0, $0] }
            let mean = xs.reduce(0, +) / Double(xs.count)
            return xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count)
        }
        #expect(abs(variance(d) - 0.5) < 0.08)
        #expect(abs(variance(PlaygroundDatasets.gauss(n: 2000, noise: 0.5, seed: 3)) - 4) < 0.6)
    }

    @Test func spiralFollowsThePlaygroundFormula() {
        let d = PlaygroundDatasets.spiral(n: 200, noise: 0, seed: 0)
        for (j, i, dt) in [(0, 0, 0.0), (37, 37, 0.0), (100, 0, Double.pi), (150, 50, Double.pi)] {
            let r = Double(i) / 100 * 5
            let t = 1.75 * Double(i) / 100 * 2 * Double.pi + dt
            #expect(abs(d.X[0, j] - r * _sin(t)) < 1e-12 && abs(d.X[1, j] - r * _cos(t)) < 1e-12)
        }
        #expect(d.Y[0, 0] == 1 && d.Y[0, 199] == 0)
    }

    // MARK: scikit-learn

    /// (dataset, row, x…, label) printed by scikit-learn 1.9.1 / numpy 2.4.6.
    @Test func moonsMatchScikitLearn() {
        let d = ScikitDatasets.moons(n: 500, noise: 0.1, seed: 0)
        expectRow(d, 0, [0.3620337296051332, 0.9014948985670279], 0)
        expectRow(d, 1, [-0.19235477405010448, 0.46843192808710415], 1)
        expectRow(d, 499, [-0.5509070410413163, 0.6851747685599117], 0)
        let odd = ScikitDatasets.moons(n: 101, noise: 0.3, seed: 7)
        expectRow(odd, 2, [1.6887969942884609, -0.5590058901178585], 1)
        expectRow(odd, 100, [-0.8750655024409854, 0.08736859281730838], 0)
    }

    @Test func circlesMatchScikitLearn() {
        let d = ScikitDatasets.circles(n: 500, noise: 0.05, factor: 0.5, seed: 0)
        expectRow(d, 0, [-0.6672396916712151, 0.767884877962312], 0)
        expectRow(d, 2, [0.3638609552522225, 0.37317766303132005], 1)
        expectRow(d, 499, [-0.37320039712639763, -0.9953552092040525], 0)
    }

    @Test func blobsMatchScikitLearn() {
        let d = ScikitDatasets.blobs(n: 500, centers: 3, std: 1, features: 2, seed: 0)
        expectRow(d, 0, [1.1031821712501149, 4.705776690893091], 0)
        expectRow(d, 1, [-1.932845740410389, 3.6422507662030874], 2)
        expectRow(d, 499, [2.5077566140725245, 0.995559805350564], 1)
        let d4 = ScikitDatasets.blobs(n: 103, centers: 4, std: 0.5, features: 3, seed: 5)
        #expect(d4.featureCount == 3 && d4.classCounts == [26, 26, 26, 25])
        expectRow(d4, 0, [8.545469033996426, -0.5153018082370132, 2.441716662224473], 1)
        expectRow(d4, 102, [-5.713063088788525, 7.175780414908421, -5.815247798835046], 0)
    }

    @Test func quantilesMatchScikitLearn() {
        let d = ScikitDatasets.quantiles(n: 500, classes: 2, features: 2, seed: 0)
        expectRow(d, 0, [0.46566243973045984, -1.5362436862772237], 1)
        expectRow(d, 499, [1.3191368763015756, -0.8824188185499185], 1)
        let d3 = ScikitDatasets.quantiles(n: 301, classes: 3, features: 3, seed: 2)
        #expect(d3.classCounts == [100, 100, 101])
        expectRow(d3, 0, [-0.5644934320615776, -2.0878074622887244, -0.21505013167504797], 2)
        expectRow(d3, 300, [-0.8652099642166615, 1.7518181614711237, 0.562041137590148], 2)
        // Class k is the k-th shell: every radius of class 0 is below every radius of class 1.
        let r = (0..<d.m).map { d.X[0, $0] * d.X[0, $0] + d.X[1, $0] * d.X[1, $0] }
        let inner = (0..<d.m).filter { d.Y[0, $0] == 0 }.map { r[$0] }.max()!
        let outer = (0..<d.m).filter { d.Y[0, $0] == 1 }.map { r[$0] }.min()!
        #expect(inner <= outer)
    }

    func expectRow(_ d: Dataset, _ j: Int, _ x: [Double], _ label: Int,
                   sourceLocation: SourceLocation = #_sourceLocation) {
        for i in x.indices {
            #expect(abs(d.X[i, j] - x[i]) <= 1e-12 * max(1, abs(x[i])), "x\(i + 1) of row \(j)", sourceLocation: sourceLocation)
        }
        #expect(d.Y[0, j] == Double(label), "label of row \(j)", sourceLocation: sourceLocation)
    }

    // MARK: nested

    @Test func nestedRingsAreSeparatedAndUniformInArea() {
        let d = NestedDataset.make(n: 4000, noise: 0, seed: 5)
        #expect(d.classNames == ["A", "B"] && d.classCounts == [2000, 2000])
        var innerQuarter = 0
        for j in 0..<d.m {
            let r = (d.X[0, j] * d.X[0, j] + d.X[1, j] * d.X[1, j]).squareRoot()
            if d.Y[0, j] == 0 {
                #expect(r < 1.0 / 3)
                if r < 1.0 / 6 { innerQuarter += 1 }
            } else {
                #expect(r > 2.0 / 3 && r < 1)
            }
        }
        // Uniform in area: a quarter of the disc's area lies within half its radius.
        #expect(abs(Double(innerQuarter) / 2000 - 0.25) < 0.03)
    }

    // MARK: Option errors

    @Test func badOptionsAreNamedWithTheirRange() {
        func message(_ body: () throws(DataError) -> Dataset) -> String? { dataError(body)?.description }
        #expect(message { () throws(DataError) in try BuiltinDatasets.make(name: "circle", noise: 0.8) }
                == "noise=0.8: expected a number from 0 to 0.5")
        #expect(message { () throws(DataError) in try BuiltinDatasets.make(name: "spiral", noise: -0.1) }
                == "noise=-0.1: expected a number from 0 to 0.5")
        #expect(message { () throws(DataError) in try BuiltinDatasets.make(name: "circle", n: 1) }
                == "n=1: expected an integer from 2 to 1000000 for circle")
        #expect(message { () throws(DataError) in try BuiltinDatasets.make(name: "xor", n: 2_000_000) }
                == "n=2000000: expected an integer from 2 to 1000000 for xor")
        #expect(message { () throws(DataError) in try BuiltinDatasets.make(name: "flower", n: 401) }
                == "n=401: expected an even integer from 2 to 1000000 for flower")
        #expect(message { () throws(DataError) in try BuiltinDatasets.make(name: "flower", noise: 0.1) }
                == "noise=0.1: expected no noise for flower (its options: n, seed)")
        #expect(message { () throws(DataError) in try BuiltinDatasets.make(name: "quantiles", noise: 0.1) }
                == "noise=0.1: expected no noise for quantiles (its options: n, seed, classes, features)")
        #expect(message { () throws(DataError) in try BuiltinDatasets.make(name: "circles", options: ["factor": 1]) }
                == "factor=1: expected a number strictly between 0 and 1")
        #expect(message { () throws(DataError) in try BuiltinDatasets.make(name: "blobs", options: ["centers": 2.5]) }
                == "centers=2.5: expected an integer from 1 to 20")
        #expect(message { () throws(DataError) in try BuiltinDatasets.make(name: "blobs", n: 3, options: ["centers": 4]) }
                == "n=3: expected an integer from 4 to 1000000 for blobs")
        #expect(message { () throws(DataError) in try BuiltinDatasets.make(name: "moons", options: ["factor": 0.5]) }
                == "factor=0.5: expected one of moons's options: n, noise, seed")
        #expect(message { () throws(DataError) in try BuiltinDatasets.make(name: "moons", seed: -1) }
                == "seed=-1: expected an integer from 0 to 4294967295")
        #expect(message { () throws(DataError) in try BuiltinDatasets.make(name: "iris") }
                == "dataset=iris: expected a built-in dataset (flower, circle, xor, gauss, spiral, moons, circles, blobs, quantiles, nested) or a FILE.csv")
    }

    @Test func extraOptionsReachTheGenerators() throws {
        let blobs = try BuiltinDatasets.make(name: "blobs", n: 100, noise: 0.5, seed: 1, options: ["centers": 5, "features": 3])
        #expect(blobs.classCount == 5 && blobs.featureCount == 3 && blobs.classCounts == [20, 20, 20, 20, 20])
        #expect(blobs == ScikitDatasets.blobs(n: 100, centers: 5, std: 0.5, features: 3, seed: 1))
        let quantiles = try BuiltinDatasets.make(name: "quantiles", n: 90, options: ["classes": 3])
        #expect(quantiles.classCounts == [30, 30, 30])
        let circles = try BuiltinDatasets.make(name: "circles", options: ["factor": 0.3])
        #expect(circles == ScikitDatasets.circles(n: 500, noise: 0.05, factor: 0.3, seed: 0))
    }
}

#if canImport(Glibc)
import Glibc
func _sin(_ x: Double) -> Double { Glibc.sin(x) }
func _cos(_ x: Double) -> Double { Glibc.cos(x) }
#endif
