import Testing
@testable import Datasets

/// Every rejection of the issue, each with its exact `FILE:LINE:COLUMN: found …, expected …`.
@Suite struct CSVRejectionTests {
    /// Loads `text` from a temp file; returns (path, the error's message).
    func failure(_ text: String, label: CSVLoader.Label = .last, header: CSVLoader.Header = .auto,
                 separator: CSVLoader.Separator = .auto, target: CSVLoader.Target = .auto) -> (String, String?) {
        let path = writeTemporaryFile(text)
        let error = dataError { () throws(DataError) in
            try CSVLoader.load(path: path, label: label, header: header, separator: separator, target: target)
        }
        return (path, error?.description)
    }

    @Test func raggedRowTooFewFields() {
        let (path, message) = failure("a,b,y\n1,2,0\n4,5\n")
        #expect(message == "\(path):3:4: found 2 fields, expected 3 fields like the header")
    }

    @Test func raggedRowTooManyFields() {
        let (path, message) = failure("1,2,0\n1,2,3,4,5\n")
        #expect(message == "\(path):2:7: found 5 fields, expected 3 fields like the first row")
    }

    @Test func nonNumericFeatureCell() {
        let (path, message) = failure("a,b,y\n1,2,0\n3,x7,1\n")
        #expect(message == "\(path):3:3: found \"x7\" in field 2 (b), expected a number")
    }

    @Test func emptyFeatureCell() {
        let (path, message) = failure("a,b,y\n1,,0\n")
        #expect(message == "\(path):2:3: found an empty cell in field 2 (b), expected a number")
        let (path2, message2) = failure("a,b,c,y\n1,2,,0\n")
        #expect(message2 == "\(path2):2:5: found an empty cell in field 3 (c), expected a number")
    }

    @Test func notANumber() {
        let (path, message) = failure("a,b,y\n1,2,0\n\n1,NaN,1\n")
        #expect(message == "\(path):4:3: found \"NaN\" in field 2 (b), expected a finite number (NaN is not allowed)")
    }

    @Test func infinities() {
        let (path, message) = failure("a,b,y\n-inf,2,0\n")
        #expect(message == "\(path):2:1: found \"-inf\" in field 1 (a), expected a finite number")
        let (path2, message2) = failure("a,b,y\n1,Infinity,0\n")
        #expect(message2 == "\(path2):2:3: found \"Infinity\" in field 2 (b), expected a finite number")
    }

    @Test func overflowToInfinity() {
        let (path, message) = failure("a,b,y\n1,2,0\n1e999,2,1\n")
        #expect(message == "\(path):3:1: found \"1e999\" in field 1 (a), which overflows to infinity, expected a finite number")
        let (path2, message2) = failure("a,b,y\n1,-123456789012345678901234567890e300,1\n")
        #expect(message2 == "\(path2):2:3: found \"-123456789012345678901234567890e300\" in field 2 (b), which overflows to infinity, expected a finite number")
    }

    @Test func emptyFile() {
        let (path, message) = failure("")
        #expect(message == "\(path):1:1: found an empty file, expected a header or rows of numbers")
        let (path2, message2) = failure("\u{FEFF}")
        #expect(message2 == "\(path2):1:1: found an empty file, expected a header or rows of numbers")
        let (path3, message3) = failure("\n  \r\n\n")
        #expect(message3 == "\(path3):1:1: found only blank lines, expected a header or rows of numbers")
    }

    @Test func headerWithNoRows() {
        let (path, message) = failure("a,b,y\n")
        #expect(message == "\(path):1:1: found a header and no data rows, expected at least one row of data below the header")
        let (path2, message2) = failure("\n\nsepal,petal,species\n\n")
        #expect(message2 == "\(path2):3:1: found a header and no data rows, expected at least one row of data below the header")
    }

    @Test func unterminatedQuote() {
        let (path, message) = failure("a,b,y\n1,2,\"setosa\n3,4,1\n")
        #expect(message == "\(path):2:5: found a quoted field that is never closed, expected a closing quote (\") before the end of the file")
    }

    @Test func textAfterClosingQuote() {
        let (path, message) = failure("a,b,y\n1,2,\"set\"osa\n")
        #expect(message == "\(path):2:10: found \"osa\" after a closing quote, expected a separator (,) or the end of the line")
    }

    @Test func emptyLabel() {
        let (path, message) = failure("a,b,y\n1,2,\n")
        #expect(message == "\(path):2:5: found an empty label in field 3 (y), expected a class name or a number")
    }

    @Test func nonFiniteNumericLabel() {
        let (path, message) = failure("a,b,y\n1,2,0.5\n1,2,nan\n")
        #expect(message == "\(path):3:5: found \"nan\" in field 3 (y), expected a finite number or a class name")
    }

    @Test func textLabelForRegression() {
        let (path, message) = failure("a,b,y\n1,2,0.5\n1,2,big\n", target: .regression)
        #expect(message == "\(path):3:5: found \"big\" in field 3 (y), expected a number (the label is a real-valued target)")
    }

    @Test func singleField() {
        let (path, message) = failure("a\n1\n2\n")
        #expect(message == "\(path):1:1: found 1 field (separator ,), expected at least 2 fields: one or more features and a label")
    }

    @Test func labelOptionErrors() {
        let (_, outOfRange) = failure("a,b,y\n1,2,0\n", label: .index(4))
        #expect(outOfRange == "label=4: expected a field number from 1 to 3 (data.csv has 3 fields)")
        let (_, unknown) = failure("a,b,Species\n1,2,0\n", label: .name("species"))
        #expect(unknown == "label=species: expected a field name from the header of data.csv: a, b, Species (did you mean Species?)")
        let (_, duplicate) = failure("a,y,y\n1,2,0\n", label: .name("y"))
        #expect(duplicate == "label=y: expected a unique field name (fields 2 and 3 are both named y; use label=NUMBER)")
        let (_, noHeader) = failure("1,2,0\n", label: .name("y"), header: .no)
        #expect(noHeader == "label=y: expected a field number or last (header=no: data.csv has no field names)")
    }

    @Test func missingFile() {
        let path = makeTemporaryDirectory() + "/absent.csv"
        let error = dataError { () throws(DataError) in try CSVLoader.load(path: path) }
        #expect(error?.description == "\(path): cannot read: No such file or directory")
        let directory = makeTemporaryDirectory()
        let error2 = dataError { () throws(DataError) in try CSVLoader.load(path: directory) }
        #expect(error2?.description == "\(directory): not a regular file (a directory)")
    }

    // MARK: Line and column counting

    @Test func columnsCountCharactersNotBytes() {
        // `äöü` is 6 bytes but 3 characters: the bad cell starts at character 7.
        let (path, message) = failure("l,a,b\näöü,1,x\n", label: .index(1))
        #expect(message == "\(path):2:7: found \"x\" in field 3 (b), expected a number")
    }

    @Test func byteOrderMarkIsNotAColumn() {
        let (path, message) = failure("\u{FEFF}1,x,0\n", header: .no)
        #expect(message == "\(path):1:3: found \"x\" in field 2, expected a number")
    }

    @Test func linesCountCRLFBlankLinesAndQuotedLineBreaks() {
        let (path, message) = failure("a,b,y\r\n1,2,\"two\r\nlines\"\r\n\r\n3,q,1\r\n")
        #expect(message == "\(path):5:3: found \"q\" in field 2 (b), expected a number")
        let (path2, message2) = failure("a,b,y\r1,2,0\r\r3,4,x\r5,,0")
        #expect(message2 == "\(path2):5:3: found an empty cell in field 2 (b), expected a number")
    }

    @Test func columnPointsAtTheQuoteOrFirstNonBlank() {
        let (path, message) = failure("a,b,y\n1,   \"x\" ,0\n")
        #expect(message == "\(path):2:6: found \"x\" in field 2 (b), expected a number")
        let (path2, message2) = failure("a,b,y\n1,  zz ,0\n")
        #expect(message2 == "\(path2):2:5: found \"zz\" in field 2 (b), expected a number")
    }

    @Test func longCellsAreShortenedInMessages() {
        let long = String(repeating: "k", count: 60)
        let (path, message) = failure("a,b,y\n1,\(long),0\n")
        #expect(message == "\(path):2:3: found \"\(String(repeating: "k", count: 40))…\" in field 2 (b), expected a number")
    }

    /// The same rejections far from the end of a file, where cells take the 8-digits-per-load path.
    @Test func rejectionsInTheMiddleOfALongFile() {
        let filler = String(repeating: "1.5,2.25,0\n", count: 20)
        let cases: [(String, String)] = [
            ("3,4\n", "3:4: found 2 fields, expected 3 fields like the header"),
            ("3,4,1,2\n", "3:7: found 4 fields, expected 3 fields like the header"),
            ("3,4,1,\n", "3:7: found 4 fields, expected 3 fields like the header"),
            ("3,,1\n", "3:3: found an empty cell in field 2 (b), expected a number"),
            ("nan,4,1\n", "3:1: found \"nan\" in field 1 (a), expected a finite number (NaN is not allowed)"),
            ("3,4e400,1\n", "3:3: found \"4e400\" in field 2 (b), which overflows to infinity, expected a finite number"),
            ("3,4x,1\n", "3:3: found \"4x\" in field 2 (b), expected a number"),
            ("3.5.1,4,1\n", "3:1: found \"3.5.1\" in field 1 (a), expected a number"),
        ]
        for (row, expected) in cases {
            let (path, message) = failure("a,b,y\n1,2,0\n" + row + filler)
            #expect(message == "\(path):" + expected, "\(row)")
        }
    }
}
