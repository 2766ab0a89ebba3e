// User text must never become gnuplot commands: file names, folder names, titles, labels and
// class names all go through GnuplotText.quoted.

import Foundation
import Plotting
import Testing

/// The parts of a gnuplot script outside string literals: '...' (taken literally) and "..."
/// (where a backslash escapes the next character). Also reports whether every string was closed
/// on its own line.
func unquotedText(of script: String) -> (text: String, balanced: Bool) {
    var outside = ""
    var balanced = true
    for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
        var quote: Character?
        var characters = Array(line)[...]
        while let c = characters.popFirst() {
            if let open = quote {
                if open == "\"" && c == "\\" {
                    _ = characters.popFirst()
                } else if c == open {
                    quote = nil
                }
            } else if c == "'" || c == "\"" {
                quote = c
            } else {
                outside.append(c)
            }
        }
        if quote != nil { balanced = false }
        outside.append("\n")
    }
    return (outside, balanced)
}

@Suite struct EscapingTests {
    @Test func quotedEscapesQuotesAndFlattensControlCharacters() {
        #expect(GnuplotText.quoted("it's") == #""it's""#)
        #expect(GnuplotText.quoted("'''a'''") == #""'''a'''""#)
        #expect(GnuplotText.quoted("'`touch x` \\n \"q\"") == #""'\140touch x\140 \\n \"q\"""#)
        #expect(GnuplotText.quoted("a\nb\rc\td\u{0}e") == "'a b c d e'")
        #expect(GnuplotText.quoted("`touch x` @macro \\n \"q\"") == "'`touch x` @macro \\n \"q\"'")
        #expect(GnuplotText.quoted("") == "''")
        #expect(GnuplotText.quoted("ünïcødé ✓") == "'ünïcødé ✓'")
    }

    static let hostile = "x'; system(\"touch pwned\"); '"

    @Test func scriptKeepsHostileTextInsideStrings() throws {
        let title = "t'\nsystem(\"touch pwned\")\n' `touch pwned` @x _{sub}^{sup} & done"
        let plot = ScatterPlot(points: ClassPoints(x: [0, 1], y: [1, 0], classes: [0, 1]),
                               classNames: [Self.hostile, "b'c"], title: title,
                               xLabel: Self.hostile, yLabel: "y\n!touch pwned")
        let script = try plot.script(output: "/tmp/" + Self.hostile + ".png").text
        let outside = unquotedText(of: script)
        #expect(outside.balanced)
        #expect(!outside.text.contains("system"))
        #expect(!outside.text.contains("touch"))
        #expect(!outside.text.contains("`"))
        #expect(script.contains(#"set output "/tmp/x'; system(\"touch pwned\"); '.png""#))
        #expect(script.contains(#"title "x'; system(\"touch pwned\"); '""#))
        // Titles render literally: every terminal is noenhanced.
        #expect(script.contains(" noenhanced "))
    }

    /// The real thing: gnuplot runs, writes exactly the hostile-named file, and runs nothing.
    /// gnuplot's working directory is ours, so a successful `touch pwned` would appear there;
    /// the injections in the title use absolute marker paths instead.
    @Test func hostileFileAndFolderNamesWriteThatFileAndRunNothing() throws {
        let folder = try TemporaryFolder("hostile")
        defer { folder.remove() }
        let marker = folder.file("pwned")
        let name = "x'; system(\"touch pwned\"); '.png"
        let subfolder = folder.file("d'; system(\"touch pwned\"); '")
        let path = subfolder + "/" + name
        let plot = CostPlot(iterations: [0, 1, 2], trainingCost: [0.7, 0.5, 0.4],
                            title: "t'; system(\"touch \(marker)1\"); ' `touch \(marker)2` a_b^c @{x} & 100%\nsystem(\"touch \(marker)3\")")
        let result = try plot.render(to: path)
        #expect(result.path == path)
        #expect(PNGHeader(path: path) != nil)
        let written = try FileManager.default.contentsOfDirectory(atPath: subfolder)
        #expect(written == [name])  // and no temporary file left behind
        for suffix in ["1", "2", "3"] {
            #expect(!FileManager.default.fileExists(atPath: marker + suffix), "gnuplot ran injected code (\(suffix))")
        }
        #expect(!FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/pwned"))
        #expect(!FileManager.default.fileExists(atPath: marker))
        _ = try? CostPlot(iterations: [0, 1, 2], trainingCost: [0.7, 0.5, 0.4], title: "x_1^2 @{a} & {b} 100% it's \\n")
            .render(to: showcasePath("literal-title.png"))
    }
}
