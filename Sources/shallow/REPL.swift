import CReadline
import Foundation
import Notebook

/// The interactive loop: GNU readline with history in ~/.shallow_history and tab completion.
struct REPL {
    let terminal: Terminal
    static let historyLimit: Int32 = 1_000

    var historyPath: String {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".shallow_history")
    }

    func run(session: inout Session) {
        shallow_readline_configure("shallow", completeLine)
        using_history()
        _ = read_history(historyPath)
        let interpreter = Interpreter(keepGoing: false, echo: false)
        let context = terminal.makeContext(interactive: true)
        terminal.line("shallow \(Shallow.version) — type 'help' for commands, Ctrl-D to quit")
        while true {
            let number = session.cells.count + 1
            let prompt = terminal.colour ? "\u{01}\u{1B}[36m\u{02}[\(number)] shallow>\u{01}\u{1B}[0m\u{02} " : "[\(number)] shallow> "
            shallow_set_prompt_active(1)
            guard let raw = readline(prompt) else {
                shallow_set_prompt_active(0)
                writeAll(STDOUT_FILENO, "\n")
                break
            }
            shallow_set_prompt_active(0)
            let line = String(cString: raw)
            free(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            // Kept as trimmed text, so `show shapes ` (completion adds a space) repeats `show shapes`.
            if shallow_history_last().map({ String(cString: $0) }) != trimmed { add_history(trimmed) }
            // A Ctrl-C at the prompt only cleared the line: it must not stop the line typed after it.
            _ = shallow_take_interrupt()
            let outcome = interpreter.run(text: line, source: nil, session: &session, context: context) { failure in
                terminal.error(failure.description)
            }
            _ = shallow_take_interrupt()
            if outcome.quit { break }
        }
        _ = write_history(historyPath)
        _ = history_truncate_file(historyPath, REPL.historyLimit)
    }
}

/// Readline's completion hook: candidates come from the command declarations (`Completer`).
private func completeLine(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    let buffer = shallow_line_buffer().map { String(cString: $0) } ?? ""
    let prefix = String(buffer.utf8.prefix(Int(end))) ?? buffer
    let result = Completer().complete(prefix)
    let word = text.map { String(cString: $0) } ?? ""
    var matches = result.words
    if result.files {
        var state: Int32 = 0
        while let name = rl_filename_completion_function(word, state) {
            matches.append(String(cString: name))
            free(name)
            state += 1
        }
    }
    shallow_completion_over()
    guard !matches.isEmpty else { return nil }
    if matches.count == 1 && matches[0].hasSuffix("=") { shallow_completion_no_space() }
    // readline wants: [common prefix, match1, match2, …, NULL], all malloc'ed.
    let common = matches.dropFirst().reduce(matches[0]) { commonPrefix($0, $1) }
    let list = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: matches.count + 2)
    list[0] = strdup(common)
    if matches.count == 1 {
        list[1] = nil
    } else {
        for (i, match) in matches.enumerated() { list[i + 1] = strdup(match) }
        list[matches.count + 1] = nil
    }
    return list
}

private func commonPrefix(_ a: String, _ b: String) -> String {
    String(zip(a, b).prefix { $0 == $1 }.map(\.0))
}
