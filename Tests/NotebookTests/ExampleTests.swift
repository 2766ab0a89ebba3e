import Foundation
import Testing
@testable import Notebook

/// Every example shown by `help` must run: each declared command's examples are executed, in
/// declaration order, in a session that has data and a briefly trained model.
@Suite(.serialized) struct ExampleTests {
    @Test func everyHelpExampleRuns() throws {
        try "a,b,c,label\n1,2,3,x\n4,5,6,y\n7,8,9,x\n1,5,2,y\n".write(toFile: "/tmp/shallow-example.csv", atomically: true, encoding: .utf8)
        try "x2,x1,label\n1.5,-0.3,1\n-2,3.25,0\n0,0,1\n".write(toFile: "/tmp/shallow-predict.csv", atomically: true, encoding: .utf8)
        try "0\n5\n17\n".write(toFile: "/tmp/shallow-test-rows.txt", atomically: true, encoding: .utf8)
        var regression = "x,y\n"
        for i in 0..<20 { regression += "\(i),\(2.5 * Double(i) + 0.3)\n" }
        try regression.write(toFile: "/tmp/shallow-regression.csv", atomically: true, encoding: .utf8)
        // Commands whose examples need another kind of data than the flower's classes.
        let setups = ["score": "load /tmp/shallow-regression.csv; init; train 20",
                      "plot transform": "set hidden 2; init; train 20",
                      "load test": "load /tmp/shallow-example.csv; init; train 20"]
        let plots = FileManager.default.temporaryDirectory.appendingPathComponent("shallow-examples-\(UUID().uuidString)").path
        for spec in CommandCatalog.all where spec.name != "quit" && spec.name != "exit" {
            #expect(!spec.examples.isEmpty, "\(spec.name) has an example")
            for example in spec.examples {
                var h = Harness()
                _ = try h.run("set plotdir \(plots); load flower; init; train 20")
                if let setup = setups[spec.name] { _ = try h.run(setup) }
                do {
                    _ = try h.run(example)
                } catch {
                    Issue.record("'\(example)' failed: \(error)")
                }
            }
        }
    }
}
