// Where plots go: formats by extension, folders created or clearly refused.

import Foundation
import Plotting
import Testing

@Suite struct OutputFileTests {
    static let plot = CostPlot(iterations: [0, 500, 1000], trainingCost: [0.69, 0.35, 0.3],
                               testCost: [0.7, 0.4, 0.38], title: "formats")

    @Test func formatsFollowTheExtension() throws {
        let folder = try TemporaryFolder("formats")
        defer { folder.remove() }
        let magic: [String: [UInt8]] = [
            "png": PNGHeader.signature, "pdf": Array("%PDF".utf8), "gif": Array("GIF8".utf8), "svg": Array("<?xml".utf8),
        ]
        for (ext, prefix) in magic {
            let result = try Self.plot.render(to: folder.file("cost." + ext.uppercased()))
            #expect(result.format.rawValue == ext)
            #expect(result.warnings.isEmpty, "\(ext): \(result.warnings)")
            let bytes = try #require(FileManager.default.contents(atPath: result.path))
            #expect(Array(bytes.prefix(prefix.count)) == prefix, "\(ext)")
        }
    }

    @Test func noExtensionMeansPNG() throws {
        let folder = try TemporaryFolder("noext")
        defer { folder.remove() }
        let result = try Self.plot.render(to: folder.file("cost"))
        #expect(result.path == folder.file("cost.png"))
        #expect(PNGHeader(path: result.path) != nil)
    }

    @Test func unknownExtensionIsRefused() throws {
        #expect(throws: PlotError.unsupportedFormat(path: "/tmp/x.jpg", fileExtension: "jpg")) {
            try Self.plot.render(to: "/tmp/x.jpg")
        }
    }

    @Test func missingFoldersAreCreated() throws {
        let folder = try TemporaryFolder("mkdir")
        defer { folder.remove() }
        let result = try Self.plot.render(to: folder.file("plots/deeper/cost.png"))
        #expect(PNGHeader(path: result.path) != nil)
    }

    @Test func unwritableFolderNamesThePath() throws {
        let folder = try TemporaryFolder("readonly")
        defer { folder.remove() }
        // root may write anywhere it has permission bits for; sysfs refuses new files even to root.
        let target: String
        if geteuid() == 0 {
            target = "/sys/shallow-plot-test.png"
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
            target = folder.file("cost.png")
        }
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        let folderName = (target as NSString).deletingLastPathComponent
        let error = #expect(throws: PlotError.self) { try Self.plot.render(to: target) }
        #expect(error == .outputFolder(path: folderName, reason: "Permission denied"))
        #expect(error?.description == "cannot write plots to folder '\(folderName)': Permission denied")
    }

    @Test func folderThatIsAFileNamesThePath() throws {
        let folder = try TemporaryFolder("notdir")
        defer { folder.remove() }
        _ = FileManager.default.createFile(atPath: folder.file("file"), contents: Data())
        let error = #expect(throws: PlotError.self) { try Self.plot.render(to: folder.file("file/cost.png")) }
        #expect(error?.description.contains("'\(folder.file("file"))'") == true)
    }

    @Test func targetThatIsAFolderIsRefused() throws {
        let folder = try TemporaryFolder("isdir")
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.file("cost.png"), withIntermediateDirectories: false)
        #expect(throws: PlotError.outputFile(path: folder.file("cost.png"), reason: "a folder of that name exists")) {
            try Self.plot.render(to: folder.file("cost.png"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["cost.png"])
    }

    @Test func sizeOutOfRangeIsRefused() {
        #expect(throws: PlotError.self) { try Self.plot.render(to: "/tmp/never.png", options: PlotOptions(width: 20)) }
    }
}

extension OutputFileTests {
    /// Every plot kind, in every format, succeeds without a single gnuplot warning.
    @Test(arguments: OutputFormat.allCases)
    func everyPlotKindWithoutWarnings(format: OutputFormat) throws {
        let folder = try TemporaryFolder("warnings")
        defer { folder.remove() }
        let grid = FlowerPattern.grid(step: 0.1)
        let points = FlowerPattern.points(100, seed: 4)
        let plots: [any Plot] = [
            Self.plot,
            CostPlot(iterations: [0, 10, 20], trainingCost: [1, 0.1, 0.01], title: "log", logScale: true),
            CostPlot(iterations: [5], trainingCost: [0.5], title: "one point"),
            CostPlot(iterations: Array(0..<6), trainingCost: [0.7, .nan, 0.5, .infinity, 0.3, -.nan], title: "gaps"),
            DecisionBoundaryPlot(grid: grid, surface: .probability(FlowerPattern.values(on: grid)),
                                 training: points, test: points, title: "boundary"),
            DecisionBoundaryPlot(grid: grid, surface: .classes(FlowerPattern.values(on: grid).map { $0 >= 0.5 ? 1 : 0 },
                                                               confidence: FlowerPattern.values(on: grid).map { max($0, 1 - $0) }),
                                 training: points, title: "classes"),
            ScatterPlot(points: points, classNames: ["a", "b"], title: "scatter"),
            ScatterPlot(x: points.x, y: points.y, values: points.x, valueLabel: "x", title: "values"),
        ]
        for (n, plot) in plots.enumerated() {
            let result = try plot.render(to: folder.file("plot\(n).\(format.rawValue)"))
            #expect(result.warnings.isEmpty, "plot \(n) as \(format): \(result.warnings)")
        }
    }
}
