import ArgumentParser
import Foundation
import Notebook

/// The command line: `shallow` (REPL), `shallow FILE.nn…`, `shallow run FILE.nn…`, `shallow -e 'cmd; cmd'`.
/// Exit status: 0 success, 1 a command failed, 2 a usage error, 130 stopped by Ctrl-C (SIGINT).
@main
struct Shallow: ParsableCommand {
    static let version = "0.1.0"
    static let usage = "usage: shallow [FILE.nn…] | run FILE.nn… | -e 'COMMANDS'… [--keep-going]; see --help"
    static let configuration = CommandConfiguration(
        commandName: "shallow",
        abstract: "Build, train and see shallow neural networks: a notebook-style REPL and plotting CLI.",
        usage: "shallow [FILE.nn…] | run FILE.nn… | -e 'COMMANDS'… [--keep-going]",
        discussion: """
        With no arguments, opens an interactive session (type 'help'). With files, runs them as scripts, \
        echoing each command before its output; commands read from a pipe run the same way. Plots are PNG \
        files, written to plots/ unless 'set plotdir' says otherwise.

        Exit status: 0 success, 1 a command failed, 2 a usage error, 130 interrupted (Ctrl-C).

        Examples:
          shallow scripts/flower.nn
          shallow -e 'load flower; init; train 1000; accuracy'
        """,
        version: version
    )

    @Argument(help: "Script files (.nn) to run; 'run' before them is accepted.")
    var files: [String] = []

    @ArgumentParser.Option(name: [.short, .customLong("execute")], help: "Commands to run (';' separates them); may be repeated.")
    var execute: [String] = []

    @Flag(name: .long, help: "Report a failing command and keep going instead of stopping.")
    var keepGoing = false

    static func main() {
        StandardStreams.reopenClosed()
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            let command = try parse(arguments)
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            // One message and one usage line (ArgumentParser's own usage would be a second, different one).
            let message = fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            writeAll(STDERR_FILENO, message + "\n" + usage + "\n")
            Foundation.exit(2)
        }
    }

    func run() throws {
        var scripts = files
        if scripts.first == "run" { scripts.removeFirst() }
        let terminal = Terminal()
        var session = Session()
        let interpreter = Interpreter(keepGoing: keepGoing, echo: true)
        let context = terminal.makeContext()
        var outcome = Interpreter.Outcome()
        let report: (Interpreter.Failure) -> Void = { terminal.located($0.description) }

        func finish() throws -> Never {
            terminal.exitIfOutputFailed()
            throw ExitCode(outcome.exitStatus)
        }
        func absorb(_ step: Interpreter.Outcome) throws {
            outcome.failures += step.failures
            outcome.interrupted = outcome.interrupted || step.interrupted
            outcome.quit = outcome.quit || step.quit
            if (outcome.failures > 0 && !keepGoing) || outcome.quit || outcome.interrupted || terminal.outputFailed { try finish() }
        }

        for (index, commands) in execute.enumerated() {
            let name = execute.count > 1 ? "-e#\(index + 1)" : "-e"
            try absorb(interpreter.run(text: commands, source: name, session: &session, context: context, report: report))
        }
        for path in scripts {
            let text: String
            do {
                text = try Interpreter.readScript(path)
            } catch {
                terminal.error((error as? NotebookError)?.message ?? "\(error)")
                outcome.failures += 1
                if keepGoing { continue }
                try finish()
            }
            try absorb(interpreter.run(text: text, source: path, session: &session, context: context, report: report))
        }
        if scripts.isEmpty && execute.isEmpty {
            if isatty(STDIN_FILENO) != 0 {
                REPL(terminal: terminal).run(session: &session)
            } else {
                // Piped commands run exactly like a script named <stdin>, each line as soon as it arrives.
                var reader = LineReader(fd: STDIN_FILENO, shouldStop: context.shouldStop)
                var lineNumber = 1
                while let line = reader.next() {
                    switch line {
                    case .text(let text):
                        try absorb(interpreter.run(text: text, source: "<stdin>", firstLine: lineNumber, session: &session,
                                                   context: context, report: report))
                    case .tooLong(let bytes):
                        terminal.located("<stdin>:\(lineNumber): a line of \(bytes) bytes is longer than \(LineReader.maximumLength) bytes; not run")
                        try absorb({ var failed = Interpreter.Outcome(); failed.failures = 1; return failed }())
                    }
                    lineNumber += 1
                }
                if context.shouldStop() && !terminal.outputFailed {
                    terminal.located("<stdin>:\(lineNumber): interrupted")
                    outcome.interrupted = true
                } else if let failure = reader.failure {
                    terminal.error("<stdin>: cannot read: \(String(cString: strerror(failure)))")
                    outcome.failures += 1
                }
            }
        }
        try finish()
    }
}
