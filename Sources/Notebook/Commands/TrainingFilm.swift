import Foundation
import NeuralNet
import Datasets
import Plotting

/// `train N animate=FILE.gif [frames=K] [features=I,J]`: what to film, checked before training starts.
struct FilmRequest {
    var path: String
    var frames: Int
    /// The plane a picture shows (`features=I,J`, as `plot boundary`); nil for one-feature regression.
    var features: (Int, Int)?

    static let defaultFrames = 60
    /// Grid resolution of each frame's picture: 150 × 150 cells read well at the film's size and keep
    /// 60 frames quick to compute and to encode.
    static let resolution = 150
    /// The film's size in pixels: two panels side by side, from `set plotsize` (900 × 700 gives 1100 × 520).
    static func size(_ settings: Settings) -> (Int, Int) {
        (settings.plotWidth * 11 / 9, settings.plotHeight * 52 / 70)
    }
}

extension CommandCatalog {
    /// Checks an `animate=` request against the data before any training: a .gif name in a folder that
    /// exists, gnuplot present, a plane to draw.
    static func filmRequest(path: String?, frames: Int?, features: String?, session: Session, dataset: Dataset,
                            perExample: Bool) throws -> FilmRequest? {
        guard let path else {
            if frames != nil { throw NotebookError("train: frames= sets the number of frames of animate=FILE.gif; give animate= too") }
            if features != nil { throw NotebookError("train: features= picks the plane of animate=FILE.gif; give animate= too") }
            return nil
        }
        if perExample { throw NotebookError("train: animate= films the vectorized trainer; drop 'loop'") }
        guard (path as NSString).pathExtension.lowercased() == "gif" else {
            throw NotebookError("train: animate= writes an animated GIF; found '\(Format.shown(path))', expected a name ending in .gif")
        }
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        if !folder.isEmpty, FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), !isFolder.boolValue {
            throw NotebookError("train: animate=\(Format.shown(path)): \(Format.shown(folder)) is not a folder")
        }
        do { _ = try GnuplotProcess.locate() } catch let error as PlotError {
            throw NotebookError("train: animate= needs gnuplot: \(error.description)")
        }
        let plane: (Int, Int)?
        if !dataset.isClassification && dataset.featureCount == 1 {
            if features != nil { throw NotebookError("train: features= picks a plane; \(dataset.name) has 1 feature (the film shows the curve ŷ(x))") }
            plane = nil
        } else {
            plane = try planeFeatures(features, dataset: dataset, command: "train")
        }
        return FilmRequest(path: path, frames: frames ?? FilmRequest.defaultFrames, features: plane)
    }

    /// `frames` distinct iterations from `first` to `first + total`, logarithmically spaced (both ends included):
    /// the k-th is about (total + 1)^(k/(frames − 1)) − 1 after `first`, moved on where rounding would repeat
    /// one. Fewer when the run has fewer iterations than frames.
    static func filmIterations(first: Int, total: Int, frames: Int) -> [Int] {
        let count = min(frames, total + 1)
        guard count >= 2 else { return [first] }
        var result: [Int] = []
        var previous = -1
        for k in 0..<count {
            let ideal = Int((pow(Double(total + 1), Double(k) / Double(count - 1)) - 1).rounded())
            // At least one past the previous; at most what leaves room for the frames still to come.
            let t = min(max(ideal, previous + 1), total - (count - 1 - k))
            result.append(first + t)
            previous = t
        }
        return result
    }

    /// Draws the film from the snapshots `train` took and writes it.
    static func writeFilm(_ film: FilmRequest, snapshots: [(iteration: Int, cost: Double, network: Network)],
                          costs: [Double], firstIteration: Int, model: Model, dataset: Dataset,
                          session: Session, args: Arguments, context: Context) throws {
        let part = session.trainingPart(dataset)
        var frames: [TrainingFilmPlot.Frame] = []
        let grid = try film.features.map { try boundaryGrid(dataset.X, features: $0, h: nil, resolution: FilmRequest.resolution) }
        let planeX = try grid.map { grid in try session.modelInputs(planeInputs(grid, session: session, dataset: dataset, features: film.features!)) }
        // One-feature regression: the curve over the data's range and a margin.
        let curveX: [Double] = {
            guard film.features == nil else { return [] }
            let xs = dataset.X.row(0)
            let low = xs.min() ?? 0, high = xs.max() ?? 1, pad = max((high - low) * 0.05, 1e-9)
            return (0..<300).map { low - pad + (high - low + 2 * pad) * Double($0) / 299 }
        }()
        let curveInputs = film.features == nil ? try session.modelInputs(Matrix(rows: 1, cols: curveX.count, elements: curveX)) : nil
        for (iteration, cost, network) in snapshots {
            var caption = "iteration \(iteration) · cost \(Format.cost(cost))"
            let panel: TrainingFilmPlot.Panel
            if dataset.isClassification {
                let correct = try session.correctCount(network, on: part)
                caption += " · training accuracy \(Format.percent(Double(correct) / Double(max(part.m, 1))))"
                panel = .boundary(try boundaryPlot(network, session: session, dataset: dataset, grid: grid!, features: film.features!, title: ""))
            } else if let curveInputs {
                panel = .curve(x: part.X.row(0), y: part.Y.elements, curveX: curveX, curveY: network.predict(curveInputs).row(0),
                               xLabel: dataset.featureNames[0], yLabel: dataset.labelName)
            } else {
                let (i, j) = film.features!
                panel = .surface(grid: grid!, values: network.predict(planeX!).row(0), x: part.X.row(i), y: part.X.row(j),
                                 targets: part.Y.elements, xLabel: dataset.featureNames[i], yLabel: dataset.featureNames[j],
                                 valueLabel: dataset.labelName)
            }
            frames.append(TrainingFilmPlot.Frame(iteration: iteration, caption: caption, panel: panel))
        }
        var title = "\(dataset.name): \(networkTitle(model))"
        if dataset.featureCount > 2, film.features != nil { title += " (other features at training mean)" }
        let plot = TrainingFilmPlot(frames: frames, costIterations: Array(firstIteration..<(firstIteration + costs.count)),
                                    costs: costs, title: title)
        try render(plot, kind: "train", args: args, session: session, context: context, command: "train",
                   size: FilmRequest.size(session.settings), path: film.path)
    }
}
