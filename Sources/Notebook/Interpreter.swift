import Foundation

/// The one loop every command goes through — typed at the prompt, read from a script file, given with `-e`,
/// piped to stdin, or read by `run FILE.nn` inside any of those: split the text into lines (LF, CRLF or CR),
/// lex each line into statements, then for each statement parse, execute, record a cell and report. A
/// failing statement stops the rest of the text (its line included) unless `keepGoing`; Ctrl-C stops
/// the running command after its current step and then stops the rest, in a script as at the prompt.
///
/// Every statement submitted is a cell, whether it fails to lex, to parse or to run: the cell keeps the
/// error text, and a failed statement changes nothing in the session (it runs on a copy).
public struct Interpreter: Sendable {
    public let parser: Parser
    /// Run statements after a failing one (the command line's `--keep-going`).
    public var keepGoing: Bool
    /// Echo each statement as `> statement` before its output (scripts, `-e`, pipes; not the prompt).
    public var echo: Bool
    /// How deeply `run` may nest, to refuse a script that runs itself.
    public static let maximumDepth = 16
    /// How many scripts one `run` typed at the top may start in all. With `keepGoing`, a script that runs
    /// itself twice would otherwise run 2^16 times before the depth limit stops each branch (a hang found by
    /// scripts/hostile-commands): past either limit the whole chain of scripts stops, not just the innermost.
    public static let maximumRuns = 1000
    /// The most cells one session records. A script that saves itself and runs the copy, again and again,
    /// doubles the session each time; past this, only commands that save, reset or end the session run, so
    /// neither time nor memory runs away (found by scripts/hostile-commands).
    public static let maximumCells = 20_000

    public init(parser: Parser = Parser(), keepGoing: Bool = false, echo: Bool = false) {
        self.parser = parser
        self.keepGoing = keepGoing
        self.echo = echo
    }

    /// How a run of text ended.
    public struct Outcome: Sendable, Equatable {
        /// Statements that failed (with `keepGoing`, possibly several).
        public var failures = 0
        /// Ctrl-C stopped it (the statement that was running kept what it had done).
        public var interrupted = false
        /// A `quit` ended it.
        public var quit = false
        /// `run` went past its nesting or count limit: every enclosing script stops, even with `keepGoing`.
        public var runaway = false
        public init() {}
        /// The process exit status this stands for: 130 after Ctrl-C (the shell's convention), 1 after a
        /// failure, else 0.
        public var exitStatus: Int32 { interrupted ? 130 : failures > 0 ? 1 : 0 }
    }

    /// A failure, located: `name:line:` (`name:line:column:` when the line holds several statements), or no
    /// location at the prompt.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var location: String?
        public var message: String
        public var description: String { location.map { "\($0): \(message)" } ?? message }
    }

    /// Runs `text` from `source` (nil at the prompt), whose first line is line `firstLine` of the source.
    /// `report` receives each failure as it happens; the return value says how the text ended.
    @discardableResult
    public func run(text: String, source: String?, firstLine: Int = 1, session: inout Session, context: Context,
                    report: (Failure) -> Void) -> Outcome {
        // Only shown (locations, cells): a file name with control bytes must not act on the terminal either.
        let source = source.map { Format.printable($0) }
        var outcome = Outcome()
        for (index, line) in Self.lines(text).enumerated() {
            if outcome.quit || outcome.interrupted || outcome.runaway { break }
            let lineNumber = firstLine + index
            let statements: [Lexer.Statement]
            do {
                statements = try Lexer.statements(line)
            } catch {
                // A line that cannot be lexed is one failed cell: its statements cannot be told apart.
                let failure = Failure(location: source.map { "\($0):\(lineNumber)" }, message: Self.message(of: error))
                if echo { context.emit("> " + line.trimmingCharacters(in: .whitespaces)) }
                context.beginCommand(source: source.map { "\($0):\(lineNumber)" })
                record(text: line.trimmingCharacters(in: .whitespaces), failure: failure, source: source, line: lineNumber,
                       session: &session, context: context)
                report(failure)
                outcome.failures += 1
                if keepGoing { continue } else { break }
            }
            for statement in statements {
                let location = source.map { statements.count > 1 ? "\($0):\(lineNumber):\(statement.column)" : "\($0):\(lineNumber)" }
                let step = runStatement(statement, location: location, source: source, line: lineNumber,
                                        session: &session, context: context, report: report)
                outcome.failures += step.failures
                if step.quit { outcome.quit = true }
                if step.interrupted { outcome.interrupted = true }
                if step.runaway { outcome.runaway = true; return outcome }
                if outcome.quit || outcome.interrupted { break }
                if step.failures > 0 && !keepGoing { return outcome }
            }
        }
        return outcome
    }

    /// Parses and runs one line as the prompt does, throwing the first failure (for tests and embedders).
    public func run(line: String, session: inout Session, context: Context) throws {
        var first: Failure?
        _ = run(text: line, source: nil, session: &session, context: context) { if first == nil { first = $0 } }
        if let first { throw NotebookError(first.description) }
    }

    /// One statement: parse, then run (a `run FILE` statement runs the file's text through this same loop,
    /// one cell per statement of the file, located in that file).
    private func runStatement(_ statement: Lexer.Statement, location: String?, source: String?, line: Int,
                              session: inout Session, context: Context, report: (Failure) -> Void) -> Outcome {
        var outcome = Outcome()
        // A Ctrl-C since the last statement ends the text here (the prompt clears it before each line it runs).
        if context.takeStop() {
            outcome.interrupted = true
            report(Failure(location: location, message: "interrupted"))
            return outcome
        }
        // The echo is part of the transcript, not of the cell's output.
        if echo { context.emit("> " + statement.text) }
        context.beginCommand(source: source.map { "\($0):\(line)" })
        let command: Command
        do {
            command = try parser.parse(statement)
        } catch {
            return failed(error, text: statement.text, location: location, source: source, line: line,
                          session: &session, context: context, report: report)
        }
        if session.cells.count >= Self.maximumCells && !Self.allowedAtCellLimit(command.spec.words) {
            outcome.failures = 1
            report(Failure(location: location, message: "\(command.spec.name): the session has \(Self.maximumCells) cells, the most one "
                           + "session records; keep what you need ('save script FILE.nn', 'save notebook FILE.md') and 'reset'"))
            return outcome
        }
        if command.spec.words == ["run"], let path = command.arguments[SessionKeys.script] {
            return runScript(path, statement: statement, location: location, source: source, line: line,
                             session: &session, context: context, report: report)
        }
        var working = session
        do {
            try command.spec.handler(&working, command.arguments, context)
        } catch {
            // The copy ends here, so the failed cell is appended to a uniquely held array, not to a new copy.
            _ = consume working
            return failed(error, text: statement.text, location: location, source: source, line: line,
                          session: &session, context: context, report: report)
        }
        // Moved, not copied: with the copy alive, every append copied all cells so far — quadratic in a
        // long script (a 13,000-statement replay spent minutes there, found by scripts/hostile-commands).
        session = consume working
        session.cells.append(Cell(number: session.cells.count + 1, text: context.recordedText ?? statement.text,
                                  output: context.lines, files: context.files, succeeded: true, error: nil,
                                  source: source.map { "\($0):\(line)" }, note: context.recordedNote))
        if context.quitRequested { outcome.quit = true }
        // Ctrl-C during the command: it stopped after its current step and kept its work; nothing after it runs.
        if context.takeStop() {
            outcome.interrupted = true
            if !context.isInteractive || context.scriptDepth > 0 {
                report(Failure(location: location, message: "interrupted"))
            }
        }
        return outcome
    }

    private func runScript(_ path: String, statement: Lexer.Statement, location: String?, source: String?, line: Int,
                           session: inout Session, context: Context, report: (Failure) -> Void) -> Outcome {
        let text: String
        if context.scriptDepth == 0 { context.scriptRuns = 0 }
        context.scriptRuns += 1
        do {
            guard context.scriptDepth < Self.maximumDepth else {
                throw NotebookError("run: scripts nested more than \(Self.maximumDepth) deep (does '\(Format.shown(path))' run itself?)")
            }
            guard context.scriptRuns <= Self.maximumRuns else {
                throw NotebookError("run: more than \(Self.maximumRuns) scripts started by one 'run' (do the scripts run each other?)")
            }
            text = try Self.readScript(path)
        } catch {
            var outcome = failed(error, text: statement.text, location: location, source: source, line: line,
                                 session: &session, context: context, report: report)
            // Past a limit the chain stops as a whole; a file that cannot be read is an ordinary failure.
            outcome.runaway = context.scriptDepth >= Self.maximumDepth || context.scriptRuns > Self.maximumRuns
            return outcome
        }
        context.scriptDepth += 1
        // The nested statements are echoed like any script's, whatever the outer source does.
        var nested = self
        nested.echo = true
        var outcome = nested.run(text: text, source: path, session: &session, context: context, report: report)
        context.scriptDepth -= 1
        // The outermost `run` is where a runaway chain ends: the text that typed it goes on as usual.
        if context.scriptDepth == 0 { outcome.runaway = false }
        return outcome
    }

    /// A statement that failed: recorded as a failed cell, reported, counted.
    private func failed(_ error: Error, text: String, location: String?, source: String?, line: Int,
                        session: inout Session, context: Context, report: (Failure) -> Void) -> Outcome {
        let failure = Failure(location: location, message: Self.message(of: error))
        record(text: text, failure: failure, source: source, line: line, session: &session, context: context)
        report(failure)
        var outcome = Outcome()
        outcome.failures = 1
        return outcome
    }

    /// Records a failed statement as a cell (the session is otherwise untouched).
    private func record(text: String, failure: Failure, source: String?, line: Int, session: inout Session, context: Context) {
        guard session.cells.count < Self.maximumCells else { return }
        session.cells.append(Cell(number: session.cells.count + 1, text: text, output: context.lines, files: [],
                                  succeeded: false, error: failure.message, source: source.map { "\($0):\(line)" }, note: nil))
    }

    /// What still runs when the session holds `maximumCells`: saving it, resetting it, ending it, help.
    static func allowedAtCellLimit(_ words: [String]) -> Bool {
        ["reset", "quit", "exit", "help", "save", "history"].contains(words.first ?? "")
    }

    /// The largest script read (far beyond any hand-written one; a bound so a wrong file cannot exhaust memory).
    public static let maximumScriptBytes = 16 << 20

    /// Reads a script file: a regular file (a FIFO or device is refused, never waited on or read without
    /// end) of at most `maximumScriptBytes`, in UTF-8.
    public static func readScript(_ path: String) throws -> String {
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > maximumScriptBytes {
            throw NotebookError("\(Format.shown(path, limit: 200)): \(Int(info.st_size) >> 20) MB is too large for a script (at most \(maximumScriptBytes >> 20) MB)")
        }
        return try FileOutput.read(path, what: "run")
    }

    static func message(of error: Error) -> String {
        (error as? NotebookError)?.message ?? "\(error)"
    }

    /// The lines of `text`, ended by LF, CRLF or a lone CR (old Mac files): Swift treats "\r\n" as one
    /// Character, so splitting on "\n" alone would make a CRLF file one long line.
    public static func lines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pendingCR = false
        while let scalar = scalars.next() {
            if pendingCR {
                pendingCR = false
                if scalar == "\n" { continue }
            }
            if scalar == "\n" || scalar == "\r" {
                lines.append(String(current))
                current = String.UnicodeScalarView()
                pendingCR = scalar == "\r"
                continue
            }
            current.append(scalar)
        }
        if !current.isEmpty { lines.append(String(current)) }
        return lines
    }
}
