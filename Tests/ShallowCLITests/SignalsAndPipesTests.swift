import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built binary under signals, dead pipes, full devices and closed descriptors (issue "Hostile input").
/// Timeouts here only catch a hang; they are not speed requirements.
@Suite struct SignalsAndPipesTests {
    /// Starts the binary with stdout on a pipe the test reads; stderr collected separately.
    final class Running {
        let process = Process()
        let out = Pipe()
        let err = Pipe()
        var seen = Data()

        init(_ arguments: [String], stdout: FileHandle? = nil, directory: URL? = nil) throws {
            process.executableURL = URL(fileURLWithPath: Binary.path)
            process.arguments = arguments
            process.standardOutput = stdout ?? out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            if let directory { process.currentDirectoryURL = directory }
            try process.run()
        }

        /// Reads stdout until `marker` has appeared (or the pipe ends).
        func read(until marker: String) -> Bool {
            while !String(decoding: seen, as: UTF8.self).contains(marker) {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { return false }
                seen.append(chunk)
            }
            return true
        }

        /// Waits for the process to end (killing it after `timeout` seconds); returns (status, killed by signal).
        func wait(timeout: Double = 60) -> (status: Int32, signalled: Bool, stderr: String) {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            return (process.terminationStatus, process.terminationReason == .uncaughtSignal, stderr)
        }
    }

    /// Started from a thread that blocks SIGINT (as libdispatch's workers do, and blocked signals survive exec),
    /// which is exactly how a test runner starts it: the binary must unblock SIGINT itself.
    @Test func sigintStopsAScriptWithStatus130AndRunsNothingAfter() throws {
        let run = try Running(["-e", "load flower; init; train 100000000 every=1000000", "-e", "accuracy"])
        #expect(run.read(until: "        0  0.693048"))
        kill(run.process.processIdentifier, SIGINT)
        let end = run.wait()
        let stdout = String(decoding: run.seen + run.out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!end.signalled)
        #expect(end.status == 130)
        #expect(stdout.contains("interrupted at iteration"))
        #expect(!stdout.contains("accuracy"), "nothing runs after the interrupt: \(stdout)")
        #expect(end.stderr == "-e#1:1:20: interrupted\n")
    }

    @Test func aClosedPipeEndsTheProcessPromptlyAndQuietly() throws {
        // `shallow … | head -1`: the reader goes away while training prints a row every iteration.
        let run = try Running(["-e", "load flower; init; train 100000000 every=1"])
        #expect(run.read(until: "iteration"))
        try run.out.fileHandleForReading.close()
        let end = run.wait(timeout: 60)
        // Killed by SIGPIPE, as `yes | head -1` is: the shell shows status 141 and prints nothing.
        #expect(end.signalled && end.status == SIGPIPE, "status \(end.status), signalled \(end.signalled)")
        #expect(end.stderr.isEmpty, "stderr: \(end.stderr)")
    }

    @Test func aFullDeviceIsOneMessageAndStatus1() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let run = try Running(["-e", "load flower; init; train 2000; accuracy"], stdout: full)
        let end = run.wait()
        #expect(!end.signalled)
        #expect(end.status == 1)
        #expect(end.stderr == "shallow: cannot write to standard output: No space left on device\n")
    }

    @Test func closedStandardDescriptorsDoNotCrash() throws {
        // `shallow <&-`: no commands to run. With stdout closed too, a loaded CSV must not become "stdout".
        let dir = try Binary.temporaryDirectory()
        let script = dir.appendingPathComponent("s.nn").path
        try "load flower\ninit\ntrain 10\nsave model m.json\n".write(toFile: script, atomically: true, encoding: .utf8)
        for redirections in ["<&-", "<&- >&-", "<&- >&- 2>&-"] {
            let result = try Binary.run(["-c", "exec \"$0\" \"$1\" \(redirections)", Binary.path, script], directory: dir,
                                        shell: true)
            #expect(result.status == 0, "\(redirections): \(result.stderr)")
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("m.json").path))
            try? FileManager.default.removeItem(at: dir.appendingPathComponent("m.json"))
        }
        let empty = try Binary.run(["-c", "exec \"$0\" <&-", Binary.path], shell: true)
        #expect(empty.status == 0)
        #expect(empty.stderr.isEmpty)
    }

    @Test func executeStatementsAreLocatedByLineAndColumn() throws {
        let result = try Binary.run(["-e", "load flower; trian 5"])
        #expect(result.status == 1)
        #expect(result.stderr == "-e:1:14: unknown command 'trian'; did you mean 'train'?\n")
        let two = try Binary.run(["-e", "load flower", "-e", "set lr x"])
        #expect(two.stderr == "-e#2:1: set lr: found 'x', expected a number from 0 to 1000000\n")
    }

    @Test func pipedLinesRunAsTheyArriveAndCRLFIsFine() throws {
        let result = try Binary.run([], stdin: "load flower\r\nset hidden 2\r\ntrian\r\ninit\r\n")
        #expect(result.status == 1)
        #expect(result.stderr == "<stdin>:3: unknown command 'trian'; did you mean 'train'?\n")
        #expect(result.stdout.contains("> set hidden 2\n"))
        #expect(!result.stdout.contains("\r"))
    }
}

/// One loop for every source: the same statements from `-e`, a script file, piped stdin and a nested `run`
/// print the same transcript, and at the prompt the same outputs.
@Suite struct SameTranscriptTests {
    static let statements = ["load flower n=80 seed=4", "set hidden 3", "init random scale=0.5 seed=2", "train 40 every=20",
                             "set lr -1", "accuracy", "show shapes"]

    @Test func everySourcePrintsTheSameTranscript() throws {
        let dir = try Binary.temporaryDirectory()
        let script = dir.appendingPathComponent("steps.nn").path
        try Self.statements.joined(separator: "\n").write(toFile: script, atomically: true, encoding: .utf8)
        let runs = [
            try Binary.run(["--keep-going", "-e", Self.statements.joined(separator: "; ")], directory: dir),
            try Binary.run(["--keep-going", script], directory: dir),
            try Binary.run(["--keep-going"], stdin: Self.statements.joined(separator: "\n") + "\n", directory: dir),
            try Binary.run(["--keep-going", "-e", "run \(script)"], directory: dir),
        ]
        var transcripts = runs.map { withoutTimings($0.stdout) }
        // The nested run echoes its own `> run FILE` first, then exactly what the file prints anywhere else.
        #expect(transcripts[3].hasPrefix("> run \(script)\n"))
        transcripts[3] = String(transcripts[3].dropFirst("> run \(script)\n".count))
        for run in runs { #expect(run.status == 1) }
        #expect(transcripts[0].contains("> accuracy\ntraining accuracy: "))
        for (index, transcript) in transcripts.enumerated().dropFirst() {
            #expect(transcript == transcripts[0], "source \(index) differs from -e")
        }
        // Each reports the one failure at its own location.
        #expect(runs.map(\.stderr) == [
            "-e:1:89: set lr: -1 is out of range, expected a number from 0 to 1000000\n",
            "\(script):5: set lr: -1 is out of range, expected a number from 0 to 1000000\n",
            "<stdin>:5: set lr: -1 is out of range, expected a number from 0 to 1000000\n",
            "\(script):5: set lr: -1 is out of range, expected a number from 0 to 1000000\n",
        ])
    }
}
