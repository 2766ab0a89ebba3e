import Testing
@testable import Notebook
import NeuralNet

/// Each optimizer has its own default learning rate and initializer unless the user chose one.
@Suite struct OptimizerDefaultsTests {
    @Test func learningRateFollowsTheOptimizerUntilChosen() throws {
        var h = Harness()
        #expect(h.session.settings.learningRate == 1.2)
        #expect(try h.run("set optimizer adam").first?.hasSuffix("(learning rate 0.001, its default; 'set lr' to change)") == true)
        #expect(h.session.settings.training.learningRate == 0.001)
        _ = try h.run("set optimizer momentum")
        #expect(h.session.settings.learningRate == 0.1)
        _ = try h.run("set lr 0.05; set optimizer adam")
        #expect(h.session.settings.learningRate == 0.05, "a chosen rate is kept across optimizers")
    }

    @Test func initWithoutAKindPicksTheOptimizersInitializerAndSaysSo() throws {
        var h = Harness()
        _ = try h.run("load flower")
        #expect(try h.run("init").first?.contains("with random scale=0.01 seed=2: 17 parameters") == true)   // the lecture's
        _ = try h.run("set optimizer adam")
        #expect(try h.run("init").first?.hasSuffix("(xavier: the default for adam with tanh)") == true)
        _ = try h.run("set activation relu")
        #expect(try h.run("init").first?.hasSuffix("(he: the default for adam with relu)") == true)
        #expect(try h.run("init random").first?.contains("the default for") == false)
        #expect(h.session.model?.initializer == .random(scale: 0.01))
    }
}
