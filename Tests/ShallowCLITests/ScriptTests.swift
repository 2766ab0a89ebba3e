import Foundation
import Testing

@Suite struct ScriptTests {
    @Test func aScriptRunsLikeANotebook() throws {
        let dir = try Binary.temporaryDirectory()
        let script = dir.appendingPathComponent("lecture.nn")
        try """
        # the lecture's network
        load flower
        set hidden 4; set activation tanh   # two commands on one line
        set lr 1.2
        init random scale=0.01 seed=2
        train 1000 every=500
        accuracy
        """.write(to: script, atomically: true, encoding: .utf8)
        let result = try Binary.run([script.path])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let lines = result.lines
        #expect(lines[0] == "> load flower")
        #expect(lines[1] == "flower: 400 examples × 2 features; 2 classes (0: 200, 1: 200)")
        #expect(lines[2] == "> set hidden 4")
        #expect(lines[4] == "> set activation tanh")
        #expect(lines.contains("        0  0.693048"))
        #expect(lines.contains("     1000  0.288083"))
        #expect(lines.contains { $0.hasPrefix("training accuracy: ") })
        // `run` is accepted before the file names.
        let viaRun = try Binary.run(["run", script.path])
        #expect(viaRun.status == 0)
        #expect(viaRun.stdout.split(separator: "\n").count == result.stdout.split(separator: "\n").count)
    }

    @Test func theFirstErrorStopsTheScriptWithFileAndLine() throws {
        let dir = try Binary.temporaryDirectory()
        let script = dir.appendingPathComponent("broken.nn")
        try "load flower\n\ntrian 100\ninit\n".write(to: script, atomically: true, encoding: .utf8)
        let result = try Binary.run([script.path])
        #expect(result.status == 1)
        #expect(result.stderr == "\(script.path):3: unknown command 'trian'; did you mean 'train'?\n")
        #expect(!result.stdout.contains("> init"))
    }

    @Test func keepGoingReportsEveryErrorAndRunsOn() throws {
        let dir = try Binary.temporaryDirectory()
        let script = dir.appendingPathComponent("broken.nn")
        try "load flower\ntrain 5\ninit\nset lr x\ntrain 5\n".write(to: script, atomically: true, encoding: .utf8)
        let result = try Binary.run(["--keep-going", script.path])
        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n").map(String.init)
        #expect(errors.count == 2)
        #expect(errors[0].hasPrefix("\(script.path):2: train: no model yet"))
        #expect(errors[1].hasPrefix("\(script.path):4: set lr: found 'x'"))
        #expect(result.stdout.contains("final cost after 5 iterations"))
    }

    @Test func executeOptionAndPipedInputBehaveLikeScripts() throws {
        let viaE = try Binary.run(["-e", "load flower; init; train 10 every=5"])
        #expect(viaE.status == 0)
        #expect(viaE.lines.first == "> load flower")
        let piped = try Binary.run([], stdin: "load flower\ninit\ntrain 10 every=5\n")
        #expect(piped.status == 0)
        // Timings differ from run to run; everything else is identical.
        #expect(withoutTimings(piped.stdout) == withoutTimings(viaE.stdout))
        let pipedError = try Binary.run([], stdin: "load flower\nbogus\n")
        #expect(pipedError.status == 1)
        #expect(pipedError.stderr == "<stdin>:2: unknown command 'bogus'; type 'help' for the list of commands\n")
    }

    @Test func usageErrorsExitWithTwoAndHelpAndVersionWithZero() throws {
        let bad = try Binary.run(["--no-such-flag"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--no-such-flag"))
        let help = try Binary.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: shallow"))
        let version = try Binary.run(["--version"])
        #expect(version.status == 0)
        #expect(!version.stdout.isEmpty)
        let missing = try Binary.run(["/nonexistent/script.nn"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: /nonexistent/script.nn: cannot read: No such file or directory\n", "\(missing.stderr)")
    }
}

/// Drops the ` · N iterations in X ms (R it/s)` part, the only run-dependent text of a transcript.
func withoutTimings(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
        .map { line in line.range(of: " · ").map { String(line[..<$0.lowerBound]) } ?? String(line) }
        .joined(separator: "\n")
}

@Suite struct LectureScriptTests {
    /// PNG width and height from the IHDR chunk, after checking the 8-byte signature.
    static func pngSize(_ path: String) throws -> (width: Int, height: Int)? {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard data.count > 24, Array(data.prefix(8)) == signature else { return nil }
        let bytes = Array(data[16..<24])
        let width = bytes[0..<4].reduce(0) { $0 << 8 | Int($1) }
        let height = bytes[4..<8].reduce(0) { $0 << 8 | Int($1) }
        return (width, height)
    }

    @Test func flowerScriptPrintsTheAssignmentsCostsAndWritesBothPlots() throws {
        let dir = try Binary.temporaryDirectory()
        let script = Binary.packageRoot.appendingPathComponent("scripts/flower.nn").path
        let result = try Binary.run([script], directory: dir)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.lines
        for (iteration, cost) in [(0, "0.693048"), (1000, "0.288083"), (2000, "0.254385"), (3000, "0.233864"),
                                  (4000, "0.226792"), (5000, "0.222644"), (6000, "0.219731"), (7000, "0.217504")] {
            let row = String(repeating: " ", count: 9 - String(iteration).count) + "\(iteration)  \(cost)"
            #expect(lines.contains(row), "iteration \(iteration)")
        }
        #expect(lines.contains("training accuracy: 90.75 % (363/400) · majority class 50.00 %"))
        #expect(lines.contains("wrote plots/cost.png"))
        #expect(lines.contains("wrote plots/boundary.png"))
        for name in ["cost", "boundary"] {
            let size = try Self.pngSize(dir.appendingPathComponent("plots/\(name).png").path)
            #expect(size != nil, "\(name).png is a PNG")
            #expect((size?.width ?? 0) >= 640)
        }
    }

    @Test func aMissingGnuplotIsOneClearMessageAndTheSessionGoesOn() throws {
        let dir = try Binary.temporaryDirectory()
        let result = try Binary.run(["--keep-going", "-e", "load flower; init; train 5; plot cost; accuracy"],
                                    directory: dir, environment: ["PATH": "/nonexistent"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("plot cost: gnuplot not found: install gnuplot-nox"))
        #expect(result.stdout.contains("training accuracy:"))
    }
}

@Suite struct LectureNotebookTests {
    /// Every lecture notebook in scripts/ runs to the end and writes the plots it announces.
    @Test(arguments: ["flower", "activations", "zero-init", "linear", "topology", "sweep", "backprop", "gallery", "features", "learning"])
    func notebookRunsAndWritesItsPlots(_ name: String) throws {
        let dir = try Binary.temporaryDirectory()
        let script = Binary.packageRoot.appendingPathComponent("scripts/\(name).nn").path
        let text = try String(contentsOfFile: script, encoding: .utf8)
        #expect(text.hasPrefix("# "), "\(name).nn begins with a comment saying which lecture point it shows")
        let result = try Binary.run([script], directory: dir)
        #expect(result.status == 0, "\(name).nn: \(result.stderr)")
        let written = result.lines.filter { $0.hasPrefix("wrote ") }.map { String($0.dropFirst(6)) }
        #expect(!written.isEmpty, "\(name).nn writes plots")
        for path in written {
            if path.hasSuffix(".gif") {
                // A film (train animate=): a GIF89a of a readable width.
                let bytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent(path)))
                #expect(bytes.count > 13 && String(decoding: bytes[0..<6], as: UTF8.self) == "GIF89a", "\(path) is a GIF")
                #expect(bytes.count > 13 && Int(bytes[6]) | Int(bytes[7]) << 8 >= 640)
                continue
            }
            let size = try LectureScriptTests.pngSize(dir.appendingPathComponent(path).path)
            #expect(size != nil, "\(path) is a PNG")
            #expect((size?.width ?? 0) >= 640)
        }
    }
}
