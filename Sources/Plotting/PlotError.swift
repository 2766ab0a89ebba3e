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
    /// gnuplot exists but could not be started (fork or exec failed).
    case cannotStartGnuplot(executable: String, reason: String)
    /// gnuplot ran and exited with a non-zero status; `output` is everything it wrote on stderr.
    /// The message shows only gnuplot's own error line (see `gnuplotMessage`).
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
    /// This gnuplot has no `sixelgd` terminal (built without libgd's sixel support), so no image preview.
    case noSixelTerminal

    public var description: String {
        switch self {
        case .gnuplotNotFound(let searched):
            return "gnuplot not found: install gnuplot-nox (scripts/setup installs it); looked \(searched)"
        case .cannotStartGnuplot(let executable, let reason):
            return "cannot start gnuplot '\(executable)': \(reason)"
        case .gnuplotFailed(let status, let output):
            guard let message = PlotError.gnuplotMessage(output) else {
                return "gnuplot failed (exit status \(status)) without an error message"
            }
            return "gnuplot: " + message
        case .gnuplotKilled(let signal, let output):
            return "gnuplot was killed by signal \(signal)" + (PlotError.gnuplotMessage(output).map { ": " + $0 } ?? "")
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
        case .noSixelTerminal:
            return "this gnuplot has no sixelgd terminal, so no image previews; text previews instead"
        }
    }
}

extension PlotError {
    /// gnuplot's error in one line, from everything it wrote on stderr, e.g. `line 3: undefined
    /// variable: foo`. gnuplot reports an error as the offending script line, a caret under it,
    /// then `"/dev/stdin" line 3: message`, sometimes followed by `system error: reason`; it
    /// stops at the first error, so the last such line is the one. The echoed script line (which
    /// can hold a long title or inline data) is never shown. Without such a line (not gnuplot,
    /// or a crash), the last non-blank line stands in. Control characters become spaces and the
    /// result is cut to `limit` characters. Nil if there is no text at all.
    static func gnuplotMessage(_ output: String, limit: Int = 300) -> String? {
        let lines = output.split(whereSeparator: \.isNewline).map(String.init)
        var message: String?
        for (index, line) in lines.enumerated().reversed() {
            guard let located = located(line), !located.lowercased().contains(": warning:") else { continue }
            message = located
            if index + 1 < lines.count, lines[index + 1].hasPrefix("system error:") {
                message! += " (\(lines[index + 1]))"
            }
            break
        }
        if message == nil {
            message = lines.last { line in
                !line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "^" }
            }.map { located($0) ?? $0 }
        }
        guard let message else { return nil }
        let flat = String(String.UnicodeScalarView(message.unicodeScalars.map {
            $0.properties.generalCategory == .control ? " " : $0
        })).trimmingCharacters(in: .whitespaces)
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }

    /// `line 3: message` from gnuplot's `"FILE" line 3: message`, or nil for any other line.
    private static func located(_ line: String) -> String? {
        guard line.hasPrefix("\""), let marker = line.range(of: "\" line ") else { return nil }
        let rest = line[marker.upperBound...]
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, rest.dropFirst(digits.count).hasPrefix(": ") else { return nil }
        return "line " + rest
    }

    /// The C library's text for an errno value, e.g. "Permission denied".
    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

// So that `error.localizedDescription` (Foundation) shows the same message as `description`.
extension PlotError: LocalizedError {
    public var errorDescription: String? { description }
}
