// gnuplot's failures reach the user as one line — gnuplot's own message — never as the echoed
// script.

import Foundation
@testable import Plotting
import Testing

@Suite struct GnuplotFailureTests {
    @Test func errorIsGnuplotsOwnLineWithoutTheScript() throws {
        let secret = String(repeating: "long title ", count: 500)
        var script = GnuplotScript()
        script.command("set title \(GnuplotText.quoted(secret))")
        script.command("print 'fine'")
        script.command("plot foo with lines title \(GnuplotText.quoted(secret))")
        let error = #expect(throws: PlotError.self) { try GnuplotProcess.locate().run(script) }
        // gnuplot counts a long line as several (its read buffer), so only the form is fixed.
        let message = error?.description ?? ""
        #expect(message.wholeMatch(of: /gnuplot: line [0-9]+: undefined variable: foo/) != nil, "\(message)")
    }

    @Test func caretLinesAndSystemErrorsAreFolded() {
        let output = """

        set term pngcairo; set output "/nonexistent/x.png"; plot x
                                                          ^
        "/dev/stdin" line 2: cannot open file; output not changed
        system error: No such file or directory
        """
        #expect(PlotError.gnuplotFailed(status: 1, output: output).description
                == "gnuplot: line 2: cannot open file; output not changed (system error: No such file or directory)")
        let warned = "\"/dev/stdin\" line 2: warning: Cannot find or open file \"/x\"\n\"/dev/stdin\" line 2: No data in plot\n"
        #expect(PlotError.gnuplotFailed(status: 1, output: warned).description == "gnuplot: line 2: No data in plot")
        #expect(PlotError.gnuplotFailed(status: 1, output: "").description
                == "gnuplot failed (exit status 1) without an error message")
        #expect(PlotError.gnuplotFailed(status: 3, output: "oops\n\u{1b}[31mbroken " + String(repeating: "x", count: 1000))
                    .description.count <= 320)
        #expect(PlotError.gnuplotKilled(signal: 9, output: "").description == "gnuplot was killed by signal 9")
        #expect(!PlotError.gnuplotFailed(status: 1, output: output).description.contains("\n"))
    }

    @Test func realGnuplotErrorsAreOneLine() throws {
        let cases = ["set terminal nosuchterminal", "set xrange [1:1]; plot x", "plot '/nonexistent.dat'",
                     "set output '/nonexistent/folder/x.png'"]
        for line in cases {
            var script = GnuplotScript()
            script.command(line)
            let error = #expect(throws: PlotError.self) { try GnuplotProcess.locate().run(script) }
            let message = error?.description ?? ""
            #expect(message.hasPrefix("gnuplot: line 1: "), "\(message)")
            #expect(!message.contains("\n") && !message.contains("^"), "\(message)")
        }
    }
}
