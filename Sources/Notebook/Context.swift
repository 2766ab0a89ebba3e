import Foundation

/// What a command may do besides changing the session: write output, report progress, check for
/// Ctrl-C, read the clock. The executable supplies a terminal-backed context; tests supply their own.
public final class Context {
    /// Receives each output line as it is produced (so `train` streams its table).
    public var emit: (String) -> Void
    /// Returns true once the user asked to stop (Ctrl-C); long commands check it between iterations.
    public var shouldStop: () -> Bool
    /// Forgets a pending stop request (the interpreter calls it before each statement, so a Ctrl-C
    /// never outlives the statement it interrupted).
    public var clearStop: () -> Void
    /// Shows a transient progress line (terminal only); nil hides it. Never part of the transcript.
    public var progress: ((String?) -> Void)?
    /// Whether output goes to a terminal (decides preview plots and colours).
    public var isTerminal: Bool
    /// Whether ANSI colours may be used (a terminal, and NO_COLOR unset).
    public var colour = false
    /// The width text is wrapped to (`help`): the terminal's, or 80 when unknown.
    public var columns = 80
    /// Whether a person is typing the commands (the REPL), as opposed to a script, `-e` or a pipe.
    public var isInteractive = false
    /// The terminal's height in lines (the live view fits in it), 24 when unknown.
    public var rows = 24
    /// Writes bytes straight to the terminal: sixel images and the live view's redraws. Terminal
    /// decoration, never part of the record. nil when stdout is not a terminal, so that no escape
    /// sequence ever reaches a file or a pipe.
    public var drawOnTerminal: (([UInt8]) -> Void)?
    /// Whether the terminal shows sixel images. The executable asks the terminal (once, when first
    /// needed); elsewhere false.
    public var terminalShowsImages: () -> Bool = { false }
    /// The terminal's text area in pixels, when it reports it (many do not: then nil).
    public var terminalPixels: () -> (width: Int, height: Int)? = { nil }
    /// The environment's choice for `set preview auto` (SHALLOW_PREVIEW=text|image|off), instead of asking the terminal.
    public var previewOverride: PreviewMode?
    /// Shows the live view (`train N live`) in place of the previous one; nil removes it. Terminal only,
    /// never part of the record; nil when stdout is not an interactive terminal.
    public var live: ((String?) -> Void)?
    /// Set once gnuplot turned out to lack the sixelgd terminal: previews are text from then on.
    var imagesUnavailable = false
    /// Lines emitted by the current command, kept for notebooks.
    public private(set) var lines: [String] = []
    /// Files written by the current command (plots, models, scripts).
    public private(set) var files: [String] = []
    /// How many `run` commands are executing inside each other.
    public internal(set) var scriptDepth = 0
    /// How many scripts the outermost running `run` has started, itself included (see `Interpreter.maximumRuns`).
    var scriptRuns = 0
    /// Set by `quit`.
    public internal(set) var quitRequested = false
    /// Where the current statement came from (`FILE:LINE`), nil at the prompt.
    public private(set) var source: String?
    /// What the current statement did, when that differs from what was typed: an interrupted
    /// `train 5000000` records itself as `train 293234`, so a saved script replays what happened.
    public private(set) var recordedText: String?
    /// A remark kept with the cell (`interrupted at iteration 293234; typed: train 5000000`).
    public private(set) var recordedNote: String?

    public init(isTerminal: Bool = false, emit: @escaping (String) -> Void = { _ in },
                shouldStop: @escaping () -> Bool = { false }, clearStop: @escaping () -> Void = {},
                progress: ((String?) -> Void)? = nil) {
        self.isTerminal = isTerminal
        self.emit = emit
        self.shouldStop = shouldStop
        self.clearStop = clearStop
        self.progress = progress
    }

    public func say(_ line: String) {
        let line = Format.printable(line)
        lines.append(line)
        emit(line)
    }

    public func wrote(_ path: String) { files.append(path) }

    /// Records the current statement as `text` (with `note`) instead of what was typed.
    public func record(as text: String, note: String) {
        recordedText = text
        recordedNote = note
    }

    func beginCommand(source: String?) {
        lines = []
        files = []
        self.source = source
        recordedText = nil
        recordedNote = nil
    }

    /// Whether a stop was requested, clearing the request.
    func takeStop() -> Bool {
        let stop = shouldStop()
        clearStop()
        return stop
    }

    /// Seconds on a monotonic clock.
    public func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
