import Testing
@testable import NeuralNet

/// `NumpyRandom` against numpy's legacy generator, bit for bit.
///
/// The reference numbers were produced independently with numpy 2.4.6 (`np.random`, the legacy RandomState) and
/// printed with `repr`, which round-trips a float64 exactly; so `==` is the right comparison:
///
///     np.random.seed(s)
///     np.random.rand(5); np.random.randn(5); np.random.permutation(10); np.random.randn(3)
///
/// randn(5) draws three polar pairs and leaves one value cached; numpy keeps it across the permutation,
/// so the first value of the final randn(3) is that cached one — checked here too.
@Suite struct NumpyRandomTests {
    struct Reference: Sendable, CustomTestStringConvertible {
        var seed: UInt32
        var rand: [Double]
        var randn: [Double]
        var permutation: [Int]
        var randnAfter: [Double]
        var testDescription: String { "seed \(seed)" }
    }

    static let references: [Reference] = [
        Reference(seed: 0,
                  rand: [0.5488135039273248, 0.7151893663724195, 0.6027633760716439, 0.5448831829968969, 0.4236547993389047],
                  randn: [-0.8427240538292873, 1.9699244478698945, 1.2661185298577784, -0.5058765397605117, 2.5452007784710537],
                  permutation: [2, 6, 7, 9, 0, 3, 4, 1, 8, 5],
                  randnAfter: [1.0808119130554454, 1.4143771877719702, -0.12405066439134643]),
        Reference(seed: 1,
                  rand: [0.417022004702574, 0.7203244934421581, 0.00011437481734488664, 0.30233257263183977, 0.14675589081711304],
                  randn: [-1.1059350760083153, -1.6545154524065693, -2.363468604780012, 1.1353453479001385, -1.0170141364670207],
                  permutation: [8, 3, 5, 9, 0, 6, 1, 7, 4, 2],
                  randnAfter: [0.6373618140613244, 0.7299755964138446, 0.37299378906291564]),
        Reference(seed: 2,
                  rand: [0.43599490214200376, 0.025926231827891333, 0.5496624778787091, 0.4353223926182769, 0.42036780208748903],
                  randn: [-1.0744555184469111, -0.6172231073548774, -1.501006873752521, 0.8935898012445225, 0.7395456746416734],
                  permutation: [1, 0, 9, 8, 2, 4, 6, 3, 7, 5],
                  randnAfter: [-1.423564962816883, -2.2458748297609388, 1.1195752487263402]),
        Reference(seed: 42,
                  rand: [0.3745401188473625, 0.9507143064099162, 0.7319939418114051, 0.5986584841970366, 0.15601864044243652],
                  randn: [0.2790412922001377, 1.0105152848065264, -0.580878134023515, -0.5251698071781478, -0.5713801657541415],
                  permutation: [7, 4, 9, 3, 1, 6, 2, 0, 8, 5],
                  randnAfter: [-0.9240828377471049, 0.22207890156474303, -0.7679765019430772]),
    ]

    @Test(arguments: references)
    func matchesNumpy(_ reference: Reference) {
        var random = NumpyRandom(seed: reference.seed)
        #expect(random.uniforms(5) == reference.rand)
        #expect(random.gaussians(5) == reference.randn)
        #expect(random.permutation(10) == reference.permutation)
        #expect(random.gaussians(3) == reference.randnAfter)
    }

    /// Long streams cross MT19937's 624-word refill several times:
    ///
    ///     np.random.seed(7); x = np.random.rand(700)      # x[311], x[312] straddle the first refill
    ///     g = np.random.randn(1001)                        # g[1000]; g.sum() (numpy's pairwise sum)
    ///     p = np.random.permutation(100000)               # p[:5], p[-3:]
    ///
    /// g.sum() also pins `pairwiseSum` to numpy's summation order: a running sum of 1001 normals differs from
    /// it in the last bits.
    @Test func longStreamsMatchNumpy() {
        var random = NumpyRandom(seed: 7)
        let x = random.uniforms(700)
        #expect(x[311] == 0.8344787191622668)
        #expect(x[312] == 0.8690583863056699)
        #expect(x[699] == 0.33871568992326884)
        let g = random.gaussians(1001)
        #expect(g[1000] == -1.5202885433695241)
        #expect(pairwiseSum(g) == 3.9193193417929084)
        let p = random.permutation(100_000)
        #expect(Array(p.prefix(5)) == [60636, 61224, 27772, 23607, 30434])
        #expect(Array(p.suffix(3)) == [15365, 51755, 82446])
    }

    /// The largest seed numpy accepts (2³² − 1): `np.random.seed(4294967295); rand(); randn()`.
    @Test func largestSeed() {
        var random = NumpyRandom(seed: 4_294_967_295)
        #expect(random.nextDouble() == 0.0976320289940138)
        #expect(random.nextGaussian() == 0.0813036681172692)
    }
}
