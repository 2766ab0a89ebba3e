import Testing
@testable import Notebook
import NeuralNet

/// Runs lines through the interpreter the way the REPL does, collecting output.
struct Harness {
    var session = Session()
    let interpreter = Interpreter()
    var output: [String] = []

    mutating func run(_ line: String) throws -> [String] {
        var lines: [String] = []
        let context = Context(emit: { lines.append($0) })
        try interpreter.run(line: line, session: &session, context: context)
        output += lines
        return lines
    }

    mutating func failure(_ line: String) -> String? {
        do {
            _ = try run(line)
            return nil
        } catch {
            return (error as? NotebookError)?.message ?? "\(error)"
        }
    }
}

@Suite struct InterpreterTests {
    @Test func commandsUsedTooEarlySayWhatToRunFirst() {
        var h = Harness()
        #expect(h.failure("init") == "init: no data loaded; run 'load flower' (or another dataset, or a CSV file) first")
        #expect(h.failure("load flower; train 10") == "train: no model yet; run 'init' first (e.g. init random scale=0.01 seed=2)")
        #expect(h.failure("accuracy") == "accuracy: no model yet; run 'init' first (e.g. init random scale=0.01 seed=2)")
    }

    @Test func aFailingCommandLeavesTheSessionUnchanged() throws {
        var h = Harness()
        _ = try h.run("load flower; init random seed=2; train 20")
        let before = h.session.model!.network
        let settingsBefore = h.session.settings
        #expect(h.failure("set lr -3") != nil)
        #expect(h.failure("set hidden 4 0") != nil)
        #expect(h.failure("load nosuchdataset") != nil)
        #expect(h.session.model!.network == before)
        #expect(h.session.settings == settingsBefore)
        #expect(h.session.dataset?.name == "flower")
        #expect(h.session.model!.iteration == 20)
    }

    @Test func lectureRunThroughTheInterpreter() throws {
        var h = Harness()
        _ = try h.run("load flower; set hidden 4; set activation tanh; set lr 1.2; init random scale=0.01 seed=2")
        let table = try h.run("train 2000 every=1000")
        #expect(table[0] == "iteration  cost")
        #expect(table[1] == "        0  0.693048")
        #expect(table[2] == "     1000  0.288083")
        #expect(table[3] == "     2000  0.254385")
        #expect(table[4].hasPrefix("final cost after 2000 iterations: 0.254385"))
        // Iterations continue across train commands, and the history has one cost per iteration.
        let more = try h.run("train 1000 every=1000")
        #expect(more[1] == "     2000  0.254385")
        #expect(more[2] == "     3000  0.233864")
        #expect(h.session.model!.costs.count == 3001)
    }

    @Test func showShapesPrintsTheLecturesDimensionEquations() throws {
        var h = Harness()
        let lines = try h.run("load flower; set hidden 4; init; show shapes").suffix(9)
        #expect(lines.contains("Z1 = W1·X + b1      (4, 400) = (4, 2)·(2, 400) + (4, 1)"))
        #expect(lines.contains("Z2 = W2·A1 + b2     (1, 400) = (1, 4)·(4, 400) + (1, 1)"))
        #expect(lines.contains("A1 = tanh(Z1)       (4, 400)"))
    }

    @Test func showParamsPrintsTheAssignmentsInitialWeights() throws {
        var h = Harness()
        let lines = try h.run("load flower; set hidden 4; init random scale=0.01 seed=2; show params")
        #expect(lines.contains("  [-0.00416758  -0.00056267]"))
        #expect(lines.contains("  [-0.01057952  -0.00909008   0.00551454   0.02292208]"))
    }

    @Test func helpCoversEveryDeclaredCommandAndEveryExampleParses() throws {
        var h = Harness()
        // Help wraps long lines (at 80 columns here): compare with the line breaks and indents folded away.
        func folded(_ lines: [String]) -> String { lines.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let overview = folded(try h.run("help"))
        let parser = Parser()
        for spec in CommandCatalog.all {
            #expect(overview.contains(spec.syntax), "help lists \(spec.name)")
            let detail = folded(try h.run("help \(spec.name)"))
            #expect(detail.hasPrefix("usage: \(spec.syntax) "))
            for example in spec.examples { _ = try parser.parse(line: example) }
        }
    }

    @Test func zeroInitialisationNeverBreaksSymmetry() throws {
        var h = Harness()
        let lines = try h.run("load flower; init zeros; train 200 every=200; show params")
        #expect(lines.contains { $0.hasPrefix("note: all 4 hidden units of layer 1 have identical weights") })
    }

    @Test func divergenceRestoresTheLastFiniteParameters() throws {
        var h = Harness()
        let lines = try h.run("load flower; set activation linear; set lr 100000; init random seed=2; train 100")
        let message = lines.last!
        #expect(message.hasPrefix("diverged at iteration "))
        #expect(message.hasSuffix("try a smaller learning rate"))
        #expect(h.session.model!.network.isFinite)
        _ = try h.run("accuracy")
    }
}
