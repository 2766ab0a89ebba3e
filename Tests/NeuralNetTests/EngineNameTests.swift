import Testing
@testable import NeuralNet

/// One parser per engine value, shared by commands and model files: every listed name parses to a value
/// that names itself, and anything else is an error that lists the choices (no silent default).
@Suite struct EngineNameTests {
    @Test func everyListedNameParsesToItself() throws {
        for name in Activation.names { #expect(try Activation.named(name).name == name) }
        for name in Initializer.names { #expect(try Initializer.named(name).name == name) }
        for name in Optimizer.names { #expect(try Optimizer.named(name).description.hasPrefix(name)) }
        for kind in OutputKind.allCases { #expect(try OutputKind.named(kind.rawValue) == kind) }
        #expect(try Activation.named("leaky", parameter: 0.2) == .leaky(slope: 0.2))
        #expect(try Initializer.named("random") == .random(scale: 0.01))
        #expect(try Optimizer.named("momentum") == .momentum(beta: 0.9))
    }

    @Test func unknownNamesAreErrorsListingTheChoices() {
        #expect(throws: UnknownNameError(kind: "activation", name: "tanhh", choices: Activation.names)) { try Activation.named("tanhh") }
        #expect(throws: UnknownNameError.self) { try Initializer.named("") }
        #expect(throws: UnknownNameError.self) { try Optimizer.named("sgd") }
        #expect(throws: UnknownNameError.self) { try OutputKind.named("Sigmoid") }
        #expect(UnknownNameError(kind: "optimizer", name: "sgd", choices: Optimizer.names).description
                == "unknown optimizer 'sgd', expected one of gd, momentum, adam")
    }
}
