import ArgumentParser
import Foundation
import Notebook

/// The command line: `shallow` (REPL), `shallow FILE.nn…`, `shallow run FILE.nn…`, `shallow -e 'cmd; cmd'`.
/// Exit status: 0 success, 1 a command failed, 2 a usage error.
@main
struct Shallow: ParsableCommand {
    static let version = "0.1.0"
    static let configuration = CommandConfiguration(
        commandName: "shallow",
        abstract: "Build, train and see shallow neural networks: a notebook-style REPL and plotting CLI.",
        discussion: """
        With no arguments, opens an interactive session (type 'help'). With files, runs them as scripts,
        echoing each command before its output. Commands read from a pipe run the same way.
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
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").data(using: .utf8)!))
            FileHandle.standardError.write(Data("Usage: shallow [FILE.nn…] | run FILE.nn… | -e 'COMMANDS' [--keep-going]; see --help\n".utf8))
            Foundation.exit(2)
        }
    }

    func run() throws {
        var scripts = files
        if scripts.first == "run" { scripts.removeFirst() }
        let terminal = Terminal()
        var session = Session()
        var failures = 0
        let runner = ScriptRunner(keepGoing: keepGoing, reportError: { terminal.located($0) })
        let context = terminal.makeContext()

        for (index, commands) in execute.enumerated() {
            failures += runner.run(text: commands, name: "-e\(execute.count > 1 ? "#\(index + 1)" : "")", session: &session, context: context)
            if (failures > 0 && !keepGoing) || context.quitRequested { throw ExitCode(failures > 0 ? 1 : 0) }
        }
        for path in scripts {
            guard let text = readScript(path, terminal: terminal) else { throw ExitCode(1) }
            failures += runner.run(text: text, name: path, session: &session, context: context)
            if (failures > 0 && !keepGoing) || context.quitRequested { throw ExitCode(failures > 0 ? 1 : 0) }
        }
        if scripts.isEmpty && execute.isEmpty {
            if isatty(STDIN_FILENO) != 0 {
                REPL(terminal: terminal).run(session: &session)
            } else {
                // Piped commands run exactly like a script file named <stdin>.
                let text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                failures += runner.run(text: text, name: "<stdin>", session: &session, context: context)
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }

    private func readScript(_ path: String, terminal: Terminal) -> String? {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let text = String(data: data, encoding: .utf8) else {
                terminal.error("\(path): not a UTF-8 text file")
                return nil
            }
            return text
        } catch {
            terminal.error("\(path): cannot read the script (\(describeFileError(error)))")
            return nil
        }
    }
}

func describeFileError(_ error: Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
        return String(cString: strerror(Int32(underlying.code)))
    }
    if nsError.domain == NSCocoaErrorDomain && nsError.code == NSFileReadNoSuchFileError { return "no such file" }
    return nsError.localizedDescription
}
