import Foundation
import NeuralNet

/// One place for number formats, so every command prints the same way.
enum Format {
    /// `text` with every control character written as an escape (`\e`, `\n`, `\u{7F}`…): what a user typed or
    /// a file contained may be echoed, but must never act on the terminal.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else { result.unicodeScalars.append(scalar); continue }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{1B}": result += "\\e"
            case "\0": result += "\\0"
            default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// A token quoted in a message: printable, and at most `limit` characters (`…` marks the cut).
    static func shown(_ token: String, limit: Int = 40) -> String {
        let clean = printable(token)
        return clean.count <= limit ? clean : String(clean.prefix(limit)) + "…"
    }

    /// Costs: 6 decimals, as the lecture's assignment prints them.
    static func cost(_ x: Double) -> String {
        x.isFinite ? String(format: "%.6f", x) : (x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf"))
    }
    /// Percentages: two decimals and a space before `%` (`90.75 %`).
    static func percent(_ fraction: Double) -> String { String(format: "%.2f %%", fraction * 100) }
    /// Parameters: 8 decimals, sign column kept so matrices line up.
    static func parameter(_ x: Double) -> String { String(format: "% .8f", x) }
    /// Durations in the unit that keeps 3 significant figures readable.
    static func duration(_ seconds: Double) -> String {
        if seconds < 1e-3 { return String(format: "%.1f µs", seconds * 1e6) }
        if seconds < 1 { return String(format: "%.2f ms", seconds * 1e3) }
        return String(format: "%.2f s", seconds)
    }
    static func number(_ x: Double) -> String { formatShort(x) }
    /// Right-aligns `text` in `width` columns.
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
    /// A table row without the padding of its empty last columns.
    static func row(_ text: String) -> String {
        var text = Substring(text)
        while text.last == " " { text.removeLast() }
        return String(text)
    }

    static func padRight(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
    /// A matrix, one row per line, each row in brackets: `[[-0.00416758, -0.00056267], …]` style but aligned.
    static func matrix(_ name: String, _ m: Matrix, maxRows: Int = 12, maxCols: Int = 8) -> [String] {
        var lines = ["\(name) \(m.shape):"]
        for i in 0..<min(m.rows, maxRows) {
            var cells = (0..<min(m.cols, maxCols)).map { parameter(m[i, $0]) }
            if m.cols > maxCols { cells.append("… (\(m.cols - maxCols) more)") }
            lines.append("  [" + cells.joined(separator: "  ") + "]")
        }
        if m.rows > maxRows { lines.append("  … (\(m.rows - maxRows) more rows)") }
        return lines
    }
}
