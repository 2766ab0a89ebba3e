// The gnuplot process: found or clearly missing, its errors quoted, a dead gnuplot survivable,
// and output files that appear whole or not at all.

import Foundation
@testable import Plotting
import Testing

/// An executable shell script standing in for gnuplot.
///
/// Linux refuses to exec a file that any process still has open for writing (ETXTBSY), and
/// tests run in parallel: a gnuplot spawned by another test at the moment we write the script
/// would inherit our descriptor unless it is close-on-exec. So write it with O_CLOEXEC, then
/// probe until it can be executed.
func fakeGnuplot(in folder: TemporaryFolder, _ body: String) throws -> String {
    let path = folder.file("fake-gnuplot")
    let text = "#!/bin/sh\n[ -n \"$FAKE_GNUPLOT_PROBE\" ] && exit 0\n" + body + "\n"
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
    try #require(fd >= 0)
    let written = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
    close(fd)
    try #require(written == text.utf8.count)
    for _ in 0..<200 {
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(path), nil]
        let envp: [UnsafeMutablePointer<CChar>?] = [strdup("FAKE_GNUPLOT_PROBE=1"), nil]
        defer { (argv + envp).forEach { free($0) } }
        let result = posix_spawn(&pid, path, nil, nil, argv, envp)
        if result == 0 {
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            return path
        }
        try #require(result == ETXTBSY, "cannot run the fake gnuplot: \(String(cString: strerror(result)))")
        usleep(5_000)
    }
    Issue.record("the fake gnuplot stayed busy")
    return path
}

/// A plot big enough (670,000 cells, 2.7 MB) that writing it to a gnuplot that does not read
/// must fail part-way.
func bigBoundaryPlot() -> DecisionBoundaryPlot {
    let grid = PlotGrid(xMin: -4.1, xMax: 4.1, yMin: -4.1, yMax: 4.1, step: 0.01)
    return DecisionBoundaryPlot(grid: grid, surface: .probability(FlowerPattern.values(on: grid)),
                                training: FlowerPattern.points(50, seed: 1), title: "big")
}

@Suite struct GnuplotProcessTests {
    static let message = "gnuplot not found: install gnuplot-nox (scripts/setup installs it)"
    static let smallPlot = CostPlot(iterations: [0, 100], trainingCost: [0.69, 0.3], title: "cost")

    @Test func missingGnuplotOnPathSaysHowToInstallIt() throws {
        let folder = try TemporaryFolder("no-gnuplot")
        defer { folder.remove() }
        let options = PlotOptions(searchPath: folder.path + ":/nonexistent")
        let error = #expect(throws: PlotError.self) { try Self.smallPlot.render(to: folder.file("cost.png"), options: options) }
        #expect(error?.description.hasPrefix(Self.message) == true)
        #expect(error?.description.contains("/nonexistent") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func missingExplicitGnuplotSaysHowToInstallIt() throws {
        let error = #expect(throws: PlotError.self) {
            try GnuplotProcess.locate(executable: "/nonexistent/gnuplot")
        }
        #expect(error?.description.hasPrefix(Self.message) == true)
    }

    @Test func findsGnuplotOnThePath() throws {
        let gnuplot = try GnuplotProcess.locate(searchPath: "/nonexistent::/usr/local/bin:/usr/bin:/bin")
        #expect(gnuplot.executable.hasSuffix("/gnuplot"))
    }

    @Test func gnuplotsOwnErrorReachesTheMessage() throws {
        var script = GnuplotScript()
        script.command("set terminal nosuchterminal")
        script.command("print 'not reached'")
        let error = #expect(throws: PlotError.self) { try GnuplotProcess.locate().run(script) }
        guard case .gnuplotFailed(let status, let output)? = error else {
            Issue.record("expected gnuplotFailed, got \(String(describing: error))")
            return
        }
        #expect(status == 1)
        #expect(output.contains("unknown or ambiguous terminal type"))
        #expect(!output.contains("not reached"))  // gnuplot stops at the first error
        #expect(error?.description.contains("unknown or ambiguous terminal type") == true)
    }

    @Test func gnuplotWarningsAreReturned() throws {
        var script = GnuplotScript()
        script.command("print 'hello from gnuplot'")
        #expect(try GnuplotProcess.locate().run(script) == "hello from gnuplot")
    }

    /// A gnuplot that dies without reading: writes hit EPIPE, which must be an error, not SIGPIPE
    /// killing this test process; the fake's own message is what the user sees.
    @Test func deadGnuplotIsAnErrorNotACrash() throws {
        let folder = try TemporaryFolder("dead")
        defer { folder.remove() }
        let fake = try fakeGnuplot(in: folder, "echo 'fake gnuplot: line 1: something broke' >&2\nexit 3")
        let old = Data("previous version".utf8)
        _ = FileManager.default.createFile(atPath: folder.file("plot.png"), contents: old)
        let error = #expect(throws: PlotError.self) {
            try bigBoundaryPlot().render(to: folder.file("plot.png"), options: PlotOptions(gnuplotExecutable: fake))
        }
        #expect(error == .gnuplotFailed(status: 3, output: "fake gnuplot: line 1: something broke"))
        // Atomic output: the old file is untouched and no temporary file is left.
        #expect(FileManager.default.contents(atPath: folder.file("plot.png")) == old)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["plot.png", "fake-gnuplot"])
    }

    @Test func gnuplotThatWritesNothingIsReported() throws {
        let folder = try TemporaryFolder("lazy")
        defer { folder.remove() }
        let fake = try fakeGnuplot(in: folder, "cat > /dev/null")
        let error = #expect(throws: PlotError.self) {
            try Self.smallPlot.render(to: folder.file("cost.png"), options: PlotOptions(gnuplotExecutable: fake))
        }
        #expect(error?.description.contains("gnuplot exited without writing the plot") == true)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["fake-gnuplot"])
    }

    /// What GnuplotIO puts on the pipe, byte for byte: script text, gnuplot-iostream's text data
    /// (with `e`), blank lines between blocks, and raw little-endian floats / bytes for grids.
    @Test func streamsTextPointsBlocksAndBinaryGrids() throws {
        let folder = try TemporaryFolder("stream")
        defer { folder.remove() }
        let received = folder.file("received")
        let fake = try fakeGnuplot(in: folder, "cat > '\(received)'")
        var script = GnuplotScript()
        script.command("plot '-'")
        script.append(.points(PointData(columns: [[1, 2], [3.5, -4]])))
        script.append(.points(PointData(columns: 2, values: [1, 2, 3, 4, 5, 6], blockEnds: [1, 3])))
        script.append(.grid(GridData(nx: 2, ny: 1, channels: 1, values: .floats([0.25, 1]))))
        script.append(.grid(GridData(nx: 1, ny: 1, channels: 3, values: .bytes([65, 66, 67]))))
        script.command("done")
        _ = try GnuplotProcess(executable: fake).run(script)

        let bytes = try #require(FileManager.default.contents(atPath: received))
        func number(_ x: Double) -> String { String(format: "%.18e", x) }
        var expected = Data("plot '-'\n".utf8)
        expected += Data("\(number(1)) \(number(3.5))\n\(number(2)) \(number(-4))\ne\n".utf8)
        expected += Data("\(number(1)) \(number(2))\n\n\(number(3)) \(number(4))\n\(number(5)) \(number(6))\ne\n".utf8)
        for value: Float in [0.25, 1] { withUnsafeBytes(of: value.bitPattern.littleEndian) { expected += Data($0) } }
        expected += Data([65, 66, 67])
        expected += Data("done\n".utf8)
        #expect(bytes == expected)
    }

    @Test func binaryClauseComesFromGnuplotIostream() throws {
        #expect(try GridData(nx: 820, ny: 700, channels: 1, values: .floats([])).binaryClause()
                    == " format='%float' array=(820,700) ")
        #expect(try GridData(nx: 3, ny: 2, channels: 3, values: .bytes([])).binaryClause()
                    == " format='%uint8%uint8%uint8' array=(3,2) ")
    }
}
