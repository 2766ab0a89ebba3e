// libFuzzer target: the command interpreter (lex + parse + execute) on a session that already
// has data (`load flower n=40`) and a model (`init`).
//
// The fuzzer's bytes are turned into a command line in one of two ways:
// - a first byte `!` (0x21): the rest is the line itself (UTF-8, invalid bytes replaced), so the
//   seed corpus can hold readable lines and libFuzzer mutates raw text (lexer, quotes, `;`, `#`);
// - any other first byte: the bytes are read as choices in the command grammar, which comes from
//   the command declarations themselves (CommandCatalog: words, parameters and their kinds,
//   options, flags, `to FILE`), with extreme values (1e308, -0, nan, 99999999999, min-1, max+1),
//   quoting, `;`, `#`, control bytes and long repeats mixed in.
// Sizes that cost time (train N, n=, iters=, res=, hidden sizes, ...) are generated in range
// only up to a small cap, and out of range freely: the product is not changed, the generator keeps
// iterations cheap. Every path the generator writes is inside a fresh temporary folder, which is
// also the working directory and the plot folder.
// Each statement has 3 seconds before it is stopped as Ctrl-C would stop it (long training is not a hang),
// and a line 8 seconds: the statements past that are not run.
// SHALLOW_FUZZ_PRINT=1 prints each generated line on stderr (to turn a crash input into a command).
// A thrown error is a correct answer; only a crash, a sanitizer report or a hang is a finding — and a
// failing statement that changed the session: the line runs statement by statement (keep-going), and
// after each one that fails, settings, data, split, scaling and model must be as before it, apart from
// the one failed cell appended (`fatalError("state changed by failing statement: …")` otherwise).

import Foundation
import FuzzerDriver
import Datasets
import Notebook

/// The fuzzer's bytes as a stream of choices; past the end every choice is 0.
struct Choices {
    var bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    mutating func byte() -> UInt8 {
        defer { position += 1 }
        return position < bytes.count ? bytes[position] : 0
    }
    var exhausted: Bool { position >= bytes.count }
    /// A choice in 0..<count.
    mutating func below(_ count: Int) -> Int { count <= 1 ? 0 : Int(byte()) % count }
    /// True with probability about `percent` %.
    mutating func chance(_ percent: Int) -> Bool { Int(byte()) * 100 < percent * 256 }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Builds command lines from the catalog of command declarations.
struct LineGenerator {
    let folder: String
    let specs = CommandCatalog.all

    /// Parameters and options whose in-range values cost time: capped in range, free out of range.
    static let costly: [String: Int] = [
        "train N": 60, "load n": 120, "sweep hidden iters": 30, "sweep hidden SIZES": 8, "plot boundary res": 40,
        "plot boundary h": 0, "plot neurons res": 30, "set hidden SIZES": 12, "set batch SIZE": 64, "load features": 20,
    ]

    static let numberTexts = [
        "0", "-0", "1", "-1", "0.5", "1.2", "2", "1e308", "-1e308", "1e309", "1e-308", "5e-324", "4.9e-324",
        "nan", "NaN", "-nan", "inf", "-inf", "infinity", "99999999999", "-99999999999", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "0x1p3", "0x", "1e", "--1", "+1", ".5", "5.", "1_000",
        "١", "1,5", "0.0000001", "1e-7", "3.14159", "",
    ]
    static let texts = [
        "label", "x", "x1", "0", "1", "2", "-1", "last", "1,2", "2,1", "1,3", "0,0", "1,99999999999", "a b", "é",
        "'", "\"", "\\", "`id`", "@x", "%s%n", "$(id)", "\u{1}", "\u{7f}", "\u{0}", "\u{202e}", "😀",
        String(repeating: "A", count: 300), String(repeating: "'\"", count: 50),
    ]
    static let datasets = ["flower", "circle", "xor", "gauss", "spiral", "moons", "circles", "blobs", "quantiles",
                           "nested", "test", "model", "iris"]
    static let specialPaths = ["/dev/null", "/dev/zero", "/proc/self/status", "/", ".", "..", "", "/nonexistent/x.csv"]

    /// Seed files the generated paths can name (written once, in `folder`).
    static let files: [(name: String, text: String)] = [
        ("good.csv", "x1,x2,label\n0.1,0.2,a\n0.3,-0.1,b\n1,2,a\n-1,0.5,b\n0.2,0.2,a\n"),
        ("numbers.csv", "1,2,0\n3,4,1\n5,6,0\n7,8,1\n"),
        ("three.csv", "a;b;c;y\n1;2;3;0\n4;5;6;1\n7;8;9;2\n1;1;1;0\n"),
        ("bad.csv", "a,b\n1,\"x\n"),
        ("script.nn", "load xor n=20\ninit\ntrain 5\n"),
        ("self.nn", "run self.nn\n"),
        ("model.json", "{}\n"),
    ]

    /// A path inside the folder (relative or absolute, sometimes odd), or a read-only special file.
    func path(_ c: inout Choices, extensions: [String]) -> String {
        if c.chance(8) { return c.pick(Self.specialPaths) }
        if c.chance(30) { return c.pick(Self.files.map(\.name)) }
        let base = c.pick(["out", "a b", "x'y", "d;e", "q\"r", "sub/dir/f", "#h", "plots", "good", "script", "model",
                           String(repeating: "n", count: 300)])
        let ext = c.chance(80) && !extensions.isEmpty ? c.pick(extensions)
            : c.pick(["png", "svg", "pdf", "gif", "csv", "json", "nn", "md", "ipynb", "txt", ""])
        let name = ext.isEmpty ? base : base + "." + ext
        return c.chance(50) ? name : folder + "/" + name
    }

    /// Sizes whose declared maximum is cheap to *refuse* (the product estimates memory first) but
    /// not to run: the generator names the maximum now and then (1 in 16), other in-range values small.
    /// (Not the sweep's sizes: `sweep hidden 10000` on the fuzz session's 40 examples fits in memory, so it is
    /// not refused but trains 5,000 iterations of a 10,000-unit network — legitimately slow, a time-out in the
    /// smoke run, not a bug. Its refusal on large data is tested in HostileCommandTests.)
    static let refusedWhenHuge: Set<String> = ["set hidden SIZES"]

    func integerText(_ c: inout Choices, min: Int, max: Int, cap: Int?, key: String = "") -> String {
        let top = cap.map { Swift.min(max, Swift.max(min, $0)) } ?? max
        if Self.refusedWhenHuge.contains(key) && c.below(16) == 15 { return String(max) }
        switch c.below(8) {
        case 0: return String(min)
        case 1: return top == max ? String(max) : String(top)
        case 2: return min == Int.min ? "-99999999999999999999" : String(min - 1)
        case 3: return max == Int.max ? "99999999999999999999" : String(max + 1)
        case 4, 5: return String(min + c.below(Swift.max(1, Swift.min(top - min + 1, 256))))
        default: return c.pick(Self.numberTexts)
        }
    }

    func numberText(_ c: inout Choices, min: Double, max: Double, cheap: Bool) -> String {
        switch c.below(7) {
        case 0 where cheap && min.isFinite: return "\(min)"
        case 1 where cheap && max.isFinite: return "\(max)"
        case 2 where min.isFinite: return "\(min.nextDown)"
        case 3 where max.isFinite: return "\(max.nextUp)"
        case 4 where min.isFinite && max.isFinite && cheap: return "\((min + max) / 2)"
        default: return c.pick(Self.numberTexts)
        }
    }

    /// A value of `kind`; `key` names it in `costly`.
    func value(_ kind: ValueKind, key: String, _ c: inout Choices) -> String {
        let cap = Self.costly[key]
        switch kind {
        case .integer(let min, let max):
            return integerText(&c, min: min, max: max, cap: cap)
        case .number(let min, let max):
            return numberText(&c, min: min, max: max, cheap: cap == nil)
        case .choice(let words, let parameterised):
            var word = c.chance(90) ? c.pick(words) : c.pick(words).uppercased()
            if c.chance(parameterised.contains(word) ? 50 : 8) { word += "=" + c.pick(Self.numberTexts) }
            return word
        case .integers(let min, let max):
            return (0...c.below(4)).map { _ in integerText(&c, min: min, max: max, cap: cap, key: key) }
                .joined(separator: " ")
        case .numbers:
            return (0...c.below(5)).map { _ in numberText(&c, min: -.infinity, max: .infinity, cheap: true) }
                .joined(separator: " ")
        case .path(let extensions):
            return path(&c, extensions: extensions)
        case .numbersOrPath(let extensions):
            if c.chance(30) { return c.chance(50) ? c.pick(Self.files.map(\.name)) : path(&c, extensions: extensions) }
            return (0...c.below(5)).map { _ in numberText(&c, min: -.infinity, max: .infinity, cheap: true) }
                .joined(separator: " ")
        case .datasetOrPath:
            return c.chance(60) ? c.pick(Self.datasets) : path(&c, extensions: ["csv"])
        case .numberOr(let words, let min, let max):
            return c.chance(40) ? c.pick(words) : numberText(&c, min: min, max: max, cheap: true)
        case .text:
            return c.pick(Self.texts)
        case .words:
            return (0...c.below(3)).map { _ in c.pick(c.pick(specs).words) }.joined(separator: " ")
        case .integerOr(let words, let min):
            return c.chance(40) ? c.pick(words) : integerText(&c, min: min, max: Int.max, cap: cap ?? 1000)
        }
    }

    /// A token as typed: bare, or quoted ("..." with escapes, '...' literally), sometimes broken.
    func token(_ text: String, _ c: inout Choices) -> String {
        switch c.below(20) {
        case 0:
            return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case 1: return "'" + text + "'"
        case 2: return "\"" + text  // unterminated
        case 3: return text + String(Character(Unicode.Scalar(c.pick([0, 1, 7, 8, 9, 10, 13, 27, 127] as [UInt8]))))
        default: return text
        }
    }

    func statement(_ c: inout Choices) -> String {
        let spec = c.pick(specs)
        var parts = spec.words
        if c.chance(4) { parts[parts.count - 1] = String(parts[parts.count - 1].dropLast()) }  // a typo
        for parameter in spec.parameters where !(parameter.optional && c.chance(40)) {
            parts.append(token(value(parameter.kind, key: spec.name + " " + parameter.name, &c), &c))
        }
        for option in spec.options where c.chance(35) {
            parts.append(token(option.key + "=" + value(option.kind, key: spec.name + " " + option.key, &c), &c))
        }
        for flag in spec.flags where c.chance(30) { parts.append(flag) }
        if spec.acceptsOutputPath && c.chance(40) {
            parts += ["to", token(path(&c, extensions: ["png", "svg", "pdf", "gif"]), &c)]
        }
        if c.chance(5) { parts.append(c.pick(Self.texts)) }  // one argument too many
        if c.chance(3) { parts.swapAt(0, parts.count - 1) }
        return parts.joined(separator: c.chance(10) ? "  \t" : " ")
    }

    /// Commands that use what the statements before them set up (most settings act only at `init`).
    static let followUps = ["init", "train 3", "train 2 loop", "cost", "accuracy", "score", "show shapes", "show params",
                            "gradcheck", "predict 0.5 -0.5", "plot boundary res=20", "plot cost", "plot neurons res=20",
                            "save model m.json; load model m.json", "save data d.csv; load d.csv", "report test"]

    func line(_ c: inout Choices) -> String {
        var statements = [statement(&c)]
        while statements.count < 4 && c.chance(30) { statements.append(statement(&c)) }
        if c.chance(30) { statements.append(c.pick(Self.followUps)) }
        if c.chance(15) { statements.append(c.pick(Self.followUps)) }
        var line = statements.joined(separator: c.pick(["; ", ";", " ;; ", ";\n"]))
        if c.chance(8) { line += " # " + c.pick(Self.texts) }
        if c.chance(3) { line = String(repeating: line + ";", count: 1 + c.below(20)) }
        if c.chance(3) { line = c.pick(["#", ";", "\"", "'", "\\"]) + line }
        return line
    }
}

/// The shared state: the temporary folder, the generator and the prepared session.
struct Harness {
    let generator: LineGenerator
    let session: Session
    let printLines = ProcessInfo.processInfo.environment["SHALLOW_FUZZ_PRINT"] != nil

    init() {
        let template = NSTemporaryDirectory() + "/shallow-fuzz-commands-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else { fatalError("cannot create a temporary folder") }
        let folder = String(cString: made)
        for file in LineGenerator.files {
            _ = FileManager.default.createFile(atPath: folder + "/" + file.name, contents: Data(file.text.utf8))
        }
        // Relative paths land in the folder too.
        guard chdir(folder) == 0 else { fatalError("cannot enter \(folder)") }
        generator = LineGenerator(folder: folder)
        var session = Session()
        session.settings.plotDirectory = folder + "/plots"
        session.settings.preview = .off
        do {
            try Interpreter().run(line: "load flower n=40; init", session: &session, context: Context())
        } catch {
            fatalError("cannot prepare the session: \(error)")
        }
        self.session = session
        FileHandle.standardError.write(Data("FuzzCommands: working in \(folder)\n".utf8))
    }
}

nonisolated(unsafe) var harness: Harness?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommands(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    if harness == nil { harness = Harness() }
    guard let harness, let data else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let line: String
    if size > 0 && bytes[0] == UInt8(ascii: "!") {
        line = String(decoding: bytes.dropFirst(), as: UTF8.self)
    } else {
        var choices = Choices(bytes: bytes)
        line = harness.generator.line(&choices)
    }
    if harness.printLines { FileHandle.standardError.write(Data("line: \(line.debugDescription)\n".utf8)) }
    var session = harness.session
    runCheckingFailures(line, session: &session)
    return 0
}

/// What a failing statement must leave as it was: everything in the session but its cells. Doubles are
/// compared by bit pattern (a NaN parameter equals itself), settings by their description (the same reason).
struct StateSnapshot: Equatable {
    var settings: String
    var dataset: String?
    var data: [UInt64]
    var split: String?
    var scaling: String?
    var scaler: [UInt64]?
    var model: String?
    var parameters: [UInt64]
    var modelScaler: [UInt64]?

    init(_ s: Session) {
        settings = String(describing: s.settings)
        dataset = s.dataset.map {
            "\($0.name) \($0.X.rows)×\($0.X.cols) \($0.Y.rows)×\($0.Y.cols) \($0.featureNames) \(String(describing: $0.classNames)) \($0.labelName)"
        }
        data = (s.dataset?.X.elements ?? []).map(\.bitPattern) + (s.dataset?.Y.elements ?? []).map(\.bitPattern)
        split = s.split.map { "\($0.train) \($0.test) \($0.fraction.bitPattern) \($0.seed)" }
        scaling = s.scaling.map(\.rawValue)
        scaler = s.scaler.map { [UInt64($0.method.rawValue.count)] + ($0.offset + $0.scale).map(\.bitPattern) }
        model = s.model.map {
            "\($0.architecture) it=\($0.iteration) costs=\($0.costs.count) tests=\($0.testCosts.count) \($0.initialization) \($0.initSeed) \($0.featureNames) \(String(describing: $0.classNames)) \($0.labelName)"
        }
        parameters = s.model?.network.layers.flatMap { ($0.W.elements + $0.b.elements).map(\.bitPattern) } ?? []
        modelScaler = s.model?.scaler.map { ($0.offset + $0.scale).map(\.bitPattern) }
    }
}

/// Runs `line` as `--keep-going` does, one statement at a time, and checks that each failing statement
/// changed nothing but the cells (one failed cell more). A `run FILE` whose script fails part-way keeps
/// the effect of the statements before the failure (it appends several cells): not checked.
func runCheckingFailures(_ line: String, session: inout Session) {
    let interpreter = Interpreter(keepGoing: true)
    let pieces: [String]
    if let statements = try? Lexer.statements(line) {
        pieces = statements.map(\.text)
    } else {
        pieces = [line]  // one failed cell: a line that cannot be lexed
    }
    // A raw line can repeat a costly statement hundreds of times ("sweep lr 1e-308;" × 19 took 21 s):
    // legitimately long work, not a hang, so the whole line has a budget too, and statements past it are not run.
    let lineDeadline = ContinuousClock.now + .seconds(8)
    for piece in pieces {
        if ContinuousClock.now > lineDeadline { return }
        // Raw lines are mutated freely ("train 6999999"): legitimately long work, not a hang. Each statement
        // gets a few seconds, then the product's own Ctrl-C path stops it (train, sweep and gradcheck keep
        // what they did), which the fuzzer thereby exercises too.
        let deadline = min(ContinuousClock.now + .seconds(3), lineDeadline)
        let context = Context(shouldStop: { ContinuousClock.now > deadline })
        let before = StateSnapshot(session)
        let cellsBefore = session.cells.count
        var failures: [Interpreter.Failure] = []
        // "interrupted" is how a stopped statement is reported, not a failure: what it did is kept, by design.
        let outcome = interpreter.run(text: piece, source: nil, session: &session, context: context) {
            if $0.message != "interrupted" { failures.append($0) }
        }
        if outcome.quit { return }
        guard !failures.isEmpty, session.cells.count == cellsBefore + 1 else { continue }
        if session.cells.last?.succeeded != false {
            fatalError("state changed by failing statement: \(piece.debugDescription) recorded as a successful cell")
        }
        let after = StateSnapshot(session)
        if after != before {
            var parts: [String] = []
            if after.settings != before.settings { parts.append("settings \(before.settings) → \(after.settings)") }
            if after.dataset != before.dataset || after.data != before.data { parts.append("dataset") }
            if after.split != before.split { parts.append("split") }
            if after.scaling != before.scaling || after.scaler != before.scaler { parts.append("scaling") }
            if after.model != before.model { parts.append("model \(before.model ?? "none") → \(after.model ?? "none")") }
            if after.parameters != before.parameters || after.modelScaler != before.modelScaler { parts.append("parameters") }
            fatalError("state changed by failing statement: \(piece.debugDescription) (\(failures[0].message)): \(parts.joined(separator: "; "))")
        }
    }
}

/// The program's main (SwiftPM links `main` to `FuzzCommands_main`): libFuzzer's driver, with its usual flags.
@_cdecl("FuzzCommands_main")
public func fuzzCommandsMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzCommands(data, size) }
}
