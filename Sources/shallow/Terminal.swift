import CReadline
import Foundation
import Notebook

/// Where output goes: stdout for the transcript, stderr for errors and the transient progress line.
/// Colour only on a terminal, and never when NO_COLOR is set. A failed write to stdout (a closed pipe, a
/// full disk) is noticed: long commands stop at their next step, and the process ends (see `exitIfOutputFailed`).
final class Terminal {
    let stdoutIsTerminal = isatty(STDOUT_FILENO) != 0
    let stderrIsTerminal = isatty(STDERR_FILENO) != 0
    let stdinIsTerminal = isatty(STDIN_FILENO) != 0
    let colour: Bool
    private var progressShown = false
    /// The live view on screen (`train N live`) and its height in lines; redrawn under each line printed meanwhile.
    private var liveText: String?
    private var liveLines = 0
    /// Whether the terminal shows sixel images: asked on first use, as most sessions never plot.
    private lazy var showsSixel: Bool = TerminalQuery.showsSixel(timeout: TerminalQuery.timeout)
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
        let live = liveText
        clearLive()
        guard outputFailure == nil else { return }
        if let failure = writeAll(STDOUT_FILENO, text + "\n") { outputFailure = failure }
        if let live { self.live(live) }
    }

    /// Bytes straight to the terminal (a sixel image): below the progress line's place, never recorded.
    func draw(_ bytes: [UInt8]) {
        clearProgress()
        guard outputFailure == nil else { return }
        if let failure = writeAll(STDOUT_FILENO, bytes) { outputFailure = failure }
    }

    /// Replaces the live view with `text` (nil: removes it). The view is redrawn in place: the cursor goes
    /// back up over the previous one, which is erased to the end of the screen.
    func live(_ text: String?) {
        clearProgress()
        clearLive()
        guard let text, outputFailure == nil else { return }
        if let failure = writeAll(STDOUT_FILENO, text + "\n") { outputFailure = failure }
        liveText = text
        liveLines = text.split(separator: "\n", omittingEmptySubsequences: false).count
    }

    private func clearLive() {
        guard liveLines > 0 else { return }
        writeAll(STDOUT_FILENO, "\u{1B}[\(liveLines)A\r\u{1B}[J")
        liveLines = 0
        liveText = nil
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

    /// The terminal's size in characters and pixels (TIOCGWINSZ), nil when stdout is not a terminal.
    func windowSize() -> winsize? {
        var size = winsize()
        guard stdoutIsTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 else { return nil }
        return size
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
        if let size = windowSize(), size.ws_row > 0 { context.rows = Int(size.ws_row) }
        if stdoutIsTerminal {
            context.drawOnTerminal = { [unowned self] in self.draw($0) }
            context.terminalShowsImages = { [unowned self] in self.showsSixel }
            context.terminalPixels = { [unowned self] in
                guard let size = self.windowSize(), size.ws_xpixel > 0, size.ws_ypixel > 0 else { return nil }
                return (Int(size.ws_xpixel), Int(size.ws_ypixel))
            }
            if interactive { context.live = { [unowned self] in self.live($0) } }
        }
        context.previewOverride = ProcessInfo.processInfo.environment["SHALLOW_PREVIEW"].flatMap {
            PreviewMode(rawValue: $0.lowercased())
        }.flatMap { $0 == .auto ? nil : $0 }
        return context
    }
}

/// Writes all of `text` to a file descriptor (unbuffered, so stdout and stderr interleave in order).
/// Returns the errno of a failed write, nil when everything was written.
@discardableResult
func writeAll(_ fd: Int32, _ text: String) -> Int32? {
    writeAll(fd, Array(text.utf8))
}

@discardableResult
func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
    var bytes = bytes
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

/// Asks the terminal what it can do: the primary Device Attributes query (`ESC [ c`), which every
/// VT100-style terminal answers with `ESC [ ? Pn ; … c`; parameter 4 means sixel graphics (xterm -ti vt340,
/// mlterm, foot, WezTerm, …). Only when stdin and stdout are both the terminal, in raw mode for the
/// moment of the question (restored after), with a short timeout: a terminal that does not answer costs
/// that much once. Keys typed ahead of the answer are handed back to readline.
enum TerminalQuery {
    /// 150 ms, or SHALLOW_QUERY_TIMEOUT_MS (a slow link — ssh over a long distance — may need more).
    static var timeout: Double {
        if let text = ProcessInfo.processInfo.environment["SHALLOW_QUERY_TIMEOUT_MS"], let ms = Double(text), ms >= 0, ms <= 10_000 {
            return ms / 1000
        }
        return 0.15
    }

    static func showsSixel(timeout: Double) -> Bool {
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else { return false }
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return false }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0 else { return false }
        defer { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
        guard writeAll(STDOUT_FILENO, "\u{1B}[c") == nil else { return false }
        var received: [UInt8] = []
        let deadline = now() + timeout
        var reply: [Int]?
        while reply == nil {
            let left = deadline - now()
            guard left > 0 else { break }
            var ready = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, Int32((left * 1000).rounded(.up))) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            received += buffer[0..<count]
            reply = parse(&received)
        }
        for byte in received { _ = rl_stuff_char(Int32(byte)) }  // type-ahead, in order
        return reply?.contains(4) ?? false
    }

    /// The parameters of the first complete `ESC [ ? … c` in `bytes`, which is removed from them; nil if none yet.
    static func parse(_ bytes: inout [UInt8]) -> [Int]? {
        var start = 0
        while start + 2 < bytes.count {
            guard bytes[start] == 0x1B, bytes[start + 1] == UInt8(ascii: "["), bytes[start + 2] == UInt8(ascii: "?") else {
                start += 1
                continue
            }
            var end = start + 3
            while end < bytes.count, bytes[end] == UInt8(ascii: ";") || (0x30...0x39).contains(bytes[end]) { end += 1 }
            guard end < bytes.count else { return nil }
            guard bytes[end] == UInt8(ascii: "c") else {
                start += 1
                continue
            }
            let parameters = String(decoding: bytes[(start + 3)..<end], as: UTF8.self).split(separator: ";").compactMap { Int($0) }
            bytes.removeSubrange(start...end)
            return parameters
        }
        return nil
    }

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
