/// Full-batch gradient descent driven by the per-example ("for i = 1 to m") gradients: the same
/// algorithm as `Trainer` with plain GD, without vectorization. Slow on purpose — it is there to be timed
/// against the vectorized loop (`train N loop`).
public enum PerExampleTrainer {
    public static func train(_ network: inout Network, data: TrainingData, epochs: Int, startIteration: Int = 0,
                             learningRate: Double, regularization: Regularization = .none,
                             shouldStop: () -> Bool = { false },
                             progress: (Int, Double) -> Void = { _, _ in }) -> TrainingOutcome {
        var costs: [Double] = []
        var stop = TrainingStop.completed
        var previous = network
        var startCost = 0.0
        for epoch in 0...epochs {
            let iteration = startIteration + epoch
            let (cost, gradients) = network.perExampleGradients(data.X, targets: data.T, regularization: regularization)
            if epoch == 0 { startCost = cost }
            if !cost.isFinite || cost > Trainer.explosionFactor * max(startCost, 1) {
                if epoch > 0 { network = previous }
                stop = .diverged(iteration: iteration, cost: cost, restoredTo: epoch > 0 ? iteration - 1 : iteration)
                break
            }
            costs.append(cost)
            progress(iteration, cost)
            if epoch == epochs { break }
            if shouldStop() { stop = .cancelled(iteration: iteration); break }
            previous = network
            for l in network.layers.indices {
                for k in 0..<network.layers[l].W.count { network.layers[l].W.elements[k] -= learningRate * gradients[l].W.elements[k] }
                for k in 0..<network.layers[l].b.count { network.layers[l].b.elements[k] -= learningRate * gradients[l].b.elements[k] }
            }
        }
        return TrainingOutcome(costs: costs, testCosts: [], firstIteration: startIteration, stop: stop)
    }
}
