// `set preview on`: after writing a line or scatter plot, a small copy of it as text, drawn by
// gnuplot's `dumb` terminal, to print in the terminal under the command. The same plot value
// draws both, so the preview says what the file shows (title, axes, legend); points become
// one character per class (o, x, + ...), as filled markers cannot be drawn in text.
//
// Heat maps and multi-panel pages do not read as text through gnuplot, so only the kinds that
// do adopt `TerminalPreviewable`; the decision boundary draws its own (TextBoundary.swift).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A plot that reads well as text: a cost curve, a scatter plot, a decision boundary.
public protocol TerminalPreviewable: Plot {
    /// The title the plot sets (shortened in a narrow preview).
    var title: String { get }
    /// This plot as text in at most `columns` × `rows` characters; the default is gnuplot's `dumb` terminal.
    func preview(columns: Int, rows: Int, colour: Bool, options: PlotOptions) throws -> String
}

extension CostPlot: TerminalPreviewable {}
extension ScatterPlot: TerminalPreviewable {}

extension TerminalPreviewable {
    /// This plot as text, at most `columns` × `rows` characters (gnuplot's `dumb` terminal), with
    /// ANSI colours if `colour`: the title centred on the first line(s), wrapped if it is longer
    /// than a line, then the plot; lines end without trailing blanks, and blank lines at the top
    /// and bottom are removed. gnuplot is found as `options` say; size and fonts are not used.
    /// - Throws: `PlotError` as `render` does (bad data, gnuplot missing or failing), or
    ///   `.invalidOptions` for a size outside 20...400 columns, 8...200 rows.
    public func preview(columns: Int = 79, rows: Int = 24, colour: Bool = false,
                        options: PlotOptions = PlotOptions()) throws -> String {
        guard (20...400).contains(columns), (8...200).contains(rows) else {
            throw PlotError.invalidOptions("preview size \(columns)×\(rows) is out of range (20–400 columns, 8–200 rows)")
        }
        var options = options
        options.textPreview = true
        var body = GnuplotScript()
        try draw(into: &body, options: options)
        // The dumb terminal drops a title that would stick out of the page altogether (it is
        // centred over the plot, which the legend pushes left). So the preview writes the title
        // itself, centred and wrapped to the width, and gnuplot draws the rest in the rows left.
        let heading = TerminalPreview.heading(title, width: columns)
        body.replaceText("set title \(GnuplotText.quoted(title))\n", with: "unset title\n")
        let gnuplot = try GnuplotProcess.locate(executable: options.gnuplotExecutable, searchPath: options.searchPath)
        let output = try TerminalPreview.temporaryFile()
        defer { unlink(output) }

        var script = GnuplotScript()
        // nofeed: no form feed before the picture.
        script.command("set terminal dumb size \(columns),\(max(rows - heading.count, 6)) nofeed noenhanced \(colour ? "ansi" : "mono")")
        script.command("set output \(GnuplotText.quoted(output))")
        script.command("set encoding utf8")
        script.command("set tics out nomirror")
        script.command("set key noautotitle")
        script.append(contentsOf: body)
        script.command("unset output")
        _ = try gnuplot.run(script)
        guard let data = FileManager.default.contents(atPath: output) else {
            throw PlotError.system("cannot read gnuplot's text preview")
        }
        let picture = TerminalPreview.tidy(String(decoding: data, as: UTF8.self))
        return (heading + [picture]).joined(separator: "\n")
    }
}

enum TerminalPreview {
    /// Each line centred in `width` columns (left padding only).
    static func centred(_ lines: [String], width: Int) -> [String] {
        lines.map { String(repeating: " ", count: max(0, (width - $0.count) / 2)) + $0 }
    }

    /// The title wrapped to `width`, at most three lines (the third cut with "...").
    static func heading(_ title: String, width: Int) -> [String] {
        var heading = wrap(title, width: width)
        if heading.count > 3 {
            heading = Array(heading.prefix(3))
            heading[2] = String(heading[2].prefix(width - 3)) + "..."
        }
        return centred(heading, width: width)
    }

    /// Form feeds and trailing blanks removed from every line (also among colour codes at its
    /// end, which colour nothing), blank lines removed at both ends; with colours, a final reset.
    static func tidy(_ text: String) -> String {
        // gnuplot 5.4 starts the page with a form feed even with `nofeed`.
        let text = text.replacingOccurrences(of: "\u{0C}", with: "").replacingOccurrences(of: "\r", with: "")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var line = String(line)
            while true {
                if line.last == " " {
                    line.removeLast()
                } else if let code = trailingColourCode(line) {
                    line.removeSubrange(code)
                } else {
                    return line
                }
            }
        }
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        let coloured = lines.contains { $0.contains("\u{1B}[") }
        return lines.joined(separator: "\n") + (coloured ? "\u{1B}[0m" : "")
    }

    /// The range of an ANSI colour code (ESC [ digits and semicolons m) that ends `line`, if any.
    static func trailingColourCode(_ line: String) -> Range<String.Index>? {
        guard line.hasSuffix("m"), let start = line.range(of: "\u{1B}[", options: .backwards) else { return nil }
        let parameters = line[start.upperBound..<line.index(before: line.endIndex)]
        return parameters.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ";") }) ? start.lowerBound..<line.endIndex : nil
    }

    /// `text` in lines of at most `width` characters, broken at spaces where possible; control
    /// characters become spaces (as in every title). Empty text gives no lines.
    static func wrap(_ text: String, width: Int) -> [String] {
        let flat = String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
        var lines: [String] = [], line = ""
        for word in flat.split(separator: " ") {
            var word = Substring(word)
            while word.count > width {  // a word longer than a line: cut it
                if !line.isEmpty { lines.append(line); line = "" }
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// A new empty file in $TMPDIR (or /tmp) for gnuplot to write the text into.
    static func temporaryFile() throws -> String {
        let (fd, path) = try GnuplotProcess.makeTemporaryFile(prefix: "shallow-preview", suffix: ".txt")
        close(fd)
        return path
    }
}
