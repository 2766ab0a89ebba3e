import Foundation

/// Runs commands against a session. Every command runs on a copy of the session that replaces the
/// original only when the command succeeds: a failing command changes nothing.
public struct Interpreter: Sendable {
    public let parser: Parser
    public init(parser: Parser = Parser()) { self.parser = parser }

    /// Parses and runs one line (possibly several `;`-separated commands). The whole line is parsed
    /// before anything runs, so a typo in the second command stops the first from running too.
    public func run(line: String, session: inout Session, context: Context) throws {
        let commands = try parser.parse(line: line)
        for command in commands { try execute(command, session: &session, context: context) }
    }

    /// Runs one parsed command and records it as a cell.
    public func execute(_ command: Command, session: inout Session, context: Context) throws {
        context.beginCommand()
        var working = session
        do {
            try command.spec.handler(&working, command.arguments, context)
        } catch {
            session.cells.append(Cell(number: session.cells.count + 1, text: command.text, output: context.lines,
                                      files: [], succeeded: false))
            throw error
        }
        session = working
        session.cells.append(Cell(number: session.cells.count + 1, text: command.text, output: context.lines,
                                  files: context.files, succeeded: true))
    }
}

/// Runs a script file line by line, echoing each command (`> command`) before its output, as a
/// notebook transcript. The first error stops the script unless `keepGoing` is set.
public struct ScriptRunner {
    public var interpreter = Interpreter()
    public var keepGoing = false
    /// Receives `FILE:LINE: message` for each failing command.
    public var reportError: (String) -> Void
    /// Nesting depth of `run` inside scripts, to refuse a script that runs itself.
    static let maximumDepth = 16

    public init(keepGoing: Bool = false, reportError: @escaping (String) -> Void) {
        self.keepGoing = keepGoing
        self.reportError = reportError
    }

    /// Runs `text` (the contents of `name`). Returns the number of commands that failed.
    @discardableResult
    public func run(text: String, name: String, session: inout Session, context: Context, echo: Bool = true) -> Int {
        var failures = 0
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, rawLine) in lines.enumerated() {
            if context.quitRequested { break }
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
            let statements: [Lexer.Statement]
            do {
                statements = try Lexer.statements(line)
            } catch let error as NotebookError {
                reportError("\(name):\(index + 1): \(error.message)")
                failures += 1
                if keepGoing { continue } else { break }
            } catch {
                reportError("\(name):\(index + 1): \(error)")
                failures += 1
                if keepGoing { continue } else { break }
            }
            var stop = false
            for statement in statements {
                if echo { context.emit("> " + statement.text) }
                do {
                    let command = try interpreter.parser.parse(statement)
                    try interpreter.execute(command, session: &session, context: context)
                } catch let error as NotebookError {
                    reportError("\(name):\(index + 1): \(error.message)")
                    failures += 1
                    if !keepGoing { stop = true; break }
                } catch {
                    reportError("\(name):\(index + 1): \(error)")
                    failures += 1
                    if !keepGoing { stop = true; break }
                }
                if context.quitRequested { stop = true; break }
            }
            if stop { break }
        }
        return failures
    }
}
