// Swift owns the gnuplot process: finds the executable, spawns it with a pipe on its stdin,
// streams the script through GnuplotIO (gnuplot-iostream), waits for it to exit and turns a
// failure into a PlotError that quotes gnuplot's own error text.
//
// Decisions, and why:
// - gnuplot reads the script as a file (`gnuplot -d /dev/stdin`), not as interactive input:
//   then it stops at the first error (interactively it would carry on and read the following
//   data as commands) and still exits with status 1. `-d` skips ~/.gnuplot so every user's plots
//   look the same.
// - gnuplot dies with us: it is started by GnuplotIO's fork/exec helper, whose child sets
//   PR_SET_PDEATHSIG before exec (posix_spawn has no hook for that). A `shallow` killed by
//   SIGKILL no longer leaves a gnuplot behind.
// - SIGPIPE is ignored process-wide: writing to a gnuplot that has already died must become an
//   error we can report, not a signal that kills the REPL. The child gets the default back.
// - stderr goes to an unlinked temporary file rather than a second pipe, so a chatty gnuplot can
//   never block while we are still writing its stdin (no reader thread needed).
// - Every descriptor is close-on-exec, so a gnuplot started by another thread at the same time
//   never inherits our pipe (which would keep our gnuplot waiting for end-of-input).
// - Output files are complete only once gnuplot has exited; `run` returns only after that.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GnuplotIO

/// A gnuplot executable that can run scripts.
public struct GnuplotProcess: Sendable {
    /// Path of the executable that will be spawned.
    public let executable: String

    public init(executable: String) {
        self.executable = executable
    }

    /// The gnuplot to use: `executable` if given, else the first `gnuplot` on `searchPath`
    /// (colon-separated; `nil` means the process's `PATH`).
    /// - Throws: `PlotError.gnuplotNotFound`, whose message says how to install it.
    public static func locate(executable: String? = nil, searchPath: String? = nil) throws -> GnuplotProcess {
        if let executable {
            guard isExecutableFile(executable) else { throw PlotError.gnuplotNotFound(searched: "at \(executable)") }
            return GnuplotProcess(executable: executable)
        }
        let path = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":", omittingEmptySubsequences: false) {
            // An empty PATH entry means the current directory (POSIX).
            let candidate = (directory.isEmpty ? "." : String(directory)) + "/gnuplot"
            if isExecutableFile(candidate) { return GnuplotProcess(executable: candidate) }
        }
        throw PlotError.gnuplotNotFound(searched: "in PATH \(path.isEmpty ? "(empty)" : path)")
    }

    /// Runs gnuplot on `script` and waits until it has exited.
    /// - Returns: whatever gnuplot printed on stderr (warnings), trimmed; usually empty.
    /// - Throws: `PlotError.gnuplotFailed` with gnuplot's error text, or a system error.
    public func run(_ script: GnuplotScript) throws -> String {
        _ = GnuplotProcess.ignoreSIGPIPE

        let errorFile = try GnuplotProcess.anonymousFile()
        defer { close(errorFile) }

        var ends: [Int32] = [-1, -1]
        guard gnuplotio_pipe_cloexec(&ends) == 0 else {
            throw PlotError.system("cannot create a pipe to gnuplot: \(PlotError.reason(errno))")
        }
        let (readEnd, writeEnd) = (ends[0], ends[1])

        let pid: pid_t
        do {
            pid = try spawn(stdin: readEnd, stderr: errorFile)
        } catch {
            close(readEnd)
            close(writeEnd)
            throw error
        }
        close(readEnd)  // the child has its own copy; ours would hide gnuplot's exit from writes

        let writeFailure = GnuplotProcess.feed(script, to: writeEnd)
        let status = try GnuplotProcess.wait(for: pid)
        let output = GnuplotProcess.readAll(errorFile)

        switch status {
        case .exited(0):
            // gnuplot finished happily yet did not read everything: a bug in our script.
            if let writeFailure { throw PlotError.system(writeFailure) }
            return output
        case .exited(let code):
            throw PlotError.gnuplotFailed(status: code, output: output)
        case .signalled(let signal):
            throw PlotError.gnuplotKilled(signal: signal, output: output)
        }
    }

    // MARK: - Process plumbing

    private static let ignoreSIGPIPE: Void = {
        _ = signal(SIGPIPE, SIG_IGN)
    }()

    private static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && access(path, X_OK) == 0
    }

    /// Starts `executable -d /dev/stdin` with the given stdin and stderr, stdout discarded, through
    /// GnuplotIO's fork/exec helper: the child asks the kernel to kill it when we die (Linux
    /// PR_SET_PDEATHSIG), which posix_spawn cannot do.
    private func spawn(stdin: Int32, stderr: Int32) throws -> pid_t {
        let argumentStrings: [String] = [executable, "-d", "/dev/stdin"]
        let environmentStrings: [String] = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let arguments: [UnsafeMutablePointer<CChar>?] = argumentStrings.map { (text: String) in strdup(text) } + [nil]
        let environment: [UnsafeMutablePointer<CChar>?] = environmentStrings.map { (text: String) in strdup(text) } + [nil]
        defer {
            for pointer in arguments { free(pointer) }
            for pointer in environment { free(pointer) }
        }

        var pid: pid_t = 0
        let result = gnuplotio_spawn(executable, arguments, environment, stdin, stderr, &pid)
        guard result == 0 else {
            throw PlotError.cannotStartGnuplot(executable: executable, reason: PlotError.reason(result))
        }
        return pid
    }

    /// Streams the script onto the pipe through GnuplotIO and closes it (gnuplot sees end of
    /// input). Returns the first write failure, or nil. Never throws: when gnuplot dies early,
    /// its exit status and message are the real news, so the caller waits for those first.
    private static func feed(_ script: GnuplotScript, to writeEnd: Int32) -> String? {
        guard let file = fdopen(writeEnd, "w") else {
            let reason = PlotError.reason(errno)
            close(writeEnd)
            return "cannot open the pipe to gnuplot: \(reason)"
        }
        guard let session = gnuplotio_open(file) else {
            fclose(file)
            return "cannot start a gnuplot-iostream session"
        }
        var status = Int32(GNUPLOTIO_OK)
        for piece in script.pieces where status == Int32(GNUPLOTIO_OK) {
            status = send(piece, to: session)
        }
        let failure = status == Int32(GNUPLOTIO_OK) ? nil : String(cString: gnuplotio_error(session))
        let closeStatus = gnuplotio_close(session)
        if let failure { return failure }
        return closeStatus == Int32(GNUPLOTIO_OK) ? nil : "writing to gnuplot failed (status \(closeStatus))"
    }

    private static func send(_ piece: GnuplotScript.Piece, to session: OpaquePointer) -> Int32 {
        switch piece {
        case .text(let text):
            return text.withCString { gnuplotio_send_text(session, $0, text.utf8.count) }
        case .points(let data):
            return data.values.withUnsafeBufferPointer { values in
                if data.blockEnds.isEmpty {
                    return gnuplotio_send1d(session, values.baseAddress, data.rows, data.columns)
                }
                return data.blockEnds.withUnsafeBufferPointer { ends in
                    gnuplotio_send_blocks(session, values.baseAddress, data.rows, data.columns,
                                          ends.baseAddress, ends.count)
                }
            }
        case .grid(let grid):
            switch grid.values {
            case .floats(let values):
                return values.withUnsafeBufferPointer {
                    gnuplotio_send_binary2d_float(session, $0.baseAddress, grid.nx, grid.ny, grid.channels)
                }
            case .bytes(let values):
                return values.withUnsafeBufferPointer {
                    gnuplotio_send_binary2d_uint8(session, $0.baseAddress, grid.nx, grid.ny, grid.channels)
                }
            }
        }
    }

    private enum ExitStatus {
        case exited(Int32)
        case signalled(Int32)
    }

    private static func wait(for pid: pid_t) throws -> ExitStatus {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw PlotError.system("waiting for gnuplot: \(PlotError.reason(errno))") }
        }
        // The W* macros are not imported into Swift; these are their POSIX definitions.
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }

    /// A read-write file with no name (created in $TMPDIR, then unlinked), close-on-exec.
    private static func anonymousFile() throws -> Int32 {
        let (fd, path) = try makeTemporaryFile(prefix: "shallow-gnuplot", suffix: ".err")
        unlink(path)
        return fd
    }

    /// A new empty file in $TMPDIR (or /tmp), opened read-write and close-on-exec; a fresh random name
    /// is tried until one does not exist yet (O_EXCL), so two renders never share a file.
    static func makeTemporaryFile(prefix: String, suffix: String) throws -> (fd: Int32, path: String) {
        let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        for _ in 0..<16 {
            let path = "\(directory)/\(prefix)-\(getpid())-\(UInt64.random(in: 0...UInt64.max))\(suffix)"
            let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 { return (fd, path) }
            if errno != EEXIST {
                throw PlotError.system("cannot create a temporary file in \(directory): \(PlotError.reason(errno))")
            }
        }
        throw PlotError.system("cannot create a temporary file in \(directory)")
    }

    /// gnuplot's stderr (first 64 KiB), without leading and trailing blank lines.
    private static func readAll(_ fd: Int32) -> String {
        lseek(fd, 0, SEEK_SET)
        var bytes = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 8192)
        while bytes.count < 65_536 {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let isBlank = { (line: Substring) in line.allSatisfy(\.isWhitespace) }
        guard let first = lines.firstIndex(where: { !isBlank($0) }),
              let last = lines.lastIndex(where: { !isBlank($0) }) else { return "" }
        return lines[first...last].joined(separator: "\n")
    }
}
