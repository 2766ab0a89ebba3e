import Foundation
import Testing
@testable import Notebook
import Plotting

/// `train N animate=FILE.gif [frames=K]`: the film has the requested frames at log-spaced iterations, the last
/// held, and training prints exactly what it prints without it.
@Suite struct TrainingFilmTests {
    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "shallow-film-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Lines of `train` with the timing part (which differs run to run) removed.
    func table(_ lines: [String]) -> [String] {
        lines.filter { !$0.hasPrefix("wrote ") && !$0.hasPrefix("(") }.map { $0.components(separatedBy: " · ").first ?? $0 }
    }

    @Test func theFilmHasTheRequestedFramesAndChangesNoNumber() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var plain = Harness()
        let expected = try plain.run("load flower; init random scale=0.01 seed=2; train 2000 every=500")
        var filmed = Harness()
        let lines = try filmed.run("load flower; init random scale=0.01 seed=2; train 2000 every=500 animate=\(dir)/train.gif")
        #expect(table(lines) == table(expected))
        #expect(filmed.session.model?.network == plain.session.model?.network, "the parameters are the same to the bit")
        #expect(filmed.session.model?.costs == plain.session.model?.costs)
        #expect(lines.contains("wrote \(dir)/train.gif"))
        #expect(lines.contains("(60 frames at log-spaced iterations 0 to 2000)"))
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(dir)/train.gif")))
        let delays = try #require(GIFAnimation.frameDelays(bytes))
        #expect(delays.count == 60)
        #expect(delays.last == 300 && delays.first == 10)
        // frames=K, on a run continued from the last one.
        let more = try filmed.run("train 100 animate=\(dir)/more.gif frames=12")
        #expect(more.contains("(12 frames at log-spaced iterations 2000 to 2100)"))
    }

    @Test func framesAreLogSpacedDistinctAndEndAtTheRunsEnds() {
        // By hand: 10^(k/3) − 1 for k = 0…3 is 0, 1.15, 3.64, 9.
        #expect(CommandCatalog.filmIterations(first: 0, total: 9, frames: 4) == [0, 1, 4, 9])
        #expect(CommandCatalog.filmIterations(first: 100, total: 9, frames: 4) == [100, 101, 104, 109])
        // More frames than iterations: every iteration once.
        #expect(CommandCatalog.filmIterations(first: 0, total: 3, frames: 60) == [0, 1, 2, 3])
        #expect(CommandCatalog.filmIterations(first: 5, total: 0, frames: 60) == [5])
        for (total, frames) in [(2000, 60), (59, 60), (60, 60), (1_000_000, 500), (10, 2)] {
            let its = CommandCatalog.filmIterations(first: 0, total: total, frames: frames)
            #expect(its.count == min(frames, total + 1))
            #expect(its.first == 0 && its.last == total)
            #expect(zip(its, its.dropFirst()).allSatisfy { $0 < $1 }, "\(total), \(frames)")
        }
        // Log spacing: the first half of the frames covers about √(total) iterations, not half of them:
        // frame 30 of 61 is at 10001^(1/2) − 1 = 99.005 → 99.
        let its = CommandCatalog.filmIterations(first: 0, total: 10_000, frames: 61)
        #expect(its[30] == 99)
    }

    @Test func softmaxRegressionAndWidePlanesAreFilmed() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var h = Harness()
        _ = try h.run("load blobs centers=3; init; train 50 animate=\(dir)/blobs.gif frames=5")
        // A real-valued target with one feature (the curve) and with three (a plane, features=I,J).
        let csv = (["x,y"] + (0..<50).map { "\(Double($0) / 10),\(sin(Double($0) / 10))" }).joined(separator: "\n")
        try csv.write(toFile: "\(dir)/sine.csv", atomically: true, encoding: .utf8)
        _ = try h.run("load \(dir)/sine.csv; set lr 0.1; init; train 50 animate=\(dir)/sine.gif frames=5")
        let wide = (["a,b,c,t"] + (0..<50).map { "\($0 % 7),\($0 % 5),\($0 % 3),\(Double($0) / 7)" }).joined(separator: "\n")
        try wide.write(toFile: "\(dir)/wide.csv", atomically: true, encoding: .utf8)
        _ = try h.run("load \(dir)/wide.csv; init")
        #expect(h.failure("train 50 animate=\(dir)/wide.gif") == "train: wide.csv has 3 features; choose two with features=I,J (e.g. features=1,2)")
        _ = try h.run("train 50 animate=\(dir)/wide.gif frames=5 features=1,3")
        for name in ["blobs", "sine", "wide"] {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(name).gif")))
            #expect(GIFAnimation.frameDelays(bytes)?.count == 5, "\(name)")
        }
    }

    @Test func badRequestsAreRefusedBeforeTrainingAndChangeNothing() throws {
        var h = Harness()
        _ = try h.run("load flower; init random scale=0.01 seed=2; train 10")
        let before = try #require(h.session.model)
        #expect(h.failure("train 10 animate=/tmp/film.png") == "train: animate= writes an animated GIF; found '/tmp/film.png', expected a name ending in .gif")
        #expect(h.failure("train 10 frames=5") == "train: frames= sets the number of frames of animate=FILE.gif; give animate= too")
        #expect(h.failure("train 10 loop animate=/tmp/film.gif") == "train: animate= films the vectorized trainer; drop 'loop'")
        #expect(h.failure("train 10 animate=/etc/passwd/film.gif") == "train: animate=/etc/passwd/film.gif: /etc/passwd is not a folder")
        #expect(h.failure("train 10 animate=/tmp/film.gif frames=1") == "train: frames=1 is out of range, expected a whole number from 2 to 500")
        #expect(h.session.model?.network == before.network && h.session.model?.iteration == 10)
    }
}
