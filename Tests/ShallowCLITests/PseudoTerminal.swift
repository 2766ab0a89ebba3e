import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program on a pseudo-terminal, as a user at a terminal would: the child is a session leader whose
/// controlling terminal is the pty, so Ctrl-C typed on the master ("\u{03}") is turned into SIGINT by the
/// terminal driver, exactly as at a real keyboard. Output is read with a timeout (`expect`), so a broken
/// program fails the test instead of hanging it; the child is killed when the terminal is closed.
///
/// Set-up: `openpty`, then `posix_spawn` with `POSIX_SPAWN_SETSID` (glibc ≥ 2.26), and a file action that
/// *opens the slave by name* as fd 0 without `O_NOCTTY`: on Linux a session leader without a controlling
/// terminal acquires the first terminal it opens (no `TIOCSCTTY` needed). fd 1 and 2 are duplicates of it,
/// or, with `separateStderr`, fd 2 is a second pty so that the test can tell stdout from stderr.
final class PseudoTerminal {
    /// One readable side (the master of a pty): everything read so far and how far `expect` has got.
    final class Channel {
        let fd: Int32
        /// Every byte read, escape sequences included.
        private(set) var raw: [UInt8] = []
        /// `raw` without terminal escape sequences (what a user would see, with `\r` and `\n` kept).
        private(set) var plain: [UInt8] = []
        /// Offset into `plain` just past the last `expect` match.
        private(set) var cursor = 0
        private var rawStripped = 0   // how much of `raw` has been turned into `plain`
        fileprivate(set) var closed = false

        init(fd: Int32) { self.fd = fd }

        var rawText: String { String(decoding: raw, as: UTF8.self) }
        var plainText: String { String(decoding: plain, as: UTF8.self) }
        /// The plain text not yet matched by `expect`.
        var unread: String { String(decoding: plain[cursor...], as: UTF8.self) }

        fileprivate func append(_ bytes: ArraySlice<UInt8>) {
            raw.append(contentsOf: bytes)
            stripEscapes()
        }

        /// Moves complete escape sequences out of the way; an incomplete one at the end waits for more bytes.
        private func stripEscapes() {
            var i = rawStripped
            while i < raw.count {
                let byte = raw[i]
                if byte != 0x1B {
                    plain.append(byte)
                    i += 1
                    continue
                }
                guard i + 1 < raw.count else { break }
                let kind = raw[i + 1]
                if kind == UInt8(ascii: "[") {                       // CSI: parameters, intermediates, final byte
                    var j = i + 2
                    while j < raw.count, (0x20...0x3F).contains(raw[j]) { j += 1 }
                    guard j < raw.count else { break }
                    i = j + 1
                } else if kind == UInt8(ascii: "]") {                // OSC: up to BEL or ESC \
                    var j = i + 2
                    var end: Int?
                    while j < raw.count {
                        if raw[j] == 0x07 { end = j + 1; break }
                        if raw[j] == 0x1B, j + 1 < raw.count, raw[j + 1] == UInt8(ascii: "\\") { end = j + 2; break }
                        j += 1
                    }
                    guard let end else { break }
                    i = end
                } else {                                             // two-byte sequences (ESC =, ESC >, …)
                    i += 2
                }
            }
            rawStripped = i
        }

        fileprivate func match(_ needle: String) -> (text: String, end: Int)? {
            let bytes = Array(needle.utf8)
            guard !bytes.isEmpty, plain.count - cursor >= bytes.count else { return nil }
            var start = cursor
            while start + bytes.count <= plain.count {
                if plain[start] == bytes[0] && plain[start..<(start + bytes.count)].elementsEqual(bytes) {
                    let end = start + bytes.count
                    return (String(decoding: plain[cursor..<end], as: UTF8.self), end)
                }
                start += 1
            }
            return nil
        }

        fileprivate func advance(to end: Int) { cursor = end }
        /// Forgets everything read so far for the purposes of `expect` (raw and plain stay available).
        func skipAll() { cursor = plain.count }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let pid: pid_t
    /// The terminal: stdin, stdout and (unless separated) stderr of the child.
    let terminal: Channel
    /// The child's stderr when it has its own pty.
    let errors: Channel?
    private(set) var exitStatus: Int32?

    /// Starts `path` with `arguments` on a new pty of `columns` × `rows`, in `directory`, with `environment`.
    init(path: String, arguments: [String] = [], environment: [String: String], directory: String,
         separateStderr: Bool = false, columns: UInt16 = 200, rows: UInt16 = 50) throws {
        func openPTY() throws -> (master: Int32, slave: Int32, name: String) {
            var master: Int32 = -1, slave: Int32 = -1
            var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
            var name = [CChar](repeating: 0, count: 4096)
            guard openpty(&master, &slave, &name, nil, &size) == 0 else {
                throw Failure(description: "openpty failed: \(String(cString: strerror(errno)))")
            }
            // Neither end may leak into this child's exec (or any other process the tests start).
            _ = fcntl(master, F_SETFD, FD_CLOEXEC)
            _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
            return (master, slave, String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        guard let addChdir = GNUExtensions.addChdir else {
            throw Failure(description: "posix_spawn_file_actions_addchdir_np is not available (glibc < 2.29)")
        }
        let main = try openPTY()
        let second = separateStderr ? try openPTY() : nil

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        _ = addChdir(&actions, directory)
        // Opened (not dup'ed) after setsid, without O_NOCTTY: this makes the pty the controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, main.name, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        if let second {
            posix_spawn_file_actions_addopen(&actions, 2, second.name, O_RDWR | O_NOCTTY, 0)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 0, 2)
        }
        // The test runner's other descriptors (pipes of tests running in parallel) stay out of the child.
        _ = GNUExtensions.addCloseFrom?(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new session (so the pty can become its terminal), no blocked signals, and the default action for
        // the signals a test runner might ignore (ignored signals survive exec).
        posix_spawnattr_setflags(&attributes, Int16(GNUExtensions.setsid | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU, SIGHUP, SIGTERM] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, path, &actions, &attributes, argv, envp)
        // glibc's posix_spawn returns after the child has run its file actions (or failed), so the parent's
        // slave ends can go now: once the child exits, reading the master then reports end of file (EIO).
        Glibc.close(main.slave)
        if let second { Glibc.close(second.slave) }
        guard status == 0 else {
            Glibc.close(main.master)
            if let second { Glibc.close(second.master) }
            throw Failure(description: "posix_spawn \(path) failed: \(String(cString: strerror(status)))")
        }
        pid = child
        terminal = Channel(fd: main.master)
        errors = second.map { Channel(fd: $0.master) }
    }

    deinit { close() }

    /// Kills the child if it is still running, reaps it, and closes the masters. Safe to call twice.
    func close() {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            exitStatus = -1
        }
        for channel in [terminal] + (errors.map { [$0] } ?? []) where channel.fd >= 0 && !channel.closed {
            channel.closed = true
            Glibc.close(channel.fd)
        }
    }

    /// Types `text` at the terminal (keys are bytes: "\r" Enter, "\t" Tab, "\u{03}" Ctrl-C, "\u{04}" Ctrl-D).
    func send(_ text: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(terminal.fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw Failure(description: "write to the terminal failed: \(String(cString: strerror(errno)))")
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Whether the program is reading keys one at a time (readline switches the terminal out of canonical
    /// mode while it waits for a line). On Linux `tcgetattr` on the master reports the slave's settings.
    var isReadingKeys: Bool {
        var settings = termios()
        guard tcgetattr(terminal.fd, &settings) == 0 else { return false }
        return settings.c_lflag & tcflag_t(ICANON) == 0
    }

    /// Waits until the program reads keys one at a time (see `isReadingKeys`), reading output meanwhile.
    func waitUntilReadingKeys(timeout: Double = 20) throws {
        let deadline = Self.now() + timeout
        while !isReadingKeys {
            if Self.now() > deadline || terminal.closed {
                throw Failure(description: "the terminal never left canonical mode within \(timeout) s (readline is not reading); it showed:\n"
                              + String(terminal.unread.suffix(3000)).debugDescription)
            }
            pump(timeout: 0.01)
        }
    }

    /// Types `text` as a person does, one key at a time, each only once the program is ready for it: first
    /// the terminal must be out of canonical mode (readline is reading), then every printable key waits for
    /// its echo before the next is typed. Keys typed ahead of readline are exposed to the mode switch and to
    /// readline's own type-ahead handling, which under load dropped keys (`quit` arrived as `qit`); this way
    /// no key is ever in flight while readline is not at its read call. Control keys ("\r", "\t", Ctrl-C)
    /// have no echo to wait for; an escape sequence ("\u{1B}[A") is sent in one write, as a terminal does,
    /// so that readline does not take its ESC for a lone Escape key.
    func type(_ text: String, timeout: Double = 20) throws {
        try waitUntilReadingKeys(timeout: timeout)
        var keys: [String] = []
        var scalars = Array(text.unicodeScalars)[...]
        while let first = scalars.first {
            if first == "\u{1B}" {
                // ESC [ parameters final-byte, or ESC and one more byte.
                var sequence = String(first)
                scalars = scalars.dropFirst()
                if let next = scalars.first {
                    sequence.unicodeScalars.append(next)
                    scalars = scalars.dropFirst()
                    if next == "[" {
                        while let byte = scalars.first {
                            sequence.unicodeScalars.append(byte)
                            scalars = scalars.dropFirst()
                            if (0x40...0x7E).contains(byte.value) { break }
                        }
                    }
                }
                keys.append(sequence)
            } else {
                keys.append(String(first))
                scalars = scalars.dropFirst()
            }
        }
        for key in keys {
            let printable = key.unicodeScalars.count == 1 && key.unicodeScalars.first!.value >= 0x20 && key.unicodeScalars.first!.value != 0x7F
            let mark = terminal.plain.count
            try send(key)
            guard printable else { continue }
            let expected = Array(key.utf8)
            let deadline = Self.now() + timeout
            while !terminal.plain[mark...].contains(sequence: expected) {
                if Self.now() > deadline || terminal.closed {
                    throw Failure(description: "the key \(key.debugDescription) was not echoed within \(timeout) s; the terminal showed:\n"
                                  + String(terminal.unread.suffix(3000)).debugDescription)
                }
                pump(timeout: 0.01)
            }
        }
    }

    /// Waits up to `timeout` seconds for output and reads what is there; returns the number of bytes read,
    /// or -1 once every channel is at end of file.
    @discardableResult
    func pump(timeout: Double) -> Int {
        let channels = ([terminal] + (errors.map { [$0] } ?? [])).filter { !$0.closed }
        guard !channels.isEmpty else { return -1 }
        var fds = channels.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
        let ready = poll(&fds, nfds_t(fds.count), Int32(max(0, timeout * 1000)))
        guard ready > 0 else { return 0 }
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 65536)
        for (index, channel) in channels.enumerated() where fds[index].revents != 0 {
            let count = buffer.withUnsafeMutableBytes { read(channel.fd, $0.baseAddress, $0.count) }
            if count > 0 {
                channel.append(buffer[0..<count])
                total += count
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                // EIO: no process has the slave open any more.
                channel.closed = true
                Glibc.close(channel.fd)
            }
        }
        return total
    }

    /// Waits until `text` appears in `channel` (default: the terminal) after the previous match, with escape
    /// sequences removed; returns the text from the previous match to the end of this one. Throws, with
    /// what did arrive, after `timeout` seconds.
    @discardableResult
    func expect(_ text: String, timeout: Double = 10, on channel: Channel? = nil) throws -> String {
        let channel = channel ?? terminal
        let deadline = Self.now() + timeout
        while true {
            if let found = channel.match(text) {
                channel.advance(to: found.end)
                return found.text
            }
            let left = deadline - Self.now()
            if left <= 0 || (channel.closed && channel.match(text) == nil) {
                throw Failure(description: """
                    expected \(text.debugDescription) within \(timeout) s\(channel.closed ? " (the program closed the terminal)" : ""); \
                    after the last match the terminal showed:
                    \(String(channel.unread.suffix(3000)).debugDescription)
                    """)
            }
            pump(timeout: min(left, 0.05))
        }
    }

    /// Reads for `seconds`, however much or little arrives.
    func drain(for seconds: Double) {
        let deadline = Self.now() + seconds
        while Self.now() < deadline && pump(timeout: min(0.05, max(0, deadline - Self.now()))) >= 0 {}
    }

    /// Waits for the child to exit, reading its output meanwhile (so it never blocks on a full terminal);
    /// returns its exit status (128 + signal number if a signal ended it). Throws after `timeout` seconds.
    func waitForExit(timeout: Double = 10) throws -> Int32 {
        if let exitStatus { return exitStatus }
        let deadline = Self.now() + timeout
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
                exitStatus = code
                // Collect what it wrote before exiting: up to end of file, or until it has been quiet for 0.2 s.
                let end = Self.now() + 2
                while Self.now() < end && pump(timeout: 0.2) > 0 {}
                return code
            }
            if Self.now() > deadline {
                throw Failure(description: "the program did not exit within \(timeout) s; the terminal showed:\n"
                              + String(terminal.unread.suffix(3000)).debugDescription)
            }
            pump(timeout: 0.02)
        }
    }

    /// Seconds on a monotonic clock.
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}

private extension ArraySlice where Element == UInt8 {
    /// Whether `bytes` occur somewhere in this slice.
    func contains(sequence bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty, count >= bytes.count else { return bytes.isEmpty }
        var start = startIndex
        while start + bytes.count <= endIndex {
            if self[start..<(start + bytes.count)].elementsEqual(bytes) { return true }
            start += 1
        }
        return false
    }
}

/// glibc's GNU extensions to posix_spawn, which Swift's Glibc module does not import (it is built without
/// _GNU_SOURCE): the `POSIX_SPAWN_SETSID` flag from <spawn.h>, and two file actions looked up at run time.
private enum GNUExtensions {
    /// `POSIX_SPAWN_SETSID` (glibc ≥ 2.26): the child calls setsid() before the file actions run.
    static let setsid: Int32 = 0x80

    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32

    /// `posix_spawn_file_actions_addchdir_np` (glibc ≥ 2.29).
    static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")
    /// `posix_spawn_file_actions_addclosefrom_np` (glibc ≥ 2.34).
    static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")

    private static func symbol<T>(_ name: String) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let address = dlsym(handle, name) else { return nil }
        return unsafeBitCast(address, to: T.self)
    }
}
