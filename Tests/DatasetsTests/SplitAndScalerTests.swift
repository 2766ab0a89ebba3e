import Testing
import NeuralNet
@testable import Datasets

@Suite struct SplitTests {
    /// 100 examples in classes of 60, 30 and 10, interleaved.
    static func threeClasses() -> Dataset {
        var labels: [Double] = []
        for j in 0..<100 { labels.append(j % 10 == 0 ? 2 : (j % 10 < 4 ? 1 : 0)) }
        let X = Matrix(rows: 1, cols: 100, elements: (0..<100).map(Double.init))
        return Dataset(name: "three", X: X, Y: Matrix(rows: 1, cols: 100, elements: labels), classNames: ["a", "b", "c"])
    }

    func counts(_ d: Dataset, _ indices: [Int]) -> [Int] { d.subset(indices).classCounts }

    @Test func stratifiedPerClassProportions() throws {
        let d = SplitTests.threeClasses()
        #expect(d.classCounts == [60, 30, 10])
        let s = try d.split(fraction: 0.8, seed: 4)
        #expect(counts(d, s.train) == [48, 24, 8])
        #expect(counts(d, s.test) == [12, 6, 2])
        #expect(Set(s.train).isDisjoint(with: s.test))
        #expect((s.train + s.test).sorted() == Array(0..<100))
        #expect(s.train == s.train.sorted() && s.test == s.test.sorted())
    }

    @Test func remaindersGoToTheLargestFractions() throws {
        // Classes of 7 and 3 at 0.5: total round(5) = 5; floors 3 + 1; the .5 tie goes to class 0.
        let X = Matrix(rows: 1, cols: 10, repeating: 0)
        let Y = Matrix(rows: 1, cols: 10, elements: [0, 0, 0, 0, 0, 0, 0, 1, 1, 1])
        let d = Dataset(name: "t", X: X, Y: Y, classNames: ["0", "1"])
        let s = try d.split(fraction: 0.5, seed: 0)
        #expect(counts(d, s.train) == [4, 1] && counts(d, s.test) == [3, 2])
    }

    @Test func deterministicUnderSeed() throws {
        let d = try BuiltinDatasets.make(name: "moons")
        let a = try d.split(fraction: 0.7, seed: 9), b = try d.split(fraction: 0.7, seed: 9)
        #expect(a == b)
        #expect(try d.split(fraction: 0.7, seed: 10).train != a.train)
        #expect(a.train.count == 350 && a.test.count == 150)
        #expect(counts(d, a.train) == [175, 175])
    }

    @Test func regressionSplitsByPermutation() throws {
        let X = Matrix(rows: 1, cols: 10, elements: (0..<10).map(Double.init))
        let d = Dataset(name: "r", X: X, Y: X, classNames: nil)
        let s = try d.split(fraction: 0.8, seed: 1)
        #expect(s.train.count == 8 && s.test.count == 2)
        #expect(s == (try d.split(fraction: 0.8, seed: 1)))
    }

    @Test func badFractions() {
        let d = SplitTests.threeClasses()
        for f in [0.0, 1.0, 1.5, -0.2] {
            #expect(dataError { () throws(DataError) in try d.split(fraction: f) }?.description
                    == "split=\(f): expected a training fraction between 0 and 1 (exclusive), e.g. 0.8")
        }
        #expect(dataError { () throws(DataError) in try d.split(fraction: 0.999) }?.description
                == "split=0.999: expected a fraction that leaves at least one example for training and one for testing (m = 100)")
    }
}

@Suite struct ScalerTests {
    /// Feature 0: training columns 0…3 are 1, 2, 3, 4; test columns are 1000 and −500. Feature 1 is constant 7.
    static let X = Matrix([[1, 1000, 2, 3, -500, 4], [7, 7, 7, 7, 7, 7]])
    static let train = [0, 2, 3, 5]

    @Test func standardIsFittedOnTheTrainingColumnsOnly() {
        let scaler = Scaler(method: .standard, fittedOn: ScalerTests.X, columns: ScalerTests.train)
        #expect(scaler.offset == [2.5, 7])
        #expect(abs(scaler.scale[0] - 1.25.squareRoot()) < 1e-15)
        #expect(scaler.scale[1] == 1)  // constant feature: no division by zero
        let scaled = scaler.transform(ScalerTests.X)
        let trainValues = ScalerTests.train.map { scaled[0, $0] }
        let mean = trainValues.reduce(0, +) / 4
        let variance = trainValues.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4
        #expect(abs(mean) < 1e-15 && abs(variance - 1) < 1e-12)
        #expect(scaled[0, 1] > 800)  // the test columns were not part of the fit
        #expect(scaled.row(1) == [0, 0, 0, 0, 0, 0])
        // Fitting on everything gives something else.
        #expect(Scaler(method: .standard, fittedOn: ScalerTests.X) != scaler)
    }

    @Test func minmaxIsFittedOnTheTrainingColumnsOnly() {
        let scaler = Scaler(method: .minmax, fittedOn: ScalerTests.X, columns: ScalerTests.train)
        #expect(scaler.offset == [1, 7] && scaler.scale == [3, 1])
        let scaled = scaler.transform(ScalerTests.X)
        #expect(ScalerTests.train.map { scaled[0, $0] } == [0, 1.0 / 3, 2.0 / 3, 1])
        #expect(scaled[0, 4] < -100)
    }

    @Test func inverseRestoresOriginalUnits() {
        for method in Scaler.Method.allCases {
            let scaler = Scaler(method: method, fittedOn: ScalerTests.X, columns: ScalerTests.train)
            let back = scaler.inverse(scaler.transform(ScalerTests.X))
            for (a, b) in zip(back.elements, ScalerTests.X.elements) { #expect(abs(a - b) <= 1e-12 * max(1, abs(b))) }
            let point = [2.75, 7.0]
            let again = scaler.inverse(scaler.transform(point))
            #expect(abs(again[0] - 2.75) < 1e-12 && again[1] == 7)
            #expect(scaler.transform(2.75, feature: 0) == scaler.transform(point)[0])
            #expect(abs(scaler.inverse(scaler.transform(2.75, feature: 0), feature: 0) - 2.75) < 1e-12)
        }
    }

    @Test func scalesAPlotGridOfAnyWidth() {
        let scaler = Scaler(method: .standard, fittedOn: ScalerTests.X, columns: ScalerTests.train)
        let grid = Matrix(rows: 2, cols: 3, elements: [2.5, 2.5, 2.5, 7, 8, 9])
        let scaled = scaler.transform(grid)
        #expect(scaled.row(0) == [0, 0, 0] && scaled.row(1) == [0, 1, 2])
    }
}
