import CReadline
import Foundation
import Notebook

/// Where output goes: stdout for the transcript, stderr for errors and the transient progress line.
/// Colour only on a terminal, and never when NO_COLOR is set. A failed write to stdout (a closed pipe, a
/// full disk) is noticed: long commands stop at their next step, and the process ends (see `exitIfOutputFailed`).
final class Terminal {
    let stdoutIsTerminal = isatty(STDOUT_FILENO) != 0
    let stderrIsTerminal = isatty(STDERR_FILENO) != 0
    let colour: Bool
    private var progressShown = false
    /// The errno of the first failed write to stdout.
    private(set) var outputFailure: Int32?
    var outputFailed: Bool { outputFailure != nil }

    init() {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        colour = stdoutIsTerminal && !noColor
        shallow_install_interrupt_handler()
    }

    func line(_ text: String) {
        clearProgress()
        guard outputFailure == nil else { return }
        if let failure = writeAll(STDOUT_FILENO, text + "\n") { outputFailure = failure }
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
        // After stdout broke, the reason is said once, at exit; the failures it caused are noise.
        guard outputFailure == nil else { return }
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

    /// Ends the process when stdout failed: on a closed pipe as `yes | head -1` does — killed by SIGPIPE,
    /// silently (the shell's status 141); on any other error with one message and status 1.
    func exitIfOutputFailed() {
        guard let failure = outputFailure else { return }
        if failure == EPIPE {
            signal(SIGPIPE, SIG_DFL)
            raise(SIGPIPE)
        }
        writeAll(STDERR_FILENO, "shallow: cannot write to standard output: \(String(cString: strerror(failure)))\n")
        exit(1)
    }

    /// The width to wrap to: COLUMNS when set, else the terminal's width, else 80.
    static func columns(stdoutIsTerminal: Bool) -> Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let value = Int(text), value > 0 { return value }
        var size = winsize()
        if stdoutIsTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    func makeContext(interactive: Bool = false) -> Context {
        let context = Context(isTerminal: stdoutIsTerminal,
                              emit: { [unowned self] in self.line($0) },
                              shouldStop: { [unowned self] in shallow_interrupt_pending() != 0 || self.outputFailed },
                              clearStop: { _ = shallow_take_interrupt() },
                              progress: stderrIsTerminal ? { [unowned self] in self.progress($0) } : nil)
        context.isInteractive = interactive
        context.colour = colour
        context.columns = Terminal.columns(stdoutIsTerminal: stdoutIsTerminal)
        return context
    }
}

/// Writes all of `text` to a file descriptor (unbuffered, so stdout and stderr interleave in order).
/// Returns the errno of a failed write, nil when everything was written.
@discardableResult
func writeAll(_ fd: Int32, _ text: String) -> Int32? {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
        if written < 0 {
            if errno == EINTR || errno == EAGAIN { continue }
            return errno
        }
        if written == 0 { return EIO }
        offset += written
    }
    return nil
}
