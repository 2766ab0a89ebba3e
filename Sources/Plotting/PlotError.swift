// Every way a plot can fail, as values whose messages say what went wrong and what to do.
// Paths and gnuplot's own words are quoted exactly, so the user can act on them.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An error from drawing a plot. `description` is the message to show the user.
public enum PlotError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No `gnuplot` executable on the search path (or at the explicit path given). `searched` says
    /// where we looked, e.g. "in PATH /usr/bin:/bin" or "at /opt/gnuplot".
    case gnuplotNotFound(searched: String)
    /// gnuplot exists but could not be started (posix_spawn failed).
    case cannotStartGnuplot(executable: String, reason: String)
    /// gnuplot ran and exited with a non-zero status; `output` is its own error text.
    case gnuplotFailed(status: Int32, output: String)
    /// gnuplot was killed by a signal.
    case gnuplotKilled(signal: Int32, output: String)
    /// The destination folder is missing and cannot be created, or is not writable.
    case outputFolder(path: String, reason: String)
    /// The output file itself cannot be written (e.g. the path is a folder).
    case outputFile(path: String, reason: String)
    /// The file name's extension is not one of the formats gnuplot can write here.
    case unsupportedFormat(path: String, fileExtension: String)
    /// The data handed to a plot cannot be drawn (empty, mismatched lengths, not finite, ...).
    case invalidData(String)
    /// Plot options out of range (size, font).
    case invalidOptions(String)
    /// A system call around the gnuplot process failed (pipe, temporary file, wait).
    case system(String)

    public var description: String {
        switch self {
        case .gnuplotNotFound(let searched):
            return "gnuplot not found: install gnuplot-nox (scripts/setup installs it); looked \(searched)"
        case .cannotStartGnuplot(let executable, let reason):
            return "cannot start gnuplot '\(executable)': \(reason)"
        case .gnuplotFailed(let status, let output):
            return output.isEmpty
                ? "gnuplot failed (exit status \(status)) without an error message"
                : "gnuplot failed (exit status \(status)):\n\(output)"
        case .gnuplotKilled(let signal, let output):
            return "gnuplot was killed by signal \(signal)" + (output.isEmpty ? "" : ":\n\(output)")
        case .outputFolder(let path, let reason):
            return "cannot write plots to folder '\(path)': \(reason)"
        case .outputFile(let path, let reason):
            return "cannot write plot file '\(path)': \(reason)"
        case .unsupportedFormat(let path, let fileExtension):
            return "cannot plot to '\(path)': unknown file type '.\(fileExtension)' (use .png, .svg, .pdf or .gif)"
        case .invalidData(let message):
            return "cannot plot: \(message)"
        case .invalidOptions(let message):
            return "bad plot options: \(message)"
        case .system(let message):
            return "plotting failed: \(message)"
        }
    }
}

extension PlotError {
    /// The C library's text for an errno value, e.g. "Permission denied".
    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

// So that `error.localizedDescription` (Foundation) shows the same message as `description`.
extension PlotError: LocalizedError {
    public var errorDescription: String? { description }
}
