import Foundation
import Testing
@testable import Notebook
import NeuralNet

@Suite struct SessionFileTests {
    func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("shallow-notebook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    @Test func savedModelReloadsWithIdenticalPredictions() throws {
        let folder = try temporaryFolder()
        var h = Harness()
        _ = try h.run("load flower; set hidden 5 3; set activation leaky=0.05; init random scale=0.5 seed=4; train 300 every=300")
        let before = h.session.model!.network
        let points = try h.run("predict 1.5 -0.3; predict -2 3.25; predict 0 0")
        _ = try h.run("save model \(folder)/m.json; reset")
        #expect(h.session.model == nil)
        _ = try h.run("load model \(folder)/m.json")
        // Parameters survive bit for bit, so predictions are identical, not merely close.
        #expect(h.session.model!.network == before)
        #expect(try h.run("predict 1.5 -0.3; predict -2 3.25; predict 0 0") == points)
    }

    @Test func damagedModelFilesAreRefusedWithAReasonAndChangeNothing() throws {
        let folder = try temporaryFolder()
        var h = Harness()
        _ = try h.run("load flower; init; train 10; save model \(folder)/good.json")
        let good = try String(contentsOfFile: "\(folder)/good.json", encoding: .utf8)
        _ = try h.run("set hidden 2; init zeros")
        let modelBefore = h.session.model!.network

        let cases: [(String, String)] = [
            (String(good.prefix(good.count / 2)), ": not valid JSON ("),
            (good.replacingOccurrences(of: "\"version\" : 2", with: "\"version\" : 7"), "format version 7 is not supported (this shallow reads versions 1 to 3)"),
            (good.replacingOccurrences(of: "\"task\" : \"classify\"", with: "\"task\" : \"regress\""), "task is regress but classes are given"),
            (good.replacingOccurrences(of: "\"task\" : \"classify\",", with: ""), "missing task, expected classify or regress"),
            (good.replacingOccurrences(of: "\"start\" : 0", with: "\"start\" : 1"), "history covers iterations 1 to 11 (at most 100000), expected it to end at training.iterations (10)"),
            (good.replacingOccurrences(of: "\"activation\" : \"tanh\"", with: "\"activation\" : \"swish\""), "architecture.activation is \"swish\", expected one of"),
            (good.replacingOccurrences(of: "\"hidden\" : [\n      4\n    ]", with: "\"hidden\" : [\n      5\n    ]"), "layers[0].W (W1) has 4 rows, expected (5, 2)"),
            (good.replacingOccurrences(of: "\"format\" : \"shallow-model\"", with: "\"format\" : \"other\""), "format is \"other\", expected \"shallow-model\""),
            (good.replacingOccurrences(of: "\"inputs\" : 2", with: "\"inputz\" : 2"), "missing architecture.inputs"),
        ]
        for (index, (text, reason)) in cases.enumerated() {
            let path = "\(folder)/bad\(index).json"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let message = h.failure("load model \(path)")
            #expect(message?.contains(reason) == true, "\(reason): got \(message ?? "no error")")
            #expect(h.session.model!.network == modelBefore)
        }
        #expect(h.failure("load model \(folder)/missing.json")?.contains("No such file or directory") == true)
    }

    /// Saving onto something that is not a regular file is refused before anything is written (`/dev/full`
    /// would fail late, a FIFO would block, `/dev/null` would swallow the model silently).
    @Test(.timeLimit(.minutes(1))) func savingOntoSpecialFilesIsRefused() throws {
        let folder = try temporaryFolder()
        var h = Harness()
        _ = try h.run("load flower; init; train 2")
        #expect(h.failure("save model /dev/full") == "/dev/full: not a regular file (a character device)")
        // A private null device (not the shared /dev/null, which an unhardened writer elsewhere can replace).
        let device = mknod("\(folder)/device.csv", S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 ? "\(folder)/device.csv" : "/dev/full"
        #expect(h.failure("save data \(device)") == "save data: \(device): not a regular file (a character device)")
        #expect(mkfifo("\(folder)/replay.nn", 0o600) == 0)
        #expect(h.failure("save script \(folder)/replay.nn") == "\(folder)/replay.nn: not a regular file (a FIFO)")
        try FileManager.default.createDirectory(atPath: "\(folder)/notes.md", withIntermediateDirectories: false)
        #expect(h.failure("save notebook \(folder)/notes.md") == "\(folder)/notes.md: not a regular file (a directory)")
        #expect(h.failure("save model \(folder)/missing/m.json") == "\(folder)/missing/m.json: cannot write: No such file or directory")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".") }.isEmpty)
    }

    /// `save model` through a link replaces the link's target; the link stays a link.
    @Test func savingThroughALinkReplacesItsTarget() throws {
        let folder = try temporaryFolder()
        var h = Harness()
        _ = try h.run("load flower; init; train 2")
        #expect(symlink("real.json", "\(folder)/link.json") == 0)
        _ = try h.run("save model \(folder)/link.json; save model \(folder)/link.json")
        let attributes = try FileManager.default.attributesOfItem(atPath: "\(folder)/link.json")
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
        _ = try h.run("load model \(folder)/real.json")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["link.json", "real.json"])
    }

    /// The script runner (not this reader) decides what CRLF and a lone CR mean: the text arrives unchanged.
    @Test func scriptTextIsReadUnchanged() throws {
        let folder = try temporaryFolder()
        let text = "load flower\r\ninit\rtrain 1\n# é\r\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: "\(folder)/s.nn"))
        #expect(try FileOutput.read("\(folder)/s.nn", what: "run") == text)
        try Data([0x66, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: "\(folder)/bad.nn"))
        #expect(throws: NotebookError("\(folder)/bad.nn: not UTF-8 text (run reads UTF-8 text files)")) {
            try FileOutput.read("\(folder)/bad.nn", what: "run")
        }
    }

    @Test func savedScriptReplaysTheSession() throws {
        let folder = try temporaryFolder()
        var h = Harness()
        _ = try h.run("load flower; set hidden 3; init random seed=5; train 50 every=50")
        _ = h.failure("set lr nope")
        _ = try h.run("save script \(folder)/replay.nn")
        let script = try String(contentsOfFile: "\(folder)/replay.nn", encoding: .utf8)
        #expect(!script.contains("nope"))
        var replay = Harness()
        _ = try replay.run("run \(folder)/replay.nn")
        #expect(replay.session.model!.network == h.session.model!.network)
    }

    @Test func notebookHasCommandsOutputsErrorsNotesSourcesAndImageLinks() throws {
        let cells = [
            Cell(number: 1, text: "load flower", output: ["flower: 400 examples"], files: [], succeeded: true,
                 source: "lesson.nn:2"),
            Cell(number: 2, text: "plot cost", output: ["wrote plots/cost.png"], files: ["plots/cost.png", "plots/gone.png"], succeeded: true),
            Cell(number: 3, text: "trian", output: [], files: [], succeeded: false, error: "unknown command 'trian'"),
            Cell(number: 4, text: "train 1000", output: [], files: [], succeeded: true, note: "interrupted after 10 of 1000"),
        ]
        let images = NotebookDocument.images(of: cells)
        let text = MarkdownNotebook.markdown(cells, notebookPath: "notes/my session.md", images: images,
                                             copied: ["cell2-cost.png"])
        #expect(text.contains("**[1]** <sub>lesson.nn:2</sub>\n\n```\nload flower\n```"))
        #expect(text.contains("```text\nflower: 400 examples\n```"))
        #expect(text.contains("![cost.png](my%20session_files/cell2-cost.png)"))
        #expect(text.contains("*(plots/gone.png no longer existed when this notebook was saved)*"))
        #expect(text.contains("**[3]** (failed)\n\n```\ntrian\n```\n\n```text\nerror: unknown command 'trian'\n```"))
        #expect(text.contains("> note: interrupted after 10 of 1000"))
        #expect(MarkdownNotebook.imagesFolder(for: "notes/my session.md") == "notes/my session_files")
        #expect(MarkdownNotebook.fenced("a ``` b") == "````\na ``` b\n````\n")
        // The .ipynb JSON, as Python's json.dumps(indent=1, sort_keys=True, ensure_ascii=False) writes it.
        var json = ""
        JSONValue.object(["b": "tab\t \"q\" \u{01} é", "a": [1, [:], []]]).write(to: &json, indent: 0)
        #expect(json == "{\n \"a\": [\n  1,\n  {},\n  []\n ],\n \"b\": \"tab\\t \\\"q\\\" \\u0001 é\"\n}")
    }

    @Test func runStopsAtTheFirstErrorWithFileAndLineAndKeepsWhatRanBeforeIt() throws {
        let folder = try temporaryFolder()
        try "load flower\ninit\ntrain nope\ntrain 5\n".write(toFile: "\(folder)/bad.nn", atomically: true, encoding: .utf8)
        var h = Harness()
        #expect(h.failure("run \(folder)/bad.nn") == "\(folder)/bad.nn:3: train: found 'nope', expected a whole number from 0 to 100000000")
        // As in any script, the statements before the failing one took effect, and none after it ran.
        #expect(h.session.dataset?.name == "flower")
        #expect(h.session.model?.iteration == 0)
        #expect(h.session.cells.map(\.text) == ["load flower", "init", "train nope"])
        #expect(h.session.cells.map(\.source) == ["\(folder)/bad.nn:1", "\(folder)/bad.nn:2", "\(folder)/bad.nn:3"])
        #expect(h.session.cells.last?.error == "train: found 'nope', expected a whole number from 0 to 100000000")
        try "run \(folder)/self.nn\n".write(toFile: "\(folder)/self.nn", atomically: true, encoding: .utf8)
        #expect(h.failure("run \(folder)/self.nn")?.contains("nested more than") == true)
    }

    /// Found by scripts/hostile-commands: with --keep-going, a script that runs itself twice ran 2^16 times
    /// (the depth limit stopped only the innermost branch) and printed its history at every level.
    @Test func scriptsThatRunThemselvesStopAsAWholeEvenWhenKeepingGoing() throws {
        let folder = try temporaryFolder()
        try "load flower\nrun \(folder)/twice.nn\nrun \(folder)/twice.nn\nhistory\n".write(toFile: "\(folder)/twice.nn", atomically: true, encoding: .utf8)
        var session = Session()
        var failures: [String] = []
        let outcome = Interpreter(keepGoing: true).run(text: "run \(folder)/twice.nn\nshow data", source: "top.nn", session: &session,
                                                       context: Context()) { failures.append($0.description) }
        // One failure, at the 17th level; every enclosing script stopped there; the top text went on.
        #expect(failures == ["\(folder)/twice.nn:2: run: scripts nested more than 16 deep (does '\(Format.shown(folder + "/twice.nn"))' run itself?)"])
        #expect(outcome.failures == 1 && !outcome.runaway)
        // A `run` is not a cell itself (its statements are): 16 levels' 'load flower', the refused 17th 'run', 'show data'.
        #expect(session.cells.count == 16 + 1 + 1)
        #expect(session.cells.last?.text == "show data")

        // Scripts that run each other without nesting deeply: at most Interpreter.maximumRuns scripts per 'run'.
        try (String(repeating: "run \(folder)/leaf.nn\n", count: 1500)).write(toFile: "\(folder)/wide.nn", atomically: true, encoding: .utf8)
        try "set seed 3\n".write(toFile: "\(folder)/leaf.nn", atomically: true, encoding: .utf8)
        failures = []
        let wide = Interpreter(keepGoing: true).run(text: "run \(folder)/wide.nn", source: "top.nn", session: &session,
                                                    context: Context()) { failures.append($0.description) }
        #expect(failures == ["\(folder)/wide.nn:1000: run: more than 1000 scripts started by one 'run' (do the scripts run each other?)"])
        #expect(wide.failures == 1)
    }

    /// Found by scripts/hostile-commands: 'save script a.nn; run a.nn' repeated doubles the session each time.
    /// Past Interpreter.maximumCells only saving, resetting, ending and help run; nothing grows further.
    @Test func aSessionStopsGrowingAtTheCellLimit() throws {
        var session = Session()
        let filler = Cell(number: 0, text: "show settings", output: [], files: [], succeeded: true, error: nil, source: nil, note: nil)
        session.cells = Array(repeating: filler, count: Interpreter.maximumCells - 1)
        var failures: [String] = []
        let interpreter = Interpreter(keepGoing: true)
        interpreter.run(text: "load flower\ninit\nnope\nreset", source: "s.nn", session: &session, context: Context()) { failures.append($0.description) }
        #expect(failures.count == 2)
        #expect(failures.first == "s.nn:2: init: the session has 20000 cells, the most one session records; keep what you need "
                                   + "('save script FILE.nn', 'save notebook FILE.md') and 'reset'")
        #expect(failures.last?.hasPrefix("s.nn:3: unknown command 'nope'") == true, "a line that does not parse is still an error, not recorded")
        #expect(session.model == nil, "refused, not run")
        #expect(session.cells.count == 1 && session.cells[0].text == "reset", "'reset' still runs, and the history starts afresh")
    }

    @Test func everyDeclaredCommandCompletesByTab() {
        let completer = Completer()
        for spec in CommandCatalog.all {
            var typed = ""
            for word in spec.words {
                // Typing the first two letters of each word offers that word.
                let partial = typed + String(word.prefix(2))
                #expect(completer.complete(partial).words.contains(word), "'\(partial)' offers '\(word)' (\(spec.name))")
                typed += word + " "
            }
        }
    }

    @Test func completionComesFromTheDeclarations() {
        let completer = Completer()
        #expect(completer.complete("show sh").words == ["shapes"])
        #expect(completer.complete("tr").words == ["train"])
        #expect(completer.complete("set activation l").words == ["leaky", "linear"])
        #expect(completer.complete("init random sc").words == ["scale="])
        #expect(completer.complete("load ").files)
        #expect(completer.complete("save model ").files)
    }
}
