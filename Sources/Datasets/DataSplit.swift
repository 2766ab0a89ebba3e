import NeuralNet

/// A train/test partition of a dataset's examples (column indices into `X` and `Y`), as `split F [seed=N]` makes it.
public struct DataSplit: Sendable, Equatable {
    /// Indices of the training examples, ascending.
    public var train: [Int]
    /// Indices of the test examples, ascending.
    public var test: [Int]
    /// The requested training fraction.
    public var fraction: Double
    public var seed: UInt32

    public init(train: [Int], test: [Int], fraction: Double, seed: UInt32) {
        self.train = train
        self.test = test
        self.fraction = fraction
        self.seed = seed
    }
}

extension Dataset {
    /// Splits the examples into a training part of `fraction` and a test part of the rest.
    ///
    /// The training part has round(fraction · m) examples. For classification the split is *stratified*:
    /// each class contributes fraction · (its count) examples, rounded down, and the examples still needed
    /// to reach the total go to the classes with the largest remainders (ties: lower class index first),
    /// so every class's share in both parts is its overall share to within one example. Within a class, which
    /// examples train is drawn by `NumpyRandom(seed)` (one shuffle per class, in class order); for
    /// regression, by one permutation of all examples. Same data + fraction + seed → same split.
    ///
    /// Throws `.option(name: "split", …)` unless 0 < fraction < 1 and both parts get at least one example.
    public func split(fraction: Double, seed: UInt32 = 0) throws(DataError) -> DataSplit {
        guard fraction > 0 && fraction < 1 else {
            throw DataError.option(name: "split", value: "\(fraction)",
                                   expected: "a training fraction between 0 and 1 (exclusive), e.g. 0.8")
        }
        let total = Int((fraction * Double(m)).rounded())
        guard total >= 1 && total <= m - 1 else {
            throw DataError.option(name: "split", value: "\(fraction)",
                                   expected: "a fraction that leaves at least one example for training and one for testing (m = \(m))")
        }
        var random = NumpyRandom(seed: seed)
        var train: [Int] = []
        train.reserveCapacity(total)
        if let names = classNames {
            var members = Array(repeating: [Int](), count: names.count)
            for (j, y) in Y.elements.enumerated() { members[Int(y)].append(j) }
            var take = members.map { Int((fraction * Double($0.count)).rounded(.down)) }
            let remainders = members.indices.map { fraction * Double(members[$0].count) - Double(take[$0]) }
            let order = members.indices.sorted { remainders[$0] > remainders[$1] || (remainders[$0] == remainders[$1] && $0 < $1) }
            var missing = total - take.reduce(0, +)
            for c in order where missing > 0 && take[c] < members[c].count {
                take[c] += 1
                missing -= 1
            }
            for c in members.indices {
                random.shuffle(&members[c])
                train.append(contentsOf: members[c].prefix(take[c]))
            }
        } else {
            train = Array(random.permutation(m).prefix(total))
        }
        train.sort()
        var isTrain = [Bool](repeating: false, count: m)
        for j in train { isTrain[j] = true }
        let test = (0..<m).filter { !isTrain[$0] }
        return DataSplit(train: train, test: test, fraction: fraction, seed: seed)
    }
}
