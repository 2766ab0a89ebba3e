import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import NeuralNetKernels

/// The training step of the lecture's shape — one hidden layer over a few inputs and one sigmoid output unit
/// with binary cross-entropy — as one fused sweep over the examples (the C kernel `nn_shallow_sums`): the
/// forward pass, the cost and the backward pass of a block of a few hundred examples at a time, whose hidden
/// values stay in L1, with no (n_h, m) array and no BLAS call. On many examples the separate passes are bound
/// by memory traffic (each writes and reads back an (n_h, m) array far larger than the caches) and by BLAS's
/// general path for products with a dimension of 2 or 4.
///
/// The examples are cut into chunks whose size depends only on m, each chunk's sums are computed on its own
/// (on as many cores as there are, for large m) and the chunks are added in order: the result is the same
/// bits whatever the number of threads. Other shapes, and fewer examples, keep the layer-by-layer passes.
final class FusedShallowStep {
    /// Hidden units beyond this take the layer-by-layer passes: on one core the sweep was 1.7× slower than
    /// them at n_h = 64 (below), so two cores would barely make up for it.
    static let maxHidden = 16
    /// The fewest examples a chunk holds: below this, a second thread costs more than it saves.
    static let minimumChunk = 4_096
    /// The most chunks m is cut into (bounds the partial sums kept).
    static let maximumChunks = 64

    /// Whether the fused sweep computes `architecture` on batches of m examples: one hidden layer of at most 16
    /// units over at most 16 inputs, one sigmoid output, and at least two chunks of examples. Measured
    /// (scripts/bench's scaling cases, 2 cores): at m = 40,000 and 400,000 with n_h = 4 the sweep took 294 and
    /// 5,166 µs per iteration against the layer-by-layer passes' 560 and 14,934 µs; at m = 400 and 4,000 (one
    /// chunk, one core) it was no faster (5.2 against 4.4 µs, 46.5 against 47.4 µs), and at m = 4,000 cut into
    /// two chunks of 2,048 no faster either (38.7 against 40.6 µs); at m = 400 with n_h = 64 or 256 it was slower
    /// (89 against 53 µs, 448 against 243 µs): there the passes' long loops over arrays that fit in L2 win.
    static func applies(to architecture: Architecture, m: Int) -> Bool {
        m >= 2 * minimumChunk && architecture.hiddenSizes.count == 1 && architecture.output == .sigmoid
            && architecture.outputCount == 1 && (1...Int(NN_FUSED_MAX_INPUTS)).contains(architecture.inputCount)
            && (1...maxHidden).contains(architecture.hiddenSizes[0])
    }

    let inputs: Int, hidden: Int, m: Int
    let chunkSize: Int, chunks: Int, workers: Int
    /// n_h·n_x + 2·n_h + 2: the gradients in the parameters' layout, then the summed loss.
    let values: Int
    private let scratchCount: Int
    private let scratch: UnsafeMutablePointer<Double>
    private let partials: UnsafeMutablePointer<Double>

    /// `threads`: how many cores to use (default: all online ones); the result does not depend on it.
    init(architecture: Architecture, m: Int, threads: Int? = nil) {
        inputs = architecture.inputCount
        hidden = architecture.hiddenSizes[0]
        self.m = m
        let perChunk = max(Self.minimumChunk, (m + Self.maximumChunks - 1) / Self.maximumChunks)
        chunkSize = (perChunk + 7) / 8 * 8
        chunks = max(1, (m + chunkSize - 1) / chunkSize)
        workers = min(chunks, max(1, threads ?? Self.onlineProcessors))
        values = hidden * inputs + 2 * hidden + 2
        scratchCount = nn_shallow_scratch_count(inputs, hidden)
        scratch = .allocate(capacity: scratchCount * workers)
        scratch.initialize(repeating: 0, count: scratchCount * workers)
        partials = .allocate(capacity: values * chunks)
        partials.initialize(repeating: 0, count: values * chunks)
    }

    static var onlineProcessors: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    deinit {
        scratch.deallocate()
        partials.deallocate()
    }

    /// The data cost J (without penalty) of parameters W1, b1, W2, b2 on X (n_x, m) and targets y (1, m), and the
    /// lecture's gradients dW1 = (1/m)·dZ1·Xᵀ, db1, dW2 = (1/m)·dZ2·A1ᵀ, db2 into `gradients` (parameter layout).
    func costAndGradients(_ x: UnsafePointer<Double>, targets y: UnsafePointer<Double>, parameters: ParameterBuffer,
                          activation: Activation, gradients: UnsafeMutablePointer<Double>) -> Double {
        let (code, slope) = activation.kernelCode
        // The raw pointers the workers read (the inputs, parameters) and write (each its own scratch and its
        // chunks' partial sums — no two workers touch the same memory).
        let sweep = Sweep(x: x, y: y, W1: UnsafePointer(parameters.W[0]), b1: UnsafePointer(parameters.b[0]),
                          W2: UnsafePointer(parameters.W[1]), b2: parameters.b[1][0], code: code, slope: slope,
                          scratch: scratch, partials: partials, scratchCount: scratchCount, values: values,
                          inputs: inputs, hidden: hidden, m: m, chunkSize: chunkSize, chunks: chunks, workers: workers)
        if workers > 1 {
            DispatchQueue.concurrentPerform(iterations: workers) { sweep.run(worker: $0) }
        } else {
            sweep.run(worker: 0)
        }
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

/// One sweep's arguments, shared by its workers. Unchecked: raw pointers, each worker writing only its own
/// scratch and its own chunks' sums.
private struct Sweep: @unchecked Sendable {
    let x: UnsafePointer<Double>, y: UnsafePointer<Double>
    let W1: UnsafePointer<Double>, b1: UnsafePointer<Double>, W2: UnsafePointer<Double>, b2: Double
    let code: Int32, slope: Double
    let scratch: UnsafeMutablePointer<Double>, partials: UnsafeMutablePointer<Double>
    let scratchCount: Int, values: Int, inputs: Int, hidden: Int, m: Int, chunkSize: Int, chunks: Int, workers: Int

    /// Worker w takes chunks w, w + workers, w + 2·workers, …
    func run(worker: Int) {
        for c in stride(from: worker, to: chunks, by: workers) {
            let start = c * chunkSize, count = min(chunkSize, m - start)
            nn_shallow_sums(x + start, m, y + start, count, inputs, hidden, W1, b1, W2, b2, code, slope,
                            scratch + worker * scratchCount, partials + c * values)
        }
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
