// Plot targets that are not plain files (devices, FIFOs, links) and what a killed plot leaves behind.

import Foundation
import Plotting
import Testing

@Suite struct OutputTargetTests {
    static let plot = CostPlot(iterations: [0, 500, 1000], trainingCost: [0.69, 0.35, 0.3], title: "targets")

    func entries(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    /// Device files have no image extension, so a plot reaches one through a link (`cost.png → /dev/full`):
    /// refused before gnuplot runs, the device untouched, nothing left in the folder.
    @Test func linkToADeviceIsRefused() throws {
        let folder = try TemporaryFolder("device")
        defer { folder.remove() }
        #expect(symlink("/dev/full", folder.file("cost.png")) == 0)
        let error = #expect(throws: PlotError.self) { try Self.plot.render(to: folder.file("cost.png")) }
        #expect(error?.description == "cannot write plot file '\(folder.file("cost.png"))': not a regular file (a link to a character device)")
        #expect(entries(folder.path) == ["cost.png"])
    }

    @Test(.timeLimit(.minutes(1))) func fifoIsRefusedWithoutBlocking() throws {
        let folder = try TemporaryFolder("fifo")
        defer { folder.remove() }
        #expect(mkfifo(folder.file("cost.png"), 0o600) == 0)
        let error = #expect(throws: PlotError.self) { try Self.plot.render(to: folder.file("cost.png")) }
        #expect(error?.description == "cannot write plot file '\(folder.file("cost.png"))': not a regular file (a FIFO)")
        #expect(entries(folder.path) == ["cost.png"])
    }

    @Test func linkIsFollowedAndStaysALink() throws {
        let folder = try TemporaryFolder("link")
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.file("slides"), withIntermediateDirectories: false)
        #expect(symlink("slides/figure.png", folder.file("cost.png")) == 0)
        let result = try Self.plot.render(to: folder.file("cost.png"))
        #expect(result.path == folder.file("cost.png"))
        var info = stat()
        #expect(lstat(folder.file("cost.png"), &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK)
        #expect(PNGHeader(path: folder.file("slides/figure.png")) != nil)
        #expect(entries(folder.path) == ["cost.png", "slides"])
        #expect(entries(folder.file("slides")) == ["figure.png"])
    }

    /// A plot killed between gnuplot's start and the rename leaves `.shallow-tmp-PID-….png`; the next plot
    /// into that folder removes it when its pid is gone (or it is older than 10 minutes).
    @Test func staleTemporariesAreRemovedByTheNextPlot() throws {
        let folder = try TemporaryFolder("stale")
        defer { folder.remove() }
        _ = FileManager.default.createFile(atPath: folder.file(".shallow-tmp-999999999-abc.png"), contents: Data([1]))
        _ = FileManager.default.createFile(atPath: folder.file(".shallow-tmp-1-recent.png"), contents: Data([1]))
        try Self.plot.render(to: folder.file("cost.png"))
        #expect(entries(folder.path) == [".shallow-tmp-1-recent.png", "cost.png"])
    }
}
