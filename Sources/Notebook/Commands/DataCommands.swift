import Foundation
import NeuralNet
import Datasets

extension CommandCatalog {
    static let data: [CommandSpec] = [
        CommandSpec(
            ["load"], group: .data,
            parameters: [Parameter("DATASET", .datasetOrPath)],
            options: [Option("n", .integer(min: 2, max: 10_000_000), "number of examples"),
                      Option("seed", .integer(min: 0, max: Int(UInt32.max)), "random seed (flower: 1, as in the lecture)")],
            summary: "load a built-in dataset (flower) or a CSV file",
            details: """
            Built-in: flower (the lecture's two-class rose, 400 points, numpy seed 1 — identical to the assignment).
            The data becomes X (n_x, m), one column per example, and Y (1, m).
            """,
            examples: ["load flower", "load flower n=200 seed=3"],
            handler: { session, args, context in
                let name = args.text("DATASET")!
                let seed = args.integer("seed").map { UInt32($0) }
                let dataset: Dataset
                switch name {
                case "flower":
                    let n = args.integer("n") ?? FlowerDataset.defaultCount
                    guard n % 2 == 0 else { throw NotebookError("load: flower needs an even n (two equal classes), found n=\(n)") }
                    dataset = FlowerDataset.make(count: n, seed: seed ?? FlowerDataset.defaultSeed)
                default:
                    throw NotebookError("load: unknown dataset '\(name)', expected flower")
                }
                session.dataset = dataset
                context.say(describe(dataset))
            }),
    ]

    /// The one-line summary `load` prints.
    static func describe(_ dataset: Dataset) -> String {
        var line = "\(dataset.name): \(dataset.m) examples × \(dataset.featureCount) features"
        if let names = dataset.classNames {
            let counts = dataset.classCounts
            line += "; \(names.count) classes (" + zip(names, counts).map { "\($0): \($1)" }.joined(separator: ", ") + ")"
        } else {
            let y = dataset.Y.elements
            line += "; target \(dataset.labelName) from \(formatShort(y.min() ?? 0)) to \(formatShort(y.max() ?? 0))"
        }
        return line
    }
}
