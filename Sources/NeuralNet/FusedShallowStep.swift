import NeuralNetKernels

/// The training step of the lecture's shape — one hidden layer over a few inputs and one sigmoid output unit
/// with binary cross-entropy — as one fused sweep over the examples (the C kernel `nn_shallow_sums_chunked`): the
/// forward pass, the cost and the backward pass of a block of a few hundred examples at a time, whose hidden
/// values stay in L1, with no (n_h, m) array and no BLAS call. On many examples the separate passes are bound
/// by memory traffic (each writes and reads back an (n_h, m) array far larger than the caches) and by BLAS's
/// general path for products with a dimension of 2 or 4.
///
/// The examples are cut into chunks whose size depends only on m, each chunk's sums are computed on its own
/// (on the C worker pool's threads, one per core, which stay awake between iterations) and the chunks are added
/// in order: the result is the same bits whatever the number of threads. Other shapes, and fewer than
/// minimumExamples examples (the lecture's 400, mini-batches), keep the layer-by-layer passes.
final class FusedShallowStep {
    /// Hidden units beyond this take the layer-by-layer passes: on one core the sweep was 1.7× slower than
    /// them at n_h = 64 (below), so two cores would barely make up for it.
    static let maxHidden = 16
    /// The examples a chunk holds when m allows (chunkCount): enough that a chunk's own cost (its lanes'
    /// reduction, ~0.1 µs) is small against its sweep (~9 ns per example with n_h = 4).
    static let targetChunk = 2_048
    /// The fewest examples the fused sweep is used for (applies). Below it — the lecture's 400 examples and the
    /// classic notebooks' datasets — the layer-by-layer passes are kept although the sweep is faster there too
    /// (flower: 2.4 against 3.4 µs per iteration): their sums follow numpy's order more closely (pairwise sums,
    /// 8-lane products), and on the assignment's run, chaotic at α = 1.2 past iteration 7,000, that shows — costs
    /// 0.219424/0.218549 at iterations 8,000/9,000 against numpy's 0.219427/0.218550, and 363/400 = 90.75 % after
    /// 10,000 as in the notebook, where the sweep's 32-lane, two-chunk sums reach 0.219432/0.218601 and 362/400.
    /// A millisecond per 1,000 iterations is not worth a different final figure from the notebook the learner
    /// compares with.
    static let minimumExamples = 1_024
    /// The most chunks m is cut into (bounds the partial sums kept).
    static let maximumChunks = 64

    /// Whether the fused sweep computes `architecture` on batches of m examples: one hidden layer of at most 16
    /// units over at most 16 inputs, one sigmoid output, and at least minimumExamples. Measured (best of 3–7,
    /// 2 cores, µs per iteration, layer-by-layer passes → fused sweep on the worker pool): m = 256: 2.09 → 1.83;
    /// m = 400: 3.4 → 2.4; m = 1,000: 8.2 → ~5; m = 4,000: 37.2 → 16.9; m = 40,000: 280 → 172–182;
    /// m = 400 with n_h = 16: 11.5 → 7.2–8.5. At m = 128 the two were within noise (1.23 against 1.18). At m = 400
    /// with n_h = 64 or 256 it was slower on one core (89 against 53 µs, 448 against 243 µs): there the passes'
    /// long loops over arrays that fit in L2 win.
    static func applies(to architecture: Architecture, m: Int) -> Bool {
        m >= minimumExamples && architecture.hiddenSizes.count == 1 && architecture.output == .sigmoid
            && architecture.outputCount == 1 && (1...Int(NN_FUSED_MAX_INPUTS)).contains(architecture.inputCount)
            && (1...maxHidden).contains(architecture.hiddenSizes[0])
    }

    let inputs: Int, hidden: Int, m: Int
    let chunkSize: Int, chunks: Int, threads: Int
    /// n_h·n_x + 2·n_h + 2: the gradients in the parameters' layout, then the summed loss.
    let values: Int
    private let scratch: UnsafeMutablePointer<Double>
    private let partials: UnsafeMutablePointer<Double>

    /// How many chunks m examples are cut into: ⌈m / targetChunk⌉, at least 2 (two cores even at minimumExamples)
    /// and at most maximumChunks. It depends on m alone, so the sums do not depend on the thread count.
    static func chunkCount(m: Int) -> Int {
        min(maximumChunks, max(2, (m + targetChunk - 1) / targetChunk), max(1, m))
    }

    /// `threads`: how many threads to use at most (default: the worker pool's, one per usable CPU); the result does
    /// not depend on it.
    init(architecture: Architecture, m: Int, threads: Int? = nil) {
        inputs = architecture.inputCount
        hidden = architecture.hiddenSizes[0]
        self.m = m
        let wanted = Self.chunkCount(m: m)
        chunkSize = max(1, (m + wanted - 1) / wanted)
        chunks = max(1, (m + chunkSize - 1) / chunkSize)
        self.threads = max(1, min(chunks, threads ?? Int.max, nn_pool_participants()))
        values = hidden * inputs + 2 * hidden + 2
        let scratchCount = nn_shallow_scratch_count(inputs, hidden) * self.threads
        scratch = .allocate(capacity: scratchCount)
        scratch.initialize(repeating: 0, count: scratchCount)
        partials = .allocate(capacity: values * chunks)
        partials.initialize(repeating: 0, count: values * chunks)
    }

    deinit {
        scratch.deallocate()
        partials.deallocate()
    }

    /// The data cost J (without penalty) of parameters W1, b1, W2, b2 on X (n_x, m) and targets y (1, m), and the
    /// lecture's gradients dW1 = (1/m)·dZ1·Xᵀ, db1, dW2 = (1/m)·dZ2·A1ᵀ, db2 into `gradients` (parameter layout).
    func costAndGradients(_ x: UnsafePointer<Double>, targets y: UnsafePointer<Double>, parameters: ParameterBuffer,
                          activation: Activation, gradients: UnsafeMutablePointer<Double>) -> Double {
        let (code, slope) = activation.kernelCode
        // Each chunk writes its own partial sums; each thread its own scratch (the C worker pool).
        nn_shallow_sums_chunked(x, y, m, inputs, hidden, parameters.W[0], parameters.b[0], parameters.W[1],
                                parameters.b[1][0], code, slope, chunkSize, chunks, threads, scratch, partials)
        // Chunks added in order: the same bits on any number of threads.
        for c in 1..<max(chunks, 1) {
            let p = partials + c * values
            for i in 0..<values { partials[i] += p[i] }
        }
        let inverseM = 1.0 / Double(m)
        for i in 0..<(values - 1) { gradients[i] = inverseM * partials[i] }
        return partials[values - 1] / Double(m)
    }
}

extension Activation {
    /// The fused kernel's code for this activation and its slope (leaky ReLU's; 0 otherwise).
    var kernelCode: (Int32, Double) {
        switch self {
        case .sigmoid: return (Int32(NN_ACTIVATION_SIGMOID), 0)
        case .tanh: return (Int32(NN_ACTIVATION_TANH), 0)
        case .relu: return (Int32(NN_ACTIVATION_RELU), 0)
        case .leaky(let slope): return (Int32(NN_ACTIVATION_LEAKY), slope)
        case .linear: return (Int32(NN_ACTIVATION_LINEAR), 0)
        }
    }
}
