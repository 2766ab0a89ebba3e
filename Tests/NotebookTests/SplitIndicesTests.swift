import Foundation
import Testing
@testable import Notebook

/// `split indices=FILE`: a given train/test split reproduced exactly, from the file numpy.savetxt writes.
@Suite struct SplitIndicesTests {
    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("shallow-rows-\(UUID().uuidString).txt").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func numpysSavetxtFileGivesExactlyThatTestSet() throws {
        let rows = [399, 3, 150, 7, 201, 0]
        // numpy.savetxt(path, rows) writes one '%.18e' float per line.
        let path = try write(rows.map { String(format: "%.18e", Double($0)) }.joined(separator: "\n") + "\n")
        var h = Harness()
        let said = try h.run("load flower; split indices=\(path)")
        #expect(said.last?.hasPrefix("split: 394 training, 6 test examples, test rows from ") == true)
        let split = try #require(h.session.split)
        #expect(split.test == rows.sorted())
        #expect(split.train == (0..<400).filter { !rows.contains($0) })
        // The test figures use exactly those rows.
        _ = try h.run("init; train 10")
        #expect(try h.run("accuracy test").first?.contains("/6) · majority class ") == true)
    }

    @Test func badRowFilesAreRefusedWithTheLine() throws {
        var h = Harness()
        _ = try h.run("load flower")
        let twice = try write("1 2\n3 2\n")
        #expect(h.failure("split indices=\(twice)")?.hasSuffix(":2: row 2 is listed twice") == true)
        let range = try write("1\n400\n")
        #expect(h.failure("split indices=\(range)")?.hasSuffix(":2: row 400 is out of range, expected 0 to 399 (the data has 400 examples)") == true)
        let fraction = try write("1.5\n")
        #expect(h.failure("split indices=\(fraction)")?.hasSuffix(":1: found '1.5', expected a 0-based row number") == true)
        #expect(h.failure("split 0.8 indices=\(twice)") == "split: indices= gives the test rows itself; it takes no fraction or seed=")
        #expect(h.session.split == nil)
    }
}
