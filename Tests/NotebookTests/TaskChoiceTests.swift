import Foundation
import Testing
@testable import Notebook

/// `load FILE.csv task=auto|classify|regress`: any number of classes on request, and auto says why it chose
/// a real-valued target.
@Suite struct TaskChoiceTests {
    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("shallow-task-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aHundredIntegerClassesClassifyOnRequest() throws {
        var csv = "a,b,digit\n"
        for i in 0..<300 { csv += "\(Double(i % 100) / 10),\(Double(i % 7)),\(i % 100)\n" }
        let path = try write(csv)
        var h = Harness()
        let auto = try h.run("load \(path)")
        #expect(auto.contains("(a real-valued target: 100 distinct whole-number labels, more than 20; task=classify makes them classes)"))
        #expect(h.session.dataset?.isClassification == false)
        _ = try h.run("load \(path) task=classify; set hidden 8; init; train 5")
        #expect(h.session.dataset?.classCount == 100)
        #expect(h.session.model?.architecture.outputCount == 100)
        #expect(try h.run("accuracy").first?.hasPrefix("training accuracy: ") == true)
    }

    @Test func autoNamesTheFirstRowWithANonIntegerLabel() throws {
        let path = try write("x,y\n1,2\n2,3\n3,4.5\n4,6\n")
        var h = Harness()
        let lines = try h.run("load \(path)")
        #expect(lines.contains("(a real-valued target: row 3 has the label 4.5, not a whole number; task=classify makes them classes)"))
        _ = try h.run("load \(path) task=classify")
        #expect(h.session.dataset?.classNames == ["2", "3", "4.5", "6"])
        #expect(h.failure("load \(path) task=regress; load flower task=classify")?.contains("applies to CSV files") == true)
    }
}
