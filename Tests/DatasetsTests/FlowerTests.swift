import Testing
@testable import Datasets
import NeuralNet

/// The flower against the numpy assignment's `load_planar_dataset()` (numpy seed 1), values printed by
/// numpy with `repr` (DESIGN.md quotes the first three).
@Suite struct FlowerTests {
    @Test func pointsMatchNumpy() {
        let flower = FlowerDataset.make()
        #expect(flower.X.shape == Shape(2, 400))
        let reference: [(Int, Double, Double)] = [
            (0, 1.204442292254319, 3.5761141481288448),
            (1, 0.15870990398255372, -1.4821709003683443),
            (2, 0.09524719604502052, -1.2799553276531797),
            (199, -0.5858464101358456, -3.091259938950624),
            (200, -1.0704958072229525, 3.682524609580073),
            (399, 0.7307808250007513, 3.0683292081876545),
        ]
        // The random numbers are bit-exact; sin and cos come from glibc here and from numpy's own
        // vectorised loops there, which may differ by an ulp, so agreement is required to 4 ulp of the
        // coordinates' size (|x| < 5: about 4e-15).
        for (j, x1, x2) in reference {
            #expect(abs(flower.X[0, j] - x1) <= 4e-15, "x1 of point \(j)")
            #expect(abs(flower.X[1, j] - x2) <= 4e-15, "x2 of point \(j)")
        }
        #expect(flower.Y.elements[0..<200].allSatisfy { $0 == 0 })
        #expect(flower.Y.elements[200..<400].allSatisfy { $0 == 1 })
    }
}
