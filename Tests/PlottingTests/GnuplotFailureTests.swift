// gnuplot's failures reach the user as one line — gnuplot's own message — never as the echoed
// script; a gnuplot that cannot be started says why; and gnuplot dies with its parent.

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

    @Test func gnuplotThatCannotStartSaysWhy() throws {
        let folder = try TemporaryFolder("cannot-start")
        defer { folder.remove() }
        _ = FileManager.default.createFile(atPath: folder.file("not-executable"), contents: Data("#!/bin/sh\n".utf8))
        for (path, reason) in [(folder.file("missing"), "No such file or directory"),
                               (folder.file("not-executable"), "Permission denied")] {
            let error = #expect(throws: PlotError.self) { try GnuplotProcess(executable: path).run(GnuplotScript()) }
            #expect(error == .cannotStartGnuplot(executable: path, reason: reason))
        }
    }

    /// The state letter of /proc/PID/stat ("R", "S", "Z", ...), or nil once the process is gone.
    static func state(of pid: pid_t) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ").first.map(String.init)
    }

    /// A `shallow` killed by SIGKILL while gnuplot runs: gnuplot must go too, at once. The
    /// "gnuplot" here is a stand-in on PATH that reports its pid and sleeps (exec keeps the pid
    /// and the parent-death signal).
    @Test func gnuplotDiesWithAKilledShallow() throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("shallow").path
        let candidates = [binary, Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("shallow").path]
        guard let shallow = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            Issue.record("the shallow binary is not built next to the tests (looked at \(candidates))")
            return
        }
        let folder = try TemporaryFolder("orphan")
        defer { folder.remove() }
        let pidFile = folder.file("gnuplot.pid")
        _ = try fakeGnuplot(in: folder, "echo $$ > '\(pidFile).tmp' && mv '\(pidFile).tmp' '\(pidFile)'\nexec sleep 60")
        try FileManager.default.moveItem(atPath: folder.file("fake-gnuplot"), toPath: folder.file("gnuplot"))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: shallow)
        process.arguments = ["-e", "load flower n=40; plot data to \(folder.file("data.png"))"]
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = folder.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()

        var gnuplot: pid_t?
        for _ in 0..<400 where gnuplot == nil {
            gnuplot = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap {
                pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            if gnuplot == nil { usleep(25_000) }
        }
        guard let gnuplot else {
            process.terminate()
            Issue.record("the stand-in gnuplot never started")
            return
        }
        #expect(Self.state(of: gnuplot) != nil)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        var gone = false
        for _ in 0..<100 where !gone {
            let state = Self.state(of: gnuplot)
            gone = state == nil || state == "Z" || state == "X"
            if !gone { usleep(10_000) }
        }
        #expect(gone, "gnuplot (pid \(gnuplot)) outlived its killed parent")
        if !gone { kill(gnuplot, SIGKILL) }
    }
}
