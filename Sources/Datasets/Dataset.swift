import NeuralNet

/// A dataset in the lecture's layout: `X` is (n_x, m), one column per example; `Y` is (1, m).
///
/// For classification `Y` holds class indices 0…k−1 (as Doubles) and `classNames[k]` names class k;
/// for regression `classNames` is nil and `Y` holds the real-valued target.
public struct Dataset: Sendable, Equatable {
    /// Where the data came from, as shown in titles and summaries (`flower`, `iris.csv`).
    public var name: String
    public var X: Matrix
    public var Y: Matrix
    public var featureNames: [String]
    /// Class names by index for classification; nil for a real-valued (regression) target.
    public var classNames: [String]?
    /// The label column's name (for CSV files), or `label`.
    public var labelName: String

    public init(name: String, X: Matrix, Y: Matrix, featureNames: [String]? = nil,
                classNames: [String]?, labelName: String = "label") {
        precondition(X.cols == Y.cols, "X and Y must have the same number of examples (columns)")
        self.name = name
        self.X = X
        self.Y = Y
        self.featureNames = featureNames ?? (0..<X.rows).map { "x\($0 + 1)" }
        self.classNames = classNames
        self.labelName = labelName
    }

    /// Number of examples, m.
    public var m: Int { X.cols }
    /// Number of input features, n_x.
    public var featureCount: Int { X.rows }
    public var isClassification: Bool { classNames != nil }
    public var classCount: Int { classNames?.count ?? 0 }

    /// Examples per class, by class index (empty for regression).
    public var classCounts: [Int] {
        guard let names = classNames else { return [] }
        var counts = Array(repeating: 0, count: names.count)
        for y in Y.elements { counts[Int(y)] += 1 }
        return counts
    }

    /// The examples at `indices` (columns), same names and classes.
    public func subset(_ indices: [Int]) -> Dataset {
        Dataset(name: name, X: X.columns(indices), Y: Y.columns(indices), featureNames: featureNames,
                classNames: classNames, labelName: labelName)
    }
}
