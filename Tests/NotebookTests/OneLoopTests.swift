import Foundation
import Testing
@testable import Notebook
import NeuralNet

/// The one loop (issue "One way to run a command"): the same statements give the same cells whether typed at
/// the prompt, read from a script, or run by `run FILE` inside a session; records say what happened.
@Suite struct OneLoopTests {
    static let statements = [
        "load flower n=60 seed=3", "set hidden 3", "init random scale=0.5 seed=2", "train 30 every=10",
        "set lr -2", "accuracy", "show shapes",
    ]

    func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("shallow-loop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// What a cell says, without the run-dependent timing after ` · `.
    struct Seen: Equatable {
        var text: String
        var output: [String]
        var succeeded: Bool
        var error: String?
        init(_ cell: Cell) {
            text = cell.text
            output = cell.output.map { line in line.range(of: " · ").map { String(line[..<$0.lowerBound]) } ?? line }
            succeeded = cell.succeeded
            error = cell.error
        }
    }

    func cells(_ run: (Interpreter, inout Session, Context) -> Void) -> [Seen] {
        var session = Session()
        let context = Context()
        run(Interpreter(keepGoing: true), &session, context)
        return session.cells.map(Seen.init)
    }

    @Test func promptScriptAndNestedRunGiveTheSameCells() throws {
        let dir = try folder()
        let script = "\(dir)/steps.nn"
        try Self.statements.joined(separator: "\n").write(toFile: script, atomically: true, encoding: .utf8)

        let typed = cells { interpreter, session, context in
            for line in Self.statements { interpreter.run(text: line, source: nil, session: &session, context: context) { _ in } }
        }
        let fromScript = cells { interpreter, session, context in
            interpreter.run(text: Self.statements.joined(separator: "\n"), source: script, session: &session, context: context) { _ in }
        }
        let oneLine = cells { interpreter, session, context in
            interpreter.run(text: Self.statements.joined(separator: "; "), source: "-e", session: &session, context: context) { _ in }
        }
        let nested = cells { interpreter, session, context in
            interpreter.run(text: "run \(script)", source: nil, session: &session, context: context) { _ in }
        }
        #expect(typed.count == Self.statements.count)
        #expect(typed.map(\.text) == Self.statements)
        #expect(typed.filter { !$0.succeeded }.map(\.text) == ["set lr -2"])
        #expect(typed[5].output.first?.hasPrefix("training accuracy: ") == true)
        #expect(fromScript == typed)
        #expect(oneLine == typed)
        #expect(nested == typed)
    }

    @Test func everySubmittedStatementIsACellAndFailuresKeepTheirError() {
        var session = Session()
        let context = Context()
        var reported: [Interpreter.Failure] = []
        let outcome = Interpreter(keepGoing: true).run(text: "trian 5; load flower\nset lr 'x\ninit", source: "-e",
                                                        session: &session, context: context) { reported.append($0) }
        #expect(outcome.failures == 2)
        #expect(session.cells.map(\.number) == [1, 2, 3, 4])
        #expect(session.cells.map(\.succeeded) == [false, true, false, true])
        #expect(session.cells[0].error == "unknown command 'trian'; did you mean 'train'?")
        #expect(session.cells[2].error?.hasPrefix("unterminated single quote") == true)
        // Several statements on a line: the column says which one.
        #expect(reported.map(\.description) == ["-e:1:1: unknown command 'trian'; did you mean 'train'?",
                                               "-e:2: unterminated single quote starting at column 8: close it with '"])
    }

    @Test func theFirstFailureStopsTheRestOfTheTextAndItsLine() {
        var session = Session()
        let outcome = Interpreter().run(text: "load flower; trian; init\ninit", source: "s.nn", session: &session, context: Context()) { _ in }
        #expect(outcome.failures == 1)
        #expect(session.cells.map(\.text) == ["load flower", "trian"])
        #expect(session.model == nil)
    }

    @Test func crlfAndCRScriptsRunLikeLFOnesWithTheSameLineNumbers() {
        for ending in ["\n", "\r\n", "\r"] {
            var session = Session()
            var reported: [String] = []
            let text = ["# a comment", "load flower", "", "set hidden 2", "trian 3", "init"].joined(separator: ending) + ending
            Interpreter().run(text: text, source: "x.nn", session: &session, context: Context()) { reported.append($0.description) }
            #expect(reported == ["x.nn:5: unknown command 'trian'; did you mean 'train'?"], "line ending \(ending.debugDescription)")
            #expect(session.settings.hidden == [2])
        }
        #expect(Interpreter.lines("a\r\nb\rc\n\nd") == ["a", "b", "c", "", "d"])
    }

    @Test func aStopRequestEndsTheTextAfterTheRunningStatementKeepsItsWork() {
        var session = Session()
        nonisolated(unsafe) var checks = 0
        nonisolated(unsafe) var stop = false
        let context = Context(shouldStop: {
            checks += 1
            if checks == 200 { stop = true }
            return stop
        }, clearStop: { stop = false })
        var reported: [String] = []
        let outcome = Interpreter().run(text: "load flower\ninit\ntrain 1000000\naccuracy", source: "s.nn", session: &session,
                                        context: context) { reported.append($0.description) }
        #expect(outcome.interrupted)
        #expect(outcome.exitStatus == 130)
        #expect(reported == ["s.nn:3: interrupted"])
        #expect(session.cells.map(\.text).prefix(2) == ["load flower", "init"])
        let trained = session.model!.iteration
        #expect(trained > 0 && trained < 1_000_000)
        // Recorded as what happened, with a note saying it was interrupted.
        #expect(session.cells[2].text == "train \(trained)")
        #expect(session.cells[2].note?.contains("interrupted at iteration \(trained)") == true)
        #expect(session.cells[2].note?.contains("typed: train 1000000") == true)
        #expect(session.cells.count == 3)
    }

    @Test func aSavedScriptOfAnInterruptedTrainReplaysToTheSameParameters() throws {
        let dir = try folder()
        var session = Session()
        nonisolated(unsafe) var checks = 0
        nonisolated(unsafe) var stop = false
        let context = Context(shouldStop: {
            checks += 1
            if checks == 777 { stop = true }
            return stop
        }, clearStop: { stop = false })
        // At the prompt a Ctrl-C stops the line; the session goes on.
        Interpreter().run(text: "load flower; set batch 64; set optimizer adam; init xavier seed=5; train 5000000", source: nil,
                          session: &session, context: context) { _ in }
        Interpreter().run(text: "save script \(dir)/replay.nn", source: nil, session: &session, context: Context()) { _ in }
        let interrupted = session.model!
        #expect(interrupted.iteration > 0 && interrupted.iteration < 5_000_000)

        var replay = Session()
        let outcome = Interpreter().run(text: try String(contentsOfFile: "\(dir)/replay.nn", encoding: .utf8), source: "replay.nn",
                                        session: &replay, context: Context()) { _ in }
        #expect(outcome == Interpreter.Outcome())
        #expect(replay.model!.iteration == interrupted.iteration)
        #expect(replay.model!.network == interrupted.network, "bit-identical parameters after replay")
    }

    @Test func exitIsAnAliasOfQuit() {
        var session = Session()
        let outcome = Interpreter().run(text: "exit; load flower", source: "-e", session: &session, context: Context()) { _ in }
        #expect(outcome.quit)
        #expect(session.dataset == nil)
    }

    @Test func messagesEscapeControlBytesAndShortenLongTokens() {
        var session = Session()
        var reported: [String] = []
        Interpreter().run(text: "load \u{1B}[2J\u{07}x", source: nil, session: &session, context: Context()) { reported.append($0.description) }
        #expect(reported.count == 1)
        #expect(!reported[0].unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(reported[0].contains("\\e[2J\\u{7}x"))
        let long = String(repeating: "q", count: 2_000_000)
        reported = []
        Interpreter().run(text: long, source: nil, session: &session, context: Context()) { reported.append($0.description) }
        #expect(reported == ["unknown command '\(String(repeating: "q", count: 40))…'; type 'help' for the list of commands"])
        // The suggestion search is bounded: a token far longer than every command has no near match.
        #expect(nearest(long, among: ["train", "init"]) == nil)
    }

    @Test func aScriptNameWithControlBytesIsShownEscaped() {
        var session = Session()
        var reported: [String] = []
        Interpreter().run(text: "trian", source: "x\u{0}\u{1B}[2J.nn", session: &session, context: Context()) { reported.append($0.description) }
        #expect(reported == ["x\\0\\e[2J.nn:1: unknown command 'trian'; did you mean 'train'?"])
        #expect(session.cells.first?.source == "x\\0\\e[2J.nn:1")
    }
}
