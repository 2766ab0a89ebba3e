import Foundation

// The decision boundary as text, so that even a plain terminal sees its shape: the plot's own
// prediction grid sampled at one point per character cell, drawn without gnuplot (it is a pure
// function of the plot, cheap enough for the live view of `train N live`).
//
// - colour: each cell is a '▀' half block whose foreground is the upper sample and background the
//   lower one, so a cell holds two square-ish samples; the region colours are those of the PNG
//   (the class colour over white, paler where the model is less sure).
// - mono: one sample per cell, one character per predicted class ('.' for class 0, '#' for class 1,
//   then ':' '=' '~' '-' '^' '"'), characters that no class marker uses.
// Training points are drawn on top as their class markers (o x + …, as in the scatter preview), so
// a point in the other class's region is a training error you can see.

extension DecisionBoundaryPlot: TerminalPreviewable {
    /// The boundary as text in at most `columns` × `rows` characters: the title, the map (equal units
    /// on both axes when the ranges allow, as in the PNG), then a legend line and the axes' ranges.
    /// `options` are not used (no gnuplot is involved).
    /// - Throws: `PlotError.invalidData` for a grid that does not match the surface, `.invalidOptions`
    ///   for a size outside 20...400 columns, 8...200 rows.
    public func preview(columns: Int = 79, rows: Int = 24, colour: Bool = false,
                        options: PlotOptions = PlotOptions()) throws -> String {
        guard (20...400).contains(columns), (8...200).contains(rows) else {
            throw PlotError.invalidOptions("preview size \(columns)×\(rows) is out of range (20–400 columns, 8–200 rows)")
        }
        try validatePoints()
        let cells = try TextBoundary.cells(of: self)
        let heading = TerminalPreview.heading(title, width: columns)
        let footer = TextBoundary.footer(self, columns: columns, colour: colour)
        let (width, height) = TextBoundary.mapSize(grid: grid, columns: columns, rows: max(rows - heading.count - footer.count, 3),
                                                   samplesPerCell: colour ? 2 : 1)
        let map = colour ? TextBoundary.colourMap(self, cells: cells, width: width, height: height)
                         : TextBoundary.monoMap(self, cells: cells, width: width, height: height)
        let indent = String(repeating: " ", count: max(0, (columns - width) / 2))
        return (heading + map.map { indent + $0 } + footer).joined(separator: "\n")
    }
}

enum TextBoundary {
    /// A range end in the footer: three significant digits are plenty for a 79-column map.
    static func short(_ value: Double) -> String {
        String(format: "%.3g", value)
    }

    /// Region characters by class (mono), none of them a class marker.
    static let regionCharacters: [Character] = [".", "#", ":", "=", "~", "-", "^", "\""]

    /// The predicted class and how sure the model is (0 at chance, 1 certain) at every grid point.
    static func cells(of plot: DecisionBoundaryPlot) throws -> [(kind: Int, certainty: Double)] {
        switch plot.surface {
        case .probability(let p):
            guard plot.classNames.count == 2 else {
                throw PlotError.invalidData("a probability surface needs exactly 2 class names, got \(plot.classNames.count)")
            }
            try plot.grid.validate(valueCount: p.count, what: "the probability grid")
            return p.map { p in
                p.isFinite ? (p >= DecisionBoundaryPlot.boundaryLevel ? 1 : 0, min(abs(p - 0.5) * 2, 1)) : (0, 0)
            }
        case .classes(let predicted, let confidence):
            let count = plot.classNames.count
            try plot.grid.validate(valueCount: predicted.count, what: "the predicted-class grid")
            try plot.grid.validate(valueCount: confidence.count, what: "the confidence grid")
            let chance = 1 / Double(max(count, 1))
            return zip(predicted, confidence).map { k, c in
                (min(max(k, 0), max(count - 1, 0)), c.isFinite ? min(max((c - chance) / (1 - chance), 0), 1) : 0)
            }
        }
    }

    /// The map's size in character cells: as wide as allowed, as tall as equal units on both axes make it
    /// (a cell is about twice as tall as wide; `samplesPerCell` rows of samples per cell), shrunk to fit
    /// `rows`; when the axes' ranges differ more than 2:1 the map fills the space instead, as the PNG does.
    static func mapSize(grid: PlotGrid, columns: Int, rows: Int, samplesPerCell: Int) -> (width: Int, height: Int) {
        let aspect = (grid.yMax - grid.yMin) / (grid.xMax - grid.xMin)
        guard aspect >= 0.5 && aspect <= 2 else { return (columns, rows) }
        var width = columns
        var height = Int((Double(width) * aspect / 2).rounded())
        if height > rows {
            height = rows
            width = min(columns, Int((Double(height) * 2 / aspect).rounded()))
        }
        _ = samplesPerCell  // the same shape either way: half blocks only sharpen it
        return (max(width, 2), max(height, 2))
    }

    /// The grid index nearest to column `i` of `width`, sample row `j` of `height` (row 0 at the top).
    static func index(_ plot: DecisionBoundaryPlot, i: Int, width: Int, j: Int, height: Int) -> Int {
        let grid = plot.grid
        let gx = Int(((Double(i) + 0.5) / Double(width) * Double(grid.nx)).rounded(.down))
        let gy = grid.ny - 1 - Int(((Double(j) + 0.5) / Double(height) * Double(grid.ny)).rounded(.down))
        return min(max(gy, 0), grid.ny - 1) * grid.nx + min(max(gx, 0), grid.nx - 1)
    }

    /// The training points' markers by cell (row 0 at the top), later points over earlier ones.
    static func markers(_ plot: DecisionBoundaryPlot, width: Int, height: Int) -> [Int: Int] {
        let grid = plot.grid
        var marks: [Int: Int] = [:]
        for n in 0..<plot.training.count {
            let x = plot.training.x[n], y = plot.training.y[n]
            guard x.isFinite, y.isFinite, x >= grid.xMin, x <= grid.xMax, y >= grid.yMin, y <= grid.yMax else { continue }
            let i = min(Int((x - grid.xMin) / (grid.xMax - grid.xMin) * Double(width)), width - 1)
            let j = min(Int((grid.yMax - y) / (grid.yMax - grid.yMin) * Double(height)), height - 1)
            marks[j * width + i] = plot.training.classes[n]
        }
        return marks
    }

    static func monoMap(_ plot: DecisionBoundaryPlot, cells: [(kind: Int, certainty: Double)], width: Int, height: Int) -> [String] {
        let marks = markers(plot, width: width, height: height)
        return (0..<height).map { j in
            String((0..<width).map { i -> Character in
                if let k = marks[j * width + i] { return Character(ClassMarkers.textMarker(k, test: false)) }
                return regionCharacters[cells[index(plot, i: i, width: width, j: j, height: height)].kind % regionCharacters.count]
            })
        }
    }

    /// The region colour of a cell: the class colour over white, 20 %…75 % as in the PNG's class surface.
    static func regionColour(_ cell: (kind: Int, certainty: Double)) -> RGB {
        RGB.white.mixed(with: Palette.classColour(cell.kind), 0.2 + 0.55 * cell.certainty)
    }

    static func colourMap(_ plot: DecisionBoundaryPlot, cells: [(kind: Int, certainty: Double)], width: Int, height: Int) -> [String] {
        let marks = markers(plot, width: width, height: height)
        func code(_ layer: Int, _ c: RGB) -> String { "\u{1B}[\(layer);2;\(c.red);\(c.green);\(c.blue)m" }
        return (0..<height).map { j in
            var line = ""
            for i in 0..<width {
                let top = regionColour(cells[index(plot, i: i, width: width, j: 2 * j, height: 2 * height)])
                let bottom = regionColour(cells[index(plot, i: i, width: width, j: 2 * j + 1, height: 2 * height)])
                if let k = marks[j * width + i] {
                    // A marker in its class colour, darkened so it reads on its own region too.
                    line += code(48, top.mixed(with: bottom, 0.5)) + code(38, Palette.classColour(k).mixed(with: .black, 0.35))
                        + ClassMarkers.textMarker(k, test: false)
                } else {
                    line += code(38, top) + code(48, bottom) + "▀"
                }
            }
            return line + "\u{1B}[0m"
        }
    }

    /// Which character or colour is which class, and the axes' ranges.
    static func footer(_ plot: DecisionBoundaryPlot, columns: Int, colour: Bool) -> [String] {
        let names = plot.classNames.prefix(8).map { $0.replacingOccurrences(of: "█", with: "#") }
        let legend = names.enumerated().map { k, name in
            "\(colour ? "█" : String(regionCharacters[k])) \(ClassMarkers.textMarker(k, test: false)) \(name)"
        }.joined(separator: "   ")
        let g = plot.grid
        let axes = "\(plot.xLabel) \(short(g.xMin))…\(short(g.xMax)) →   \(plot.yLabel) \(short(g.yMin))…\(short(g.yMax)) ↑"
        var lines = TerminalPreview.wrap("region, point: " + legend, width: columns)
        if colour {
            // Swatches are coloured after wrapping (escape codes take no room): the k-th block is class k's.
            var k = 0
            lines = lines.map { line in
                var coloured = ""
                for character in line {
                    if character == "█" {
                        let c = regionColour((k, 1))
                        coloured += "\u{1B}[38;2;\(c.red);\(c.green);\(c.blue)m█\u{1B}[0m"
                        k += 1
                    } else {
                        coloured.append(character)
                    }
                }
                return coloured
            }
        }
        return lines + TerminalPreview.wrap(axes, width: columns)
    }
}
