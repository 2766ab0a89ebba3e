import Foundation
import Testing

/// `set preview`: sixel images for terminals that say they show them (the Device Attributes query), text
/// for those that do not answer, and never an escape byte where stdout is not a terminal.
@Suite(.serialized) struct PreviewTests {
    static let query = Array("\u{1B}[c".utf8)
    static let dcs = Array("\u{1B}P".utf8)

    /// `shallow` on a pty with the REPL's test environment plus `extra`, at its first prompt.
    static func start(_ extra: [String: String] = [:]) throws -> InteractiveTests.REPLSession {
        let home = try Binary.temporaryDirectory()
        var environment = InteractiveTests.environment(home: home)
        environment.removeValue(forKey: "SHALLOW_PREVIEW")
        for (key, value) in extra { environment[key] = value }
        let pty = try PseudoTerminal(path: Binary.path, environment: environment, directory: home.path)
        try pty.expect("[1] shallow> ", timeout: 20)
        return InteractiveTests.REPLSession(home: home, pty: pty)
    }

    static func trained(_ repl: InteractiveTests.REPLSession) throws {
        try repl.run("load flower n=100", prompt: 2)
        try repl.run("init", prompt: 3)
        try repl.run("train 100", expecting: "final cost", prompt: 4)
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int = 0) -> Int? {
        guard bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        return (start...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    // A terminal that answers the query with sixel support (parameter 4): the plot is shown as an image.
    @Test func aSixelTerminalGetsAnImage() throws {
        // A generous timeout: the test, not a person's terminal, answers, on a busy machine.
        let repl = try Self.start(["SHALLOW_QUERY_TIMEOUT_MS": "5000"])
        defer { repl.pty.close() }
        try Self.trained(repl)
        let mark = repl.pty.terminal.raw.count
        try repl.pty.type("plot cost\r")
        let deadline = PseudoTerminal.now() + 20
        while Self.find(Self.query, in: repl.pty.terminal.raw, from: mark) == nil {
            #expect(PseudoTerminal.now() < deadline, "no Device Attributes query")
            if PseudoTerminal.now() > deadline { return }
            repl.pty.pump(timeout: 0.01)
        }
        try repl.pty.send("\u{1B}[?62;4;22c")
        try repl.pty.expect("wrote plots/cost.png", timeout: 20)
        try repl.pty.expect("[5] shallow> ", timeout: 20)
        let raw = Array(repl.pty.terminal.raw[mark...])
        let start = try #require(Self.find(Self.dcs, in: raw))
        let q = try #require(raw[start...].firstIndex(of: UInt8(ascii: "q")))
        let end = try #require(Self.find(Array("\u{1B}\\".utf8), in: raw, from: q))
        #expect(end - start > 1000, "a sixel image of some size")
        // The answer was consumed by the query, not typed at the prompt; a second plot asks no more.
        #expect(!repl.pty.terminal.plainText.contains("62;4;22"))
        let second = repl.pty.terminal.raw.count
        try repl.run("plot data", expecting: "wrote plots/data.png", prompt: 6)
        let rest = Array(repl.pty.terminal.raw[second...])
        #expect(Self.find(Self.query, in: rest) == nil)
        #expect(Self.find(Self.dcs, in: rest) != nil)
        #expect(try repl.quit() == 0)
    }

    // A terminal that does not answer: after the short timeout, the text preview, and no image.
    @Test func aSilentTerminalGetsText() throws {
        let repl = try Self.start()
        defer { repl.pty.close() }
        try Self.trained(repl)
        let mark = repl.pty.terminal.raw.count
        try repl.run("plot cost", expecting: "training cost", prompt: 5)
        let raw = Array(repl.pty.terminal.raw[mark...])
        #expect(Self.find(Self.query, in: raw) != nil)
        #expect(Self.find(Self.dcs, in: raw) == nil)
        #expect(try repl.quit() == 0)
    }

    // SHALLOW_PREVIEW decides instead of the terminal: no query at all.
    @Test func theEnvironmentOverridesTheQuery() throws {
        let repl = try Self.start(["SHALLOW_PREVIEW": "text"])
        defer { repl.pty.close() }
        try Self.trained(repl)
        let mark = repl.pty.terminal.raw.count
        try repl.run("plot cost", expecting: "training cost", prompt: 5)
        let raw = Array(repl.pty.terminal.raw[mark...])
        #expect(Self.find(Self.query, in: raw) == nil && Self.find(Self.dcs, in: raw) == nil)
        #expect(try repl.quit() == 0)
    }

    // stdout a pipe: `set preview image` gives text, and not one escape byte is written.
    @Test func aPipeGetsNoEscapes() throws {
        let home = try Binary.temporaryDirectory()
        let result = try Binary.run([], stdin: "load flower n=100\ninit\ntrain 50\nset preview image\nplot cost\nplot boundary res=100\n",
                                    directory: home, environment: ["SHALLOW_PREVIEW": "image"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("preview: image (not a terminal here: text)"))
        #expect(result.stdout.contains("training cost") && result.stdout.contains("region, point: . o 0"))
        #expect(!result.stdout.utf8.contains(0x1B) && !result.stderr.utf8.contains(0x1B))
    }

    /// The cost table's rows (`iteration  cost`) in what the terminal showed, each line taken after its last
    /// carriage return (the progress line shares the terminal).
    static func tableRows(_ text: String) -> [String] {
        // "\r\n" is one Character in Swift: made a plain "\n" first, so that lines split.
        text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").compactMap { line in
            let shown = line.split(separator: "\r", omittingEmptySubsequences: true).last.map(String.init) ?? ""
            let words = shown.split(separator: " ")
            guard words.count == 2, Int(words[0]) != nil, words[1].contains("."), Double(words[1]) != nil else { return nil }
            return shown
        }
    }

    // `train N live` at a terminal: the same table as `train N`; the view is drawn (and redrawn) meanwhile.
    @Test func liveTrainingPrintsTheSameCosts() throws {
        let repl = try Self.start(["SHALLOW_PREVIEW": "text"])
        defer { repl.pty.close() }
        try repl.run("load flower", prompt: 2)
        var prompt = 3
        var tables: [[String]] = []
        for command in ["train 200", "train 200 live", "train 100000 every=10000", "train 100000 every=10000 live"] {
            try repl.run("init", prompt: prompt)
            let shown = try repl.run(command, expecting: "final cost", prompt: prompt + 1, timeout: 60)
            tables.append(Self.tableRows(shown))
            prompt += 2
        }
        #expect(tables[0].count == 11 && tables[0] == tables[1], "\(tables)")
        #expect(tables[2].count == 11 && tables[2] == tables[3])
        // 100,000 iterations take long enough (about a second) for the view to appear.
        #expect(repl.pty.terminal.plainText.contains("decision boundary at iteration"))
        #expect(try repl.quit() == 0)
    }

    // Not at a terminal: said once, and the run is the same.
    @Test func liveOffATerminalSaysSoOnce() throws {
        let home = try Binary.temporaryDirectory()
        let plain = try Binary.run(["-e", "load flower; init; train 200"], directory: home)
        let live = try Binary.run(["-e", "load flower; init; train 200 live; train 10 live"], directory: home)
        let note = "live view needs an interactive terminal; training without it"
        #expect(live.stdout.components(separatedBy: note).count == 2)
        #expect(Self.tableRows(plain.stdout) == Array(Self.tableRows(live.stdout).prefix(11)))
        #expect(!live.stdout.utf8.contains(0x1B))
    }
}
