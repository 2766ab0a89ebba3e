import Foundation
import Testing

/// The REPL as a user meets it: the real binary on a pseudo-terminal (see `PseudoTerminal`), with a fresh
/// HOME per test (so ~/.shallow_history is the test's own), TERM=dumb, an empty inputrc and NO_COLOR=1, so that
/// what readline draws is predictable. Keys are typed as a terminal sends them: "\r" Enter, "\t" Tab,
/// "\u{03}" Ctrl-C (turned into SIGINT by the terminal driver), "\u{04}" Ctrl-D, "\u{1B}[A" Up.
/// Keys are typed with `type`, which waits until readline is reading (terminal out of canonical mode) and
/// for each printable key's echo; only Ctrl-C during a command is sent at once (the driver turns it into SIGINT).
@Suite(.serialized) struct InteractiveTests {
    /// A REPL session in its own home directory.
    struct REPLSession {
        let home: URL
        let pty: PseudoTerminal
        var historyFile: URL { home.appendingPathComponent(".shallow_history") }

        /// Types a command, then waits for `output` (if given) and the next prompt (`[number] shallow> `).
        @discardableResult
        func run(_ command: String, expecting output: String? = nil, prompt number: Int, timeout: Double = 20) throws -> String {
            try pty.type(command + "\r")
            var shown = ""
            if let output { shown += try pty.expect(output, timeout: timeout) }
            shown += try pty.expect("[\(number)] shallow> ", timeout: timeout)
            return shown
        }

        /// Ctrl-D at an empty prompt; returns the exit status.
        func quit() throws -> Int32 {
            try pty.type("\u{04}")
            return try pty.waitForExit(timeout: 10)
        }

        func history() throws -> [String] {
            try String(contentsOf: historyFile, encoding: .utf8).split(separator: "\n").map(String.init)
        }
    }

    static func environment(home: URL, term: String = "dumb", colour: Bool = false) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for key in ["COLUMNS", "LINES", "NO_COLOR", "INPUTRC", "TERMINFO"] { environment.removeValue(forKey: key) }
        environment["HOME"] = home.path
        environment["TERM"] = term
        // An empty init file of the test's own, not /dev/null: a test elsewhere that (wrongly) replaced
        // /dev/null with a regular file once fed readline key bindings that swallowed typed keys with bells.
        let inputrc = home.appendingPathComponent(".inputrc")
        _ = FileManager.default.createFile(atPath: inputrc.path, contents: Data())
        environment["INPUTRC"] = inputrc.path
        if !colour { environment["NO_COLOR"] = "1" }
        return environment
    }

    /// Starts `shallow` on a pty and waits for the first prompt.
    static func start(home: URL? = nil, term: String = "dumb", colour: Bool = false,
                      separateStderr: Bool = false) throws -> REPLSession {
        let home = try home ?? Binary.temporaryDirectory()
        let pty = try PseudoTerminal(path: Binary.path, environment: environment(home: home, term: term, colour: colour),
                                     directory: home.path, separateStderr: separateStderr)
        try pty.expect("[1] shallow> ", timeout: 20)
        return REPLSession(home: home, pty: pty)
    }

    // Scenario 6: the prompt counts cells.
    @Test func thePromptShowsTheCellNumber() throws {
        let repl = try Self.start()
        defer { repl.pty.close() }
        let banner = repl.pty.terminal.plainText
        #expect(banner.contains("type 'help' for commands, Ctrl-D to quit"))
        #expect(banner.hasSuffix("\r\n[1] shallow> "))
        try repl.run("set lr 0.5", expecting: "learning rate: 0.5", prompt: 2)
        try repl.run("set hidden 3", prompt: 3)
        // A failing command is a cell too (the notebook records it, marked as failed).
        try repl.run("init", expecting: "error: init: no data loaded", prompt: 4)
        // An empty line is not a cell.
        try repl.run("", prompt: 4)
        #expect(try repl.quit() == 0)
    }

    // Scenario 1: Tab completes a command's sub-word, and the completed line runs.
    @Test func tabCompletesShowShToShowShapes() throws {
        let repl = try Self.start()
        defer { repl.pty.close() }
        try repl.run("load flower", expecting: "flower: 400 examples", prompt: 2)
        try repl.run("init", expecting: "initialised 2 → 4 tanh → 1 sigmoid", prompt: 3)
        try repl.pty.type("show sh")
        try repl.pty.expect("show sh")
        try repl.pty.type("\t")
        // Readline inserts the rest of the word and a space: the line now reads `show shapes `.
        let completed = try repl.pty.expect("apes ")
        #expect(completed == "apes ", "after Tab the terminal showed \(completed.debugDescription)")
        try repl.pty.type("\r")
        try repl.pty.expect("Z1 = W1·X + b1      (4, 400) = (4, 2)·(2, 400) + (4, 1)")
        try repl.pty.expect("A2 = sigmoid(Z2)")
        try repl.pty.expect("[4] shallow> ")
        // An option name: `init random sc` → `scale=`, with no space after the `=`.
        try repl.pty.type("init random sc")
        try repl.pty.expect("init random sc")
        try repl.pty.type("\t")
        #expect(try repl.pty.expect("ale=") == "ale=")
        try repl.pty.type("0.5\r")
        try repl.pty.expect("with random scale=0.5")
        try repl.pty.expect("[5] shallow> ")
        #expect(try repl.quit() == 0)
        // (Completion appends a space, and the line is kept as typed: compare without trailing blanks.)
        let history = try repl.history().map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(history == ["load flower", "init", "show shapes", "init random scale=0.5"])
    }

    // Completion of a path with a space quotes what it inserts, goes on inside the quotes, and the line runs.
    @Test func tabCompletesPathsWithSpacesInQuotes() throws {
        let home = try Binary.temporaryDirectory()
        try FileManager.default.createDirectory(at: home.appendingPathComponent("data dir"), withIntermediateDirectories: true)
        try "a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n".write(to: home.appendingPathComponent("data dir/points.csv"), atomically: true, encoding: .utf8)
        let repl = try Self.start(home: home)
        defer { repl.pty.close() }
        try repl.pty.type("load da")
        try repl.pty.type("\t")
        try repl.pty.expect("\"data dir/")
        try repl.pty.type("\t")
        try repl.pty.expect("points.csv\" ")
        try repl.pty.type("\r")
        try repl.pty.expect("points.csv: 4 examples")
        try repl.pty.expect("[2] shallow> ")
        // `help <Tab>` offers the commands; `help sh<Tab>` completes to `show`.
        try repl.pty.type("help sh")
        try repl.pty.type("\t")
        try repl.pty.expect("ow ")
        try repl.pty.type("sha")
        try repl.pty.type("\t")
        try repl.pty.expect("pes ")
        try repl.pty.type("\r")
        try repl.pty.expect("usage: show shapes")
        try repl.pty.expect("[3] shallow> ")
        #expect(try repl.quit() == 0)
    }

    // One loop: each statement typed at the prompt prints what the same statement prints in a script (the
    // script's `> statement` echo is the typed line here). Errors go to stderr in both, as one line.
    @Test func thePromptPrintsWhatAScriptPrints() throws {
        let statements = ["load flower n=80 seed=4", "set hidden 3", "init random scale=0.5 seed=2", "train 40 every=20",
                          "set lr -1", "accuracy", "show shapes"]
        let home = try Binary.temporaryDirectory()
        let script = try Binary.run(["--keep-going", "-e", statements.joined(separator: "; ")], directory: home)
        // The script's transcript, cut into the output of each statement.
        var expected: [String: [String]] = [:]
        var current = ""
        for line in withoutTimings(script.stdout).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("> ") { current = String(line.dropFirst(2)); expected[current] = [] } else if !line.isEmpty { expected[current, default: []].append(line) }
        }
        #expect(expected["show shapes", default: []].count == 9 && expected["accuracy", default: []].count == 1)
        let repl = try Self.start(home: home)
        defer { repl.pty.close() }
        for (index, statement) in statements.enumerated() {
            let shown = try repl.run(statement, prompt: index + 2)
            // What the terminal showed after the typed line, up to the next prompt.
            let lines = withoutTimings(shown.replacingOccurrences(of: "\r\n", with: "\n")).split(separator: "\n").map(String.init)
            let output = lines.filter { !$0.isEmpty && !$0.hasSuffix(statement) && !$0.hasPrefix("[") && !$0.hasPrefix("error: ") }
            #expect(output == expected[statement, default: []], "\(statement)")
        }
        #expect(repl.pty.terminal.plainText.contains("error: set lr: -1 is out of range, expected a number from 0 to 1000000"))
        #expect(try repl.quit() == 0)
    }

    // Scenarios 2 and 5: history is saved on Ctrl-D, without repeats in a row, and read by the next session.
    @Test func historyPersistsAcrossSessions() throws {
        let first = try Self.start()
        defer { first.pty.close() }
        try first.run("load flower", expecting: "flower: 400 examples", prompt: 2)
        try first.run("set lr 0.5", expecting: "learning rate: 0.5", prompt: 3)
        try first.run("set lr 0.5", expecting: "learning rate: 0.5", prompt: 4)
        #expect(try first.quit() == 0)
        #expect(try first.history() == ["load flower", "set lr 0.5"])

        let second = try Self.start(home: first.home)
        defer { second.pty.close() }
        try second.pty.type("\u{1B}[A")
        try second.pty.expect("set lr 0.5")
        try second.pty.type("\r")
        try second.pty.expect("learning rate: 0.5")
        try second.pty.expect("[2] shallow> ")
        // Two presses of Up from a fresh line reach the entry before.
        try second.pty.type("\u{1B}[A\u{1B}[A")
        try second.pty.expect("load flower")
        try second.pty.type("\r")
        try second.pty.expect("flower: 400 examples")
        try second.pty.expect("[3] shallow> ")
        #expect(try second.quit() == 0)
        // The repeated `set lr 0.5` was not added again; `load flower` is not a repeat of the line before it.
        #expect(try second.history() == ["load flower", "set lr 0.5", "load flower"])
    }

    // Scenario 2, the other half: commands from a pipe never touch the history file.
    @Test func nothingIsWrittenToHistoryFromAPipe() throws {
        let home = try Binary.temporaryDirectory()
        let piped = try Binary.run([], stdin: "load flower\nset lr 0.5\n", environment: ["HOME": home.path])
        #expect(piped.status == 0)
        #expect(piped.stdout.contains("learning rate: 0.5"))
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent(".shallow_history").path))
    }

    // Scenario 3: Ctrl-C stops a long `train` promptly, keeps the model, and the session goes on.
    @Test func ctrlCInterruptsTrainingAndKeepsTheModel() throws {
        let repl = try Self.start()
        defer { repl.pty.close() }
        try repl.run("load flower", expecting: "flower: 400 examples", prompt: 2)
        try repl.run("init", expecting: "initialised", prompt: 3)
        try repl.pty.type("train 100000000\r")
        try repl.pty.expect("iteration  cost")
        try repl.pty.expect("        0  0.693048")
        repl.pty.drain(for: 0.5)
        let pressed = PseudoTerminal.now()
        try repl.pty.send("\u{03}")
        let shown = try repl.pty.expect("parameters kept", timeout: 10)
        let latency = PseudoTerminal.now() - pressed
        print("InteractiveTests: Ctrl-C during train → 'interrupted at iteration' after \(String(format: "%.1f", latency * 1000)) ms")
        // Promptness (the issue asks for 0.2 s; 0.3–0.7 ms is typical here) is printed above; the bound only catches a
        // Ctrl-C that is ignored until training ends, without failing on a machine busy with another test run.
        #expect(latency < 5.0)
        let match = try #require(shown.firstMatch(of: /interrupted at iteration (\d+); cost \d+\.\d+; parameters kept/),
                                 "in \(shown.debugDescription)")
        let iteration = try #require(Int(match.1))
        #expect(iteration > 0 && iteration < 100_000_000)
        try repl.pty.expect("[4] shallow> ")
        // The parameters trained so far are kept: accuracy uses them, and training resumes from there.
        let accuracy = try repl.run("accuracy", expecting: "training accuracy: ", prompt: 5)
        #expect(accuracy.contains("training accuracy: "))
        // …and the interrupt is not left pending: the next `train` runs to the end.
        try repl.run("train 10", expecting: "final cost after \(iteration + 10) iterations", prompt: 6)
        #expect(try repl.quit() == 0)
    }

    // Scenario 4: Ctrl-C at the prompt throws away the typed line and gives a fresh prompt.
    @Test func ctrlCAtThePromptClearsTheLine() throws {
        let repl = try Self.start()
        defer { repl.pty.close() }
        try repl.pty.type("load flo")
        try repl.pty.expect("load flo")
        try repl.pty.type("\u{03}")
        try repl.pty.expect("[1] shallow> ")
        try repl.pty.type("init\r")
        // Had `load flo` survived, the line would be `load floinit` (an unknown dataset), or `load flo` would have run.
        let shown = try repl.pty.expect("error: init: no data loaded")
        #expect(!shown.contains("flower: 400 examples"))
        try repl.pty.expect("[2] shallow> ")
        // Still alive and well, and the Ctrl-C was not left pending for the next long command to see.
        try repl.run("load flower", expecting: "flower: 400 examples", prompt: 3)
        try repl.run("init", expecting: "initialised", prompt: 4)
        try repl.run("train 10", expecting: "final cost after 10 iterations", prompt: 5)
        #expect(try repl.quit() == 0)
        #expect(try repl.history() == ["init", "load flower", "init", "train 10"])
    }

    // Scenario 5: Ctrl-D exits with status 0, ends the line, and saves the history.
    @Test func ctrlDExitsCleanlyAndSavesHistory() throws {
        let repl = try Self.start()
        defer { repl.pty.close() }
        try repl.run("set seed 7", prompt: 2)
        try repl.pty.type("\u{04}")
        #expect(try repl.pty.waitForExit(timeout: 10) == 0)
        #expect(repl.pty.terminal.plainText.hasSuffix("[2] shallow> \r\n"))
        #expect(try repl.history() == ["set seed 7"])
        // `quit` does the same.
        let again = try Self.start(home: repl.home)
        defer { again.pty.close() }
        try again.pty.type("quit\r")
        #expect(try again.pty.waitForExit(timeout: 10) == 0)
        #expect(try again.history() == ["set seed 7", "quit"])
    }

    // Scenario 7: on a terminal `train` shows one updating progress line on stderr (≤ 10 refreshes a second),
    // cleared when training ends; stdout carries only the transcript.
    @Test func trainShowsAProgressLineOnStderrOfATerminal() throws {
        let repl = try Self.start(separateStderr: true)
        defer { repl.pty.close() }
        let stderr = try #require(repl.pty.errors)
        try repl.run("load flower", prompt: 2)
        try repl.run("init", prompt: 3)
        try repl.pty.type("train 100000000\r")
        try repl.pty.expect("        0  0.693048")
        let started = PseudoTerminal.now()
        try repl.pty.expect(" it/s · ETA ", timeout: 10, on: stderr)
        repl.pty.drain(for: 1.0)
        try repl.pty.send("\u{03}")
        try repl.pty.expect("interrupted at iteration")
        try repl.pty.expect("[4] shallow> ")
        let elapsed = PseudoTerminal.now() - started
        repl.pty.drain(for: 0.2)   // the two ptys deliver independently: let stderr catch up
        let progress = stderr.rawText
        let updates = progress.components(separatedBy: "\r\u{1B}[Kiteration ").count - 1
        #expect(updates >= 3, "progress on stderr: \(progress.debugDescription)")
        #expect(Double(updates) <= 10 * elapsed + 2, "\(updates) refreshes in \(elapsed) s")
        let pattern = /\r\x1B\[Kiteration \d+\/100000000 · cost \d+\.\d+ · \d+ it\/s · ETA [^\r]+/
        #expect(progress.contains(pattern))
        // Cleared before the transcript goes on.
        #expect(progress.hasSuffix("\r\u{1B}[K"))
        // stdout has the table and the summary only.
        let transcript = repl.pty.terminal.plainText
        #expect(!transcript.contains("ETA"))
        #expect(!transcript.contains("/100000000"))
        #expect(try repl.quit() == 0)
    }

    // Scenario 7, the other half: through pipes there is no progress line and nothing on stderr.
    @Test func pipesGetNoProgressLine() throws {
        let home = try Binary.temporaryDirectory()
        let started = PseudoTerminal.now()
        let piped = try Binary.run([], stdin: "load flower\ninit\ntrain 2000\naccuracy\n", environment: ["HOME": home.path])
        let seconds = PseudoTerminal.now() - started
        #expect(piped.status == 0)
        #expect(piped.stderr == "", "stderr of a piped run: \(piped.stderr.debugDescription)")
        #expect(!piped.stdout.contains("\r"))
        #expect(!piped.stdout.contains("ETA"))
        #expect(piped.stdout.contains("final cost after 2000 iterations"))
        print("InteractiveTests: piped train 2000 took \(String(format: "%.2f", seconds)) s")
    }

    // Colour: only on a terminal, and NO_COLOR turns it off.
    @Test func colourOnATerminalUnlessNoColor() throws {
        let coloured = try Self.start(term: "xterm", colour: true)
        defer { coloured.pty.close() }
        try coloured.run("init", expecting: "no data loaded", prompt: 2)
        #expect(coloured.pty.terminal.rawText.contains("\u{1B}[36m[1] shallow>\u{1B}[0m "))
        #expect(coloured.pty.terminal.rawText.contains("\u{1B}[31merror:\u{1B}[0m init: no data loaded"))
        #expect(try coloured.quit() == 0)

        let plain = try Self.start(term: "xterm", colour: false)
        defer { plain.pty.close() }
        try plain.run("init", expecting: "error: init: no data loaded", prompt: 2)
        #expect(!plain.pty.terminal.rawText.contains("\u{1B}[36m"))
        #expect(!plain.pty.terminal.rawText.contains("\u{1B}[31m"))
        #expect(try plain.quit() == 0)
    }
}
