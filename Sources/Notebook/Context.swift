import Foundation

/// What a command may do besides changing the session: write output, report progress, check for
/// Ctrl-C, read the clock. The executable supplies a terminal-backed context; tests supply their own.
public final class Context {
    /// Receives each output line as it is produced (so `train` streams its table).
    public var emit: (String) -> Void
    /// Returns true once the user asked to stop (Ctrl-C); long commands check it between iterations.
    public var shouldStop: () -> Bool
    /// Shows a transient progress line (terminal only); nil hides it. Never part of the transcript.
    public var progress: ((String?) -> Void)?
    /// Whether output goes to a terminal (decides preview plots and colours).
    public var isTerminal: Bool
    /// Whether ANSI colours may be used (a terminal, and NO_COLOR unset).
    public var colour = false
    /// Whether a person is typing the commands (the REPL), as opposed to a script, `-e` or a pipe.
    public var isInteractive = false
    /// Lines emitted by the current command, kept for notebooks.
    public private(set) var lines: [String] = []
    /// Files written by the current command (plots, models, scripts).
    public private(set) var files: [String] = []
    /// How many `run` commands are executing inside each other.
    public internal(set) var scriptDepth = 0
    /// Set by `quit`.
    public internal(set) var quitRequested = false

    public init(isTerminal: Bool = false, emit: @escaping (String) -> Void = { _ in },
                shouldStop: @escaping () -> Bool = { false }, progress: ((String?) -> Void)? = nil) {
        self.isTerminal = isTerminal
        self.emit = emit
        self.shouldStop = shouldStop
        self.progress = progress
    }

    public func say(_ line: String) {
        lines.append(line)
        emit(line)
    }

    public func wrote(_ path: String) { files.append(path) }

    func beginCommand() {
        lines = []
        files = []
    }

    /// Seconds on a monotonic clock.
    public func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
