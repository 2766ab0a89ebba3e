import Testing
import NeuralNet
@testable import Datasets

/// Every accepted variant of the issue: BOM + CRLF, quoting, no trailing newline, separators, label choice,
/// class and regression labels, blank lines, headers.
@Suite struct CSVLoaderTests {
    func read(_ text: String, name: String = "data.csv", label: CSVLoader.Label = .last,
              header: CSVLoader.Header = .auto, separator: CSVLoader.Separator = .auto,
              target: CSVLoader.Target = .auto) throws -> CSVLoader.Loaded {
        let path = writeTemporaryFile(text, name: name)
        return try CSVLoader.read(path: path, label: label, header: header, separator: separator, target: target)
    }

    @Test func plainFileWithHeaderAndIntegerLabels() throws {
        let loaded = try read("a,b,y\n1,2,0\n3.5,-4,1\n5,6e2,1\n", name: "plain.csv")
        let d = loaded.dataset
        #expect(d.name == "plain.csv")
        #expect(d.X == Matrix([[1, 3.5, 5], [2, -4, 600]]))
        #expect(d.Y == Matrix([[0, 1, 1]]))
        #expect(d.featureNames == ["a", "b"])
        #expect(d.labelName == "y")
        #expect(d.classNames == ["0", "1"])
        #expect(loaded.hasHeader && loaded.labelColumn == 3 && loaded.separator == .comma)
        #expect(loaded.summary == "plain.csv: 3 examples × 2 features; label \"y\" (field 3): 2 classes: 0 1, 1 2")
    }

    @Test func byteOrderMarkAndCRLF() throws {
        let d = try read("\u{FEFF}x1,x2,class\r\n0.5,1,a\r\n2,3,b\r\n").dataset
        #expect(d.featureNames == ["x1", "x2"])
        #expect(d.X == Matrix([[0.5, 2], [1, 3]]))
        #expect(d.classNames == ["a", "b"])
    }

    @Test func loneCarriageReturns() throws {
        let d = try read("a,b,y\r1,2,0\r3,4,1").dataset
        #expect(d.m == 2 && d.X == Matrix([[1, 3], [2, 4]]))
    }

    @Test func noTrailingNewline() throws {
        let d = try read("a,b,y\n1,2,0\n3,4,1").dataset
        #expect(d.m == 2 && d.Y == Matrix([[0, 1]]))
    }

    @Test func quotedFieldsWithSeparatorsQuotesAndLineBreaks() throws {
        let text = "\"width, cm\",\"the \"\"b\"\" value\",\"kind\"\n"
            + "\"1.5\",2,\"setosa, small\"\n"
            + "3,\" 4 \",\"say \"\"hi\"\"\"\n"
            + "5,6,\"two\nlines\"\n"
            + "7 , 8 ,  \"setosa, small\"  \n"
        let d = try read(text).dataset
        #expect(d.featureNames == ["width, cm", "the \"b\" value"])
        #expect(d.labelName == "kind")
        #expect(d.X == Matrix([[1.5, 3, 5, 7], [2, 4, 6, 8]]))
        #expect(d.classNames == ["say \"hi\"", "setosa, small", "two\nlines"])
        #expect(d.Y == Matrix([[1, 0, 2, 1]]))
    }

    @Test func semicolonSeparatorGivenAndSniffed() throws {
        let text = "a;b;y\n1.5;2;0\n3;4;1\n"
        for separator in [CSVLoader.Separator.semicolon, .auto] {
            let loaded = try read(text, separator: separator)
            #expect(loaded.separator == .semicolon)
            #expect(loaded.dataset.X == Matrix([[1.5, 3], [2, 4]]))
        }
    }

    @Test func tabSeparatorGivenAndSniffed() throws {
        let text = "a\tb\ty\n1\t2\tcat\n3\t4\tdog\n"
        for separator in [CSVLoader.Separator.tab, .auto] {
            let loaded = try read(text, separator: separator)
            #expect(loaded.separator == .tab)
            #expect(loaded.dataset.classNames == ["cat", "dog"])
        }
    }

    @Test func sniffingIgnoresSeparatorsInsideQuotes() throws {
        let loaded = try read("\"a;b\",\"c;d\",y\n1,2,\"x;y\"\n3,4,\"z\"\n")
        #expect(loaded.separator == .comma)
        #expect(loaded.dataset.featureNames == ["a;b", "c;d"])
    }

    @Test func excelSeparatorLine() throws {
        let loaded = try read("sep=;\na;b;y\n1.5;2;0\n", separator: .auto)
        #expect(loaded.separator == .semicolon)
        #expect(loaded.dataset.featureNames == ["a", "b"])
        // The decimal comma is refused, on the right line (the sep= line counts).
        let path = writeTemporaryFile("sep=;\na;b;y\n1,5;2;0\n")
        let error = dataError { () throws(DataError) in try CSVLoader.load(path: path) }
        #expect(error?.description == "\(path):3:1: found \"1,5\" in field 1 (a), expected a number with a decimal point (.), not a decimal comma")
    }

    @Test func labelByName() throws {
        let loaded = try read("sepal,species,petal\n5.1,setosa,1.4\n7.0,versicolor,4.7\n", label: .name("species"))
        let d = loaded.dataset
        #expect(loaded.labelColumn == 2)
        #expect(d.featureNames == ["sepal", "petal"])
        #expect(d.X == Matrix([[5.1, 7.0], [1.4, 4.7]]))
        #expect(d.classNames == ["setosa", "versicolor"])
        #expect(d.labelName == "species")
    }

    @Test func labelByIndexWithoutHeader() throws {
        let loaded = try read("1,10,2\n3,20,4\n5,10,6\n", label: .index(2))
        let d = loaded.dataset
        #expect(!loaded.hasHeader && loaded.labelColumn == 2)
        #expect(d.featureNames == ["x1", "x2"])
        #expect(d.labelName == "label")
        #expect(d.X == Matrix([[1, 3, 5], [2, 4, 6]]))
        #expect(d.classNames == ["10", "20"])
        #expect(d.Y == Matrix([[0, 1, 0]]))
    }

    @Test func labelByIndexFirstFieldNonNumericDoesNotMakeAHeader() throws {
        // The label's own cell is text in every row; only feature cells decide the header.
        let loaded = try read("setosa,1,2\nvirginica,3,4\n", label: .index(1))
        #expect(!loaded.hasHeader)
        #expect(loaded.dataset.m == 2 && loaded.dataset.classNames == ["setosa", "virginica"])
    }

    @Test func textClassesAreSortedByName() throws {
        let d = try read("f,g,label\n1,1,virginica\n2,2,setosa\n3,3,versicolor\n4,4,setosa\n").dataset
        #expect(d.classNames == ["setosa", "versicolor", "virginica"])
        #expect(d.Y == Matrix([[2, 0, 1, 0]]))
        #expect(d.classCounts == [2, 1, 1])
    }

    @Test func integerClassesAreSortedNumerically() throws {
        let d = try read("a,b,y\n1,1,10\n2,2,2\n3,3,-1\n4,4,2.0\n").dataset
        #expect(d.classNames == ["-1", "2", "10"])
        #expect(d.Y == Matrix([[2, 1, 0, 1]]))
    }

    @Test func realLabelsAreARegressionTarget() throws {
        let loaded = try read("a,b,price\n1,1,10.5\n2,2,2\n3,3,-1.25\n")
        #expect(loaded.dataset.classNames == nil)
        #expect(loaded.dataset.Y == Matrix([[10.5, 2, -1.25]]))
        #expect(loaded.summary == "data.csv: 3 examples × 2 features; target \"price\" (field 3): real values from -1.25 to 10.5")
    }

    @Test func manyDistinctIntegersAreRegressionUnlessTold() throws {
        let rows = (0..<21).map { "\($0),\($0 * 3)" }.joined(separator: "\n")
        let auto = try read("x,y\n" + rows).dataset
        #expect(auto.classNames == nil)
        let classes = try read("x,y\n" + rows, target: .classes).dataset
        #expect(classes.classCount == 21 && classes.classNames?.last == "60")
        let twenty = (0..<20).map { "\($0),\($0)" }.joined(separator: "\n")
        #expect(try read("x,y\n" + twenty).dataset.classCount == 20)
        let regression = try read("a,y\n1,0\n2,1\n", target: .regression).dataset
        #expect(regression.classNames == nil && regression.Y == Matrix([[0, 1]]))
    }

    @Test func blankAndSpaceOnlyLinesAreSkipped() throws {
        let d = try read("\n\na,b,y\n\n1,2,0\n   \n\r\n3,4,1\n\n\n").dataset
        #expect(d.m == 2 && d.X == Matrix([[1, 3], [2, 4]]))
    }

    @Test func headerDetection() throws {
        // A numeric first row is data…
        let numeric = try read("1,2,0\n3,4,1\n")
        #expect(!numeric.hasHeader && numeric.dataset.m == 2)
        // …unless header=yes says it is a header.
        let forced = try read("1,2,0\n3,4,1\n", header: .yes)
        #expect(forced.hasHeader && forced.dataset.m == 1 && forced.dataset.featureNames == ["1", "2"])
        #expect(forced.dataset.labelName == "0")
        // header=no with text in the first row makes that text a data cell, which is then refused.
        let path = writeTemporaryFile("a,b,y\n1,2,0\n")
        let error = dataError { () throws(DataError) in try CSVLoader.load(path: path, header: .no) }
        #expect(error?.description == "\(path):1:1: found \"a\" in field 1, expected a number")
    }

    @Test func spacesAroundNumbersAreIgnored() throws {
        let d = try read("a, b, y\n 1 , 2.5 , 0\n3,4, 1\n").dataset
        #expect(d.featureNames == ["a", "b"] && d.labelName == "y")
        #expect(d.X == Matrix([[1, 3], [2.5, 4]]))
    }

    @Test func everyCellIsConvertedExactlyLikeDoubleInit() throws {
        // Through the loader's own hot path (not just NumberParser.parse): random decimals in a wide file.
        var g = SplitMix64(seed: 3)
        var cells: [String] = []
        while cells.count < 30_000 {
            let text = NumberParserTests.randomDecimal(&g)
            if let v = Double(text), v.isFinite { cells.append(text) }
        }
        let n = 10
        var text = (1...n).map { "f\($0)" }.joined(separator: ",") + ",y\n"
        for row in 0..<(cells.count / n) {
            text += cells[(row * n)..<(row * n + n)].joined(separator: ",") + ",\(row % 2)\n"
        }
        let d = try read(text).dataset
        #expect(d.m == cells.count / n)
        var mismatches = 0
        for j in 0..<d.m {
            for i in 0..<n where d.X[i, j].bitPattern != Double(cells[j * n + i])!.bitPattern { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test func loadReturnsTheSameDatasetAsRead() throws {
        let path = writeTemporaryFile("a,b,y\n1,2,0\n3,4,1\n")
        #expect(try CSVLoader.load(path: path) == CSVLoader.read(path: path).dataset)
    }

    @Test func parseInMemory() throws {
        let loaded = try CSVLoader.parse(bytes: Array("a,b,y\n1,2,0\n".utf8), path: "mem/x.csv")
        #expect(loaded.dataset.name == "x.csv" && loaded.dataset.m == 1)
    }

    @Test func shortDecimalEdgeCasesInTheEightDigitPath() throws {
        // Cells far from the end of the file take the 8-digits-per-load path; compare each with Double(String).
        let cells = ["-0", "-0.0", "+5.", "-.5", ".5", "5.", "0000000.5", "1234567.1234567", "12345678", "12345678.5",
                     "1.12345678", "9999999.9999999", "0.0000001", "5e3", "5.e3", "-7E-2", "255", "007", "1e22"]
        var text = "a,b,y\n"
        for cell in cells { text += "\(cell),1,0\n" }
        text += String(repeating: "1,1,1\n", count: 8)  // keep every cell above ≥ 24 bytes from the end
        let d = try read(text).dataset
        for (j, cell) in cells.enumerated() {
            #expect(d.X[0, j].bitPattern == Double(cell)!.bitPattern, "\(cell)")
        }
    }

    @Test func digitRunReadsUpToEightDigits() {
        func run(_ s: String) -> (Int, UInt64) {
            let bytes = Array((s + String(repeating: " ", count: 8)).utf8)
            return bytes.withUnsafeBufferPointer { NumberParser.digitRun($0.baseAddress!) }
        }
        #expect(run("12345678") == (8, 12_345_678))
        #expect(run("00000001") == (8, 1))
        #expect(run("987,1") == (3, 987))
        #expect(run(",1") == (0, 0))
        #expect(run("1/") == (1, 1))   // '/' is just below '0'
        #expect(run("4:") == (1, 4))   // ':' is just above '9'
        #expect(run("7é") == (1, 7))
    }

    @Test func loneCarriageReturnsMixedWithLineFeeds() throws {
        // 1 LF but 4 lines: the row bound from the LF count is too small, and the rows are parsed again.
        let d = try read("a,b,y\r1,2,0\r3,4,1\r5,6,0\n7,8,1").dataset
        #expect(d.m == 4 && d.X == Matrix([[1, 3, 5, 7], [2, 4, 6, 8]]))
    }

    @Test func manyBlankLinesAndMultiLineCells() throws {
        var text = "a,b,y\n"
        for j in 0..<50 { text += "\(j),\(2 * j),\"class\n\(j % 3)\"\n" + String(repeating: "\n", count: 200) }
        let d = try read(text).dataset
        #expect(d.m == 50 && d.classCount == 3)
        #expect(d.X.row(0) == (0..<50).map(Double.init) && d.X.row(1) == (0..<50).map { Double(2 * $0) })
        #expect(d.X.elements.count == 100)
    }

    @Test func sniffingRules() throws {
        // Decimal commas with `;` fields: both occur twice per row; the tie goes to `;`.
        #expect(try read("a;b;y\n1;5;0\n2;6;1\n").separator == .semicolon)
        // Commas inconsistent (free text), semicolons consistent.
        #expect(try read("a;b;note\n1;2;x, y, z\n2;3;w\n").separator == .semicolon)
        // Nothing consistent: the most frequent on the first row.
        #expect(try read("a,b,c;y\n1,2,3;0\n").separator == .comma)
    }
}
