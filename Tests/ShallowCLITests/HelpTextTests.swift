import Foundation
import Testing

/// Help fits the screen: wrapped at word boundaries to COLUMNS (80 when unknown), every form of a command shown.
@Suite struct HelpTextTests {
    @Test func helpLinesFitEightyColumns() throws {
        var topics = ["help"]
        for topic in ["load", "init", "train", "sweep", "sweep hidden", "set", "plot", "set optimizer", "plot boundary"] { topics.append("help \(topic)") }
        for width in [80, 60] {
            let result = try Binary.run(topics.flatMap { ["-e", $0] }, environment: ["COLUMNS": String(width)])
            #expect(result.status == 0)
            let long = result.lines.filter { $0.count > width }
            #expect(long.isEmpty, "lines over \(width): \(long)")
            // Wrapping never cuts a word: every word of the one-line summary survives.
            #expect(result.stdout.contains("usage: sweep hidden SIZES… [iters=N] [to FILE]"))
        }
    }

    @Test func oneUsageLineForABadFlagAndAnEvenUsageInHelp() throws {
        let bad = try Binary.run(["--bogus"])
        #expect(bad.status == 2)
        #expect(bad.stderr.split(separator: "\n").count == 2, "one message, one usage line: \(bad.stderr)")
        #expect(bad.stderr.contains("usage: shallow [FILE.nn…] | run FILE.nn… | -e 'COMMANDS'… [--keep-going]; see --help"))
        let help = try Binary.run(["--help"])
        #expect(help.stdout.contains("USAGE: shallow [FILE.nn…] | run FILE.nn… | -e 'COMMANDS'… [--keep-going]\n"))
    }
}
