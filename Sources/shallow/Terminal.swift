import CReadline
import Foundation
import Notebook

/// Where output goes: stdout for the transcript, stderr for errors and the transient progress line.
/// Colour only on a terminal, and never when NO_COLOR is set.
final class Terminal {
    let stdoutIsTerminal = isatty(STDOUT_FILENO) != 0
    let stderrIsTerminal = isatty(STDERR_FILENO) != 0
    let colour: Bool
    private var progressShown = false

    init() {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        colour = stdoutIsTerminal && !noColor
        shallow_install_interrupt_handler()
    }

    func line(_ text: String) {
        clearProgress()
        writeAll(STDOUT_FILENO, text + "\n")
    }

    /// An error at the prompt: `error: message`.
    func error(_ text: String) {
        clearProgress()
        let shown = colour && stderrIsTerminal ? "\u{1B}[31merror:\u{1B}[0m " + text : "error: " + text
        writeAll(STDERR_FILENO, shown + "\n")
    }

    /// An error located in a script: `FILE:LINE: message`, as compilers print them.
    func located(_ text: String) {
        clearProgress()
        writeAll(STDERR_FILENO, text + "\n")
    }

    /// The one updating progress line (terminal only; never part of a transcript).
    func progress(_ text: String?) {
        guard stderrIsTerminal else { return }
        if let text {
            writeAll(STDERR_FILENO, "\r\u{1B}[K" + text)
            progressShown = true
        } else {
            clearProgress()
        }
    }

    private func clearProgress() {
        if progressShown {
            writeAll(STDERR_FILENO, "\r\u{1B}[K")
            progressShown = false
        }
    }

    func makeContext(interactive: Bool = false) -> Context {
        let context = Context(isTerminal: stdoutIsTerminal,
                              emit: { [unowned self] in self.line($0) },
                              shouldStop: { shallow_interrupt_pending() != 0 },
                              progress: stderrIsTerminal ? { [unowned self] in self.progress($0) } : nil)
        context.isInteractive = interactive
        context.colour = colour
        return context
    }
}

/// Writes all of `text` to a file descriptor (unbuffered, so stdout and stderr interleave in order).
func writeAll(_ fd: Int32, _ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
        if written <= 0 {
            if written < 0 && errno == EINTR { continue }
            return
        }
        offset += written
    }
}
