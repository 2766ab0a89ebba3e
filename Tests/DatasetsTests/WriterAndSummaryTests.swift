import Testing
import Foundation
import NeuralNet
@testable import Datasets

@Suite struct CSVWriterTests {
    @Test func generatedDataRoundTripsBitForBit() throws {
        let directory = makeTemporaryDirectory()
        for name in ["moons", "nested", "blobs"] {
            let d = try BuiltinDatasets.make(name: name, n: 200, seed: 3)
            let path = directory + "/\(name).csv"
            try CSVWriter.write(d, to: path)
            let back = try CSVLoader.load(path: path)
            #expect(back.name == "\(name).csv")
            #expect(back.X.elements.map(\.bitPattern) == d.X.elements.map(\.bitPattern))
            #expect(back.Y == d.Y && back.classNames == d.classNames)
            #expect(back.featureNames == d.featureNames && back.labelName == d.labelName)
        }
        // Only the final files remain: the temporary files were renamed.
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files == ["blobs.csv", "moons.csv", "nested.csv"])
    }

    @Test func headerAndTextLabelsAreQuotedWhenNeeded() throws {
        let X = Matrix([[0.1, -2], [1e-05, 3e20]])
        let Y = Matrix([[1, 0]])
        let d = Dataset(name: "t", X: X, Y: Y, featureNames: ["width, cm", "h"],
                        classNames: ["say \"hi\"", "a;b"], labelName: "kind")
        let text = CSVWriter.text(d)
        #expect(text == "\"width, cm\",h,kind\n0.1,1e-05,\"a;b\"\n-2.0,3e+20,\"say \"\"hi\"\"\"\n")
        let path = makeTemporaryDirectory() + "/t.csv"
        try CSVWriter.write(d, to: path)
        let back = try CSVLoader.load(path: path)
        #expect(back.X == X && back.featureNames == d.featureNames)
        #expect(back.classNames == ["a;b", "say \"hi\""])  // sorted by name on reading
    }

    @Test func regressionTargetIsWrittenAsNumbers() throws {
        let d = Dataset(name: "r", X: Matrix([[1, 2]]), Y: Matrix([[0.5, -1.25]]), classNames: nil, labelName: "price")
        #expect(CSVWriter.text(d) == "x1,price\n1.0,0.5\n2.0,-1.25\n")
    }

    @Test func overwritesAnExistingFile() throws {
        let path = writeTemporaryFile("old contents that are longer than the new ones\n", name: "out.csv")
        let d = Dataset(name: "r", X: Matrix([[1]]), Y: Matrix([[0]]), classNames: ["0"])
        try CSVWriter.write(d, to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "x1,label\n1.0,0\n")
    }

    @Test func unwritableDirectoryIsAnError() {
        let path = makeTemporaryDirectory() + "/missing/out.csv"
        let d = Dataset(name: "r", X: Matrix([[1]]), Y: Matrix([[0]]), classNames: ["0"])
        #expect(dataError { () throws(DataError) in try CSVWriter.write(d, to: path) }?.description
                == "\(path): cannot write: No such file or directory")
    }
}

@Suite struct DataSummaryTests {
    @Test func classificationSummary() {
        let d = Dataset(name: "tiny", X: Matrix([[1, 2, 3, 6], [-1, 0, 0.5, 0.5]]), Y: Matrix([[0, 1, 1, 1]]),
                        featureNames: ["a", "b"], classNames: ["no", "yes"], labelName: "ok")
        let s = DataSummary(d)
        #expect(s.m == 4 && s.featureCount == 2)
        #expect(s.classes == [.init(name: "no", count: 1), .init(name: "yes", count: 3)])
        #expect(s.targetRange == nil)
        #expect(s.features == [.init(name: "a", min: 1, mean: 3, max: 6), .init(name: "b", min: -1, mean: 0, max: 0.5)])
        #expect(s.lines == [
            "tiny: m = 4 examples, n_x = 2 features",
            "ok: 2 classes: no 1, yes 3",
            "feature         min        mean         max",
            "a                 1           3           6",
            "b                -1           0         0.5",
        ])
        #expect(d.summaryLine() == "tiny: 4 examples × 2 features; label \"ok\": 2 classes: no 1, yes 3")
    }

    @Test func regressionSummary() {
        let d = Dataset(name: "r", X: Matrix([[1, 2]]), Y: Matrix([[0.125, 1234567]]), classNames: nil, labelName: "price")
        #expect(DataSummary(d).targetRange == 0.125...1234567)
        #expect(DataSummary(d).lines[1] == "price: real-valued target from 0.125 to 1.235e+06")
        #expect(d.summaryLine(labelColumn: 2) == "r: 2 examples × 1 feature; target \"price\" (field 2): real values from 0.125 to 1.235e+06")
    }

    @Test func flowerSummaryLine() throws {
        #expect(try BuiltinDatasets.make(name: "flower").summaryLine()
                == "flower: 400 examples × 2 features; label \"label\": 2 classes: 0 200, 1 200")
    }
}
