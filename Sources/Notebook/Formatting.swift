import Foundation
import NeuralNet

/// One place for number formats, so every command prints the same way.
enum Format {
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
