/// The lecture's "for i = 1 to m" implementation: forward and backward one example at a time, with
/// plain loops and no matrix library. It exists to be compared with the vectorized pass — as a test
/// oracle (the two agree to 1e-12) and behind `train N loop`, which shows what vectorization buys.
extension Network {
    /// Gradients and cost over (X, T), accumulated example by example:
    ///   for i = 1…m:  z[1](i) = W[1]x(i) + b[1], a[1](i) = g(z[1](i)), …, then δ's back to front.
    public func perExampleGradients(_ X: Matrix, targets T: Matrix,
                                    regularization: Regularization = .none) -> (cost: Double, gradients: [DenseLayer]) {
        let L = architecture.layerCount
        let m = X.cols
        var gradients = Network(zerosFor: architecture).layers
        var totalLoss = 0.0
        for i in 0..<m {
            var a: [[Double]] = [X.column(i)]
            var z: [[Double]] = [[]]
            for l in 0..<L {
                let W = layers[l].W, b = layers[l].b
                var zl = [Double](repeating: 0, count: W.rows)
                for j in 0..<W.rows {
                    var s = 0.0
                    for k in 0..<W.cols { s += W[j, k] * a[l][k] }
                    zl[j] = s + b[j, 0]
                }
                z.append(zl)
                if l < L - 1 {
                    a.append(zl.map { architecture.hiddenActivation.value($0) })
                } else {
                    a.append(Network.outputActivation(architecture.output, zl))
                }
            }
            let y = T.column(i)
            totalLoss += Network.loss(architecture.output, z: z[L], a: a[L], y: y)
            // δ[L] = a[L] − y
            var delta = zip(a[L], y).map { $0 - $1 }
            for l in stride(from: L, through: 1, by: -1) {
                for j in 0..<delta.count {
                    for k in 0..<a[l - 1].count { gradients[l - 1].W[j, k] += delta[j] * a[l - 1][k] / Double(m) }
                    gradients[l - 1].b[j, 0] += delta[j] / Double(m)
                }
                if l > 1 {
                    let W = layers[l - 1].W
                    var previous = [Double](repeating: 0, count: W.cols)
                    for k in 0..<W.cols {
                        var s = 0.0
                        for j in 0..<W.rows { s += W[j, k] * delta[j] }
                        previous[k] = s * architecture.hiddenActivation.derivative(z: z[l - 1][k], a: a[l - 1][k])
                    }
                    delta = previous
                }
            }
        }
        if regularization.isActive {
            for l in 0..<L {
                for k in 0..<layers[l].W.count {
                    let w = layers[l].W.elements[k]
                    let sign: Double = w > 0 ? 1 : (w < 0 ? -1 : 0)
                    gradients[l].W.elements[k] += regularization.l2 / Double(m) * w + regularization.l1 / Double(m) * sign
                }
            }
        }
        return (totalLoss / Double(m) + regularization.penalty(self, m: m), gradients)
    }

    static func outputActivation(_ kind: OutputKind, _ z: [Double]) -> [Double] {
        switch kind {
        case .sigmoid: return z.map { Activation.sigmoid.value($0) }
        case .linear: return z
        case .softmax:
            let top = z.max() ?? 0
            let e = z.map { exp($0 - top) }
            let total = e.reduce(0, +)
            return e.map { $0 / total }
        }
    }

    static func loss(_ kind: OutputKind, z: [Double], a: [Double], y: [Double]) -> Double {
        switch kind {
        case .sigmoid: return zip(z, y).reduce(0) { $0 + OutputKind.binaryCrossEntropy(z: $1.0, y: $1.1) }
        case .linear: return zip(a, y).reduce(0) { $0 + 0.5 * ($1.0 - $1.1) * ($1.0 - $1.1) }
        case .softmax:
            let top = z.max() ?? 0
            let lse = top + log(z.reduce(0) { $0 + exp($1 - top) })
            return lse - zip(z, y).reduce(0) { $0 + $1.0 * $1.1 }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
