import Foundation

/// The three standard descriptors, made safe before anything else runs.
enum StandardStreams {
    /// A program started with fd 0, 1 or 2 closed (`shallow <&-`) would otherwise hand that number to the next
    /// file it opens — a CSV file read as commands, a plot written to "stdout". Each closed one is opened on
    /// /dev/null: a closed stdin then reads as empty input, a closed stdout or stderr discards.
    static func reopenClosed() {
        for fd in Int32(0)...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
            if opened >= 0 && opened != fd {
                dup2(opened, fd)
                close(opened)
            }
        }
    }
}

/// Reads lines from a descriptor as they arrive (LF, CRLF or lone CR end a line), so piped commands run
/// one by one and a long-running producer is served line by line. A line longer than `maximumLength`
/// bytes is not kept: it is reported as `.tooLong`, so no input can make the reader hold unbounded memory.
struct LineReader {
    enum Line: Equatable {
        case text(String)
        case tooLong(bytes: Int)
    }

    static let maximumLength = 1 << 20

    let fd: Int32
    private var buffer = [UInt8](repeating: 0, count: 65_536)
    private var start = 0
    private var end = 0
    private var current: [UInt8] = []
    private var currentLength = 0
    private var skipLineFeed = false
    private var atEnd = false
    /// The errno of a failed read (the input then ends).
    private(set) var failure: Int32?
    /// Polled while waiting for input: a Ctrl-C ends the input even when no more arrives.
    let shouldStop: () -> Bool

    init(fd: Int32, shouldStop: @escaping () -> Bool = { false }) {
        self.fd = fd
        self.shouldStop = shouldStop
    }

    mutating func next() -> Line? {
        while true {
            while start < end {
                let byte = buffer[start]
                start += 1
                if skipLineFeed {
                    skipLineFeed = false
                    if byte == 0x0A { continue }
                }
                if byte == 0x0A || byte == 0x0D {
                    skipLineFeed = byte == 0x0D
                    return takeLine()
                }
                currentLength += 1
                if currentLength <= Self.maximumLength { current.append(byte) } else if !current.isEmpty { current = [] }
            }
            if atEnd {
                return currentLength > 0 ? takeLine() : nil
            }
            // Wait in short slices (SIGINT restarts a blocked read, so the read itself cannot notice it).
            var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let polled = poll(&ready, 1, 100)
            if shouldStop() { return nil }
            if polled == 0 || (polled < 0 && errno == EINTR) { continue }
            let got = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                failure = errno
                atEnd = true
            } else if got == 0 {
                atEnd = true
            } else {
                start = 0
                end = got
            }
        }
    }

    private mutating func takeLine() -> Line {
        defer {
            current = []
            currentLength = 0
        }
        if currentLength > Self.maximumLength { return .tooLong(bytes: currentLength) }
        return .text(String(decoding: current, as: UTF8.self))
    }
}
