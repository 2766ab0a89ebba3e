// "The data as the hidden layer sees it": the examples placed at their hidden activations A1
// instead of their inputs X. The lecture's key idea is visible here — the hidden layer moves the
// data so that the output unit's single straight line (plane) separates the classes:
// - two hidden units: a scatter of (a1, a2) with the output's line w·a + b = 0 (p = 0.5), the two
//   sides tinted like the decision-boundary heat map (orange: p > 0.5, blue: p < 0.5);
// - three hidden units: a 3-D scatter with the output's plane, translucent, seen from a view
//   chosen to look along the plane so that the two sides separate on screen;
// - more units: any 2-D projection (e.g. the first two principal components), no line.
// The caller computes A1 and the projection; this file draws numbers only.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Points with a class index each in three dimensions: point n is (x[n], y[n], z[n]).
public struct ClassPoints3D: Sendable, Equatable {
    public var x: [Double], y: [Double], z: [Double]
    public var classes: [Int]

    public init(x: [Double], y: [Double], z: [Double], classes: [Int]) {
        self.x = x
        self.y = y
        self.z = z
        self.classes = classes
    }

    public var count: Int { x.count }

    func validate(classCount: Int) throws {
        guard y.count == x.count, z.count == x.count, classes.count == x.count else {
            throw PlotError.invalidData("points: \(x.count) a1 values, \(y.count) a2 values, \(z.count) a3 values and \(classes.count) labels")
        }
        if let n = classes.firstIndex(where: { $0 < 0 || $0 >= classCount }) {
            throw PlotError.invalidData("points: point \(n + 1) has class \(classes[n]), but there are only \(classCount) class names")
        }
        guard (x + y + z).allSatisfy(\.isFinite) else {
            throw PlotError.invalidData("some hidden activations are not finite numbers")
        }
    }
}

/// The examples in the hidden layer's space.
public struct HiddenSpacePlot: Plot {
    public enum Content: Sendable, Equatable {
        /// Two hidden units: (a1, a2) by class and, if given, the output unit's line.
        case plane(ClassPoints, line: SeparatingLine?)
        /// Three hidden units: (a1, a2, a3) by class and, if given, the output unit's plane.
        case space(ClassPoints3D, plane: SeparatingPlane?)
        /// More hidden units: a 2-D projection (axis names from the labels), no line.
        case projection(ClassPoints)
    }

    public var content: Content
    public var classNames: [String]
    public var title: String
    /// Axis names: a1, a2 (and a3) by default; for a projection, e.g. "PC1 (62 % of variance)".
    public var labels: [String]
    /// The legend's name for the line or plane.
    public var separatorTitle: String
    /// A second panel beside a 2-D view: the output layer's z = W·a + b per class (`plot hidden` for more than
    /// 3 units, where the projection can only suggest what the output's hyperplane does to all of them).
    public var outputView: ClassHistogramPlot? = nil
    /// Why the picture says little (e.g. every example at one point), over the middle of the view.
    public var note: [String] = []

    public init(content: Content, classNames: [String] = ["class 0", "class 1"], title: String,
                labels: [String] = ["a1", "a2", "a3"], separatorTitle: String = "W2·a + b2 = 0") {
        self.content = content
        self.classNames = classNames
        self.title = title
        self.labels = labels
        self.separatorTitle = separatorTitle
    }

    /// Two hidden units: the points (a1, a2) and the output unit's line w1·a1 + w2·a2 + b = 0.
    public static func plane(_ points: ClassPoints, line: SeparatingLine?, classNames: [String] = ["class 0", "class 1"],
                             title: String, xLabel: String = "a1", yLabel: String = "a2") -> HiddenSpacePlot {
        HiddenSpacePlot(content: .plane(points, line: line), classNames: classNames, title: title, labels: [xLabel, yLabel])
    }

    /// Three hidden units: the points (a1, a2, a3) and the output unit's plane w·a + b = 0.
    public static func space(_ points: ClassPoints3D, plane: SeparatingPlane?, classNames: [String] = ["class 0", "class 1"],
                             title: String, labels: [String] = ["a1", "a2", "a3"]) -> HiddenSpacePlot {
        HiddenSpacePlot(content: .space(points, plane: plane), classNames: classNames, title: title, labels: labels)
    }

    /// More hidden units: a 2-D projection of A1 with the caller's axis names.
    public static func projection(_ points: ClassPoints, classNames: [String] = ["class 0", "class 1"], title: String,
                                  xLabel: String, yLabel: String) -> HiddenSpacePlot {
        HiddenSpacePlot(content: .projection(points), classNames: classNames, title: title, labels: [xLabel, yLabel])
    }

    /// The axis ranges drawn: the points' range with 6 % room on each side (±0.5 around a
    /// single value); z is −1...1 (unused) for the 2-D variants. The separating line is clipped
    /// to exactly this box (`SeparatingLine.segment`), the plane to this cube (`SeparatingPlane.section`).
    public func plotRange() -> (x: ClosedRange<Double>, y: ClosedRange<Double>, z: ClosedRange<Double>) {
        switch content {
        case .plane(let points, _), .projection(let points):
            return (HiddenSpacePlot.padded(points.x), HiddenSpacePlot.padded(points.y), -1...1)
        case .space(let points, _):
            return (HiddenSpacePlot.padded(points.x), HiddenSpacePlot.padded(points.y), HiddenSpacePlot.padded(points.z))
        }
    }

    public func draw(into script: inout GnuplotScript, options: PlotOptions) throws {
        guard !classNames.isEmpty else { throw PlotError.invalidData("there are no class names") }
        let needed = { if case .space = content { return 3 } else { return 2 } }()
        guard labels.count >= needed else {
            throw PlotError.invalidData("\(needed) axis labels are needed, got \(labels.count)")
        }
        if let outputView {
            switch content {
            case .plane(let points, let line):
                try drawWithOutput(points, line: line, outputView: outputView, options: options, script: &script)
            case .projection(let points):
                try drawWithOutput(points, line: nil, outputView: outputView, options: options, script: &script)
            case .space:
                throw PlotError.invalidData("the output panel goes beside a 2-D view of the hidden layer")
            }
            return
        }
        script.pageTitle(title, options: options)
        // Below the title line, which a long title (centred over the plot) may stretch across.
        script.command("set key at screen 0.72, 0.85 left top vertical Left reverse samplen 1.5 spacing 1.3")

        switch content {
        case .plane(let points, let line):
            try drawPlane(points, line: line, script: &script)
        case .projection(let points):
            try drawPlane(points, line: nil, script: &script)
        case .space(let points, let plane):
            try drawSpace(points, plane: plane, script: &script)
        }
    }

    // MARK: - Two dimensions

    /// Two panels: the 2-D view with its legend beside it, then the output's z histogram per class.
    private func drawWithOutput(_ points: ClassPoints, line: SeparatingLine?, outputView: ClassHistogramPlot,
                                options: PlotOptions, script: inout GnuplotScript) throws {
        Multiplot.begin(title: title, options: options, into: &script)
        let width = Double(options.width), height = Double(options.height)
        let insets = PanelInsets.standard(fontSize: options.fontSize, xLabel: true, yLabel: true)
        let top = 1 - (Multiplot.titleBand(options) + options.fontSize * 2.5) / height, bottom = (insets.bottom + options.fontSize) / height
        // The legend's band: as wide as its longest entry (class names, the line, the two sides).
        let entries = classNames + [separatorTitle, "(outside this view)"] + (line == nil ? [] : [sideTitle(0), sideTitle(1)])
        let band = max((entries.map { Multiplot.textWidth($0, fontSize: options.fontSize) }.max() ?? 0) + options.fontSize * 5,
                       options.fontSize * 10)
        // The left inset leaves room for the y label beside tic labels as wide as "-1.5".
        let leftInset = insets.left + options.fontSize * 2
        let free = width - 2 * insets.width - band - options.fontSize * 2
        let left = ScreenRect(left: leftInset / width, right: (leftInset + free * 0.5) / width, bottom: bottom, top: top)
        let right = ScreenRect(left: (width - insets.right - free * 0.5) / width, right: 1 - insets.right / width, bottom: bottom, top: top)
        script.command("set title \(GnuplotText.quoted("the examples at their hidden activations")) offset 0,-0.3")
        script.command("set key at screen \(ScreenRect.short(left.right + options.fontSize * 1.5 / width)), \(ScreenRect.short(top))"
                        + " left top vertical Left reverse samplen 1.5 spacing 1.3")
        // Not squeezed to equal units beside the second panel: the projection's axes are read by their tics.
        try drawPlane(points, line: line, frame: left, equalUnits: false, script: &script)
        // What the first panel set that the second must not inherit.
        ["unset object 1", "unset object 2", "unset arrow 1", "set size noratio", "unset xrange", "unset yrange"].forEach { script.command($0) }
        script.clearNote(note)
        script.command("set autoscale")
        try outputView.drawPanel(into: &script, frame: right, title: "the output layer's z = W·a + b, per class")
        Multiplot.end(into: &script)
    }

    private func drawPlane(_ points: ClassPoints, line: SeparatingLine?,
                           frame: ScreenRect = ScreenRect(left: 0.12, right: 0.69, bottom: 0.10, top: 0.90),
                           equalUnits: Bool = true, script: inout GnuplotScript) throws {
        guard points.count > 0 else { throw PlotError.invalidData("there are no points to plot") }
        try points.validate("points", classCount: classNames.count)
        guard (points.x + points.y).allSatisfy(\.isFinite) else {
            throw PlotError.invalidData("some hidden activations are not finite numbers")
        }
        if let line, ![line.w1, line.w2, line.b].allSatisfy(\.isFinite) {
            throw PlotError.invalidData("the output layer's weights are not finite numbers")
        }
        let range = plotRange()
        // The layout of the other single plots: the plot on the left, the legend top right
        // (a little more room on the left: activations have tic labels such as -0.5).
        frame.marginCommands().forEach { script.command($0) }
        script.command("set xlabel \(GnuplotText.quoted(labels[0]))")
        script.command("set ylabel \(GnuplotText.quoted(labels[1]))")
        script.command("set xrange [\(GnuplotText.number(range.x.lowerBound)):\(GnuplotText.number(range.x.upperBound))]")
        script.command("set yrange [\(GnuplotText.number(range.y.lowerBound)):\(GnuplotText.number(range.y.upperBound))]")
        if equalUnits, PanelLayout.equalUnitsAspect(xSpan: range.x.upperBound - range.x.lowerBound,
                                        ySpan: range.y.upperBound - range.y.lowerBound) != nil {
            script.command("set size ratio -1")
        }
        script.command("set tics front")
        script.centredNote(note)

        var plot = PlotCommand()
        ClassMarkers.add(points, names: classNames, test: false, to: &plot)
        if let line {
            // Each side of the line tinted as the decision boundary's heat map colours it.
            let (positive, negative) = line.halves(x: range.x, y: range.y)
            for (k, polygon) in [(1, positive), (0, negative)] where !polygon.isEmpty {
                let corners = polygon.map { "\(GnuplotText.number($0.0)),\(GnuplotText.number($0.1))" }
                script.command("set object \(k + 1) polygon from " + (corners + [corners[0]]).joined(separator: " to ")
                                + " fillstyle solid 1.0 noborder fillcolor \(GnuplotText.rgb(HiddenSpacePlot.tint(k))) behind")
            }
            if let segment = line.segment(x: range.x, y: range.y) {
                script.command("set arrow 1 from first \(GnuplotText.number(segment.x1)), first \(GnuplotText.number(segment.y1))"
                                + " to first \(GnuplotText.number(segment.x2)), first \(GnuplotText.number(segment.y2))"
                                + " nohead back linewidth 2.5 linecolor \(GnuplotText.rgb(Palette.ink))")
                plot.add(clause: "keyentry with lines linewidth 2.5 linecolor \(GnuplotText.rgb(Palette.ink))"
                                    + " title \(GnuplotText.quoted(separatorTitle))")
            } else {
                HiddenSpacePlot.addMissingSeparator(separatorTitle, defined: line.isDefined, to: &plot)
            }
            for (k, polygon) in [(1, positive), (0, negative)] where !polygon.isEmpty {
                plot.add(clause: "keyentry with boxes fillstyle solid 1.0 border linecolor \(GnuplotText.rgb(Palette.ink))"
                                    + " fillcolor \(GnuplotText.rgb(HiddenSpacePlot.tint(k)))"
                                    + " title \(GnuplotText.quoted(sideTitle(k)))")
            }
        }
        plot.emit(into: &script)
    }

    /// Legend entries saying that the line (plane) is not drawn and why: a dashed sample with its
    /// name, and the reason on a line of its own (a sample in the background colour), so that
    /// neither is cut off at the canvas's edge.
    static func addMissingSeparator(_ title: String, defined: Bool, to plot: inout PlotCommand) {
        plot.add(clause: "keyentry with lines linewidth 2.5 dashtype 2 linecolor \(GnuplotText.rgb(Palette.ink))"
                            + " title \(GnuplotText.quoted(title))")
        plot.add(clause: "keyentry with lines linecolor bgnd title "
                            + GnuplotText.quoted(defined ? "(outside this view)" : "(none: W2 = 0)"))
    }

    /// The legend's name for the side of the line where p > 0.5 (k = 1) or p < 0.5 (k = 0).
    private func sideTitle(_ k: Int) -> String {
        let relation = k == 1 ? "p > 0.5" : "p < 0.5"
        return classNames.count == 2 ? "\(relation): \(classNames[k])" : relation
    }

    /// The background of the side predicted as class k: its colour, very light.
    static func tint(_ k: Int) -> RGB {
        Palette.classColour(k).mixed(with: .white, 0.8)
    }

    // MARK: - Three dimensions

    private func drawSpace(_ points: ClassPoints3D, plane: SeparatingPlane?, script: inout GnuplotScript) throws {
        guard points.count > 0 else { throw PlotError.invalidData("there are no points to plot") }
        try points.validate(classCount: classNames.count)
        if let plane {
            guard plane.w.count == 3 else {
                throw PlotError.invalidData("the separating plane needs 3 weights, got \(plane.w.count)")
            }
            guard (plane.w + [plane.b]).allSatisfy(\.isFinite) else {
                throw PlotError.invalidData("the output layer's weights are not finite numbers")
            }
        }
        let range = plotRange()
        let spans = [range.x, range.y, range.z].map { $0.upperBound - $0.lowerBound }
        script.command("set xlabel \(GnuplotText.quoted(labels[0]))")
        script.command("set ylabel \(GnuplotText.quoted(labels[1]))")
        script.command("set zlabel \(GnuplotText.quoted(labels[2]))")
        // Margins do not frame a 3-D plot; the box is scaled into the part of the canvas left
        // of the legend instead.
        // Shifted right of gnuplot's default so the z label, left of the tics, stays on the canvas.
        script.command("set origin 0.06, 0")
        script.command("set size 0.66, 0.97")
        for (axis, r) in zip(["x", "y", "z"], [range.x, range.y, range.z]) {
            script.command("set \(axis)range [\(GnuplotText.number(r.lowerBound)):\(GnuplotText.number(r.upperBound))]")
        }
        script.command("set xyplane relative 0")  // the box stands on the floor, no gap below
        script.command("set border 4095 linecolor \(GnuplotText.rgb(Palette.boxEdge)) linewidth 0.8")  // the whole box: depth cues
        script.command("set tics textcolor \(GnuplotText.rgb(Palette.frame))")
        script.command("unset grid")
        // Equal units when the activations have comparable ranges (tanh, sigmoid), as in 2-D.
        let equal = (spans.max() ?? 1) <= 2 * (spans.min() ?? 1)
        if equal { script.command("set view equal xyz") }
        // The note in the middle of the page (a 3-D graph's middle is the box's, which the view turns).
        for (k, line) in note.enumerated() {
            let offset = (Double(note.count - 1) / 2 - Double(k)) * 1.5
            script.command("set label \(990 + k) \(GnuplotText.quoted(line)) at screen 0.4, screen 0.5 center front boxed offset 0,\(GnuplotText.number(offset))")
        }
        if !note.isEmpty { script.command("set style textbox opaque noborder margins 1.5,1") }

        // The points and the plane's normal in box-normalised coordinates (each axis scaled to
        // [−1, 1], as drawn; with equal units, by the largest span).
        let ranges = [range.x, range.y, range.z]
        let scales = equal ? Array(repeating: (spans.max() ?? 1) / 2, count: 3) : spans.map { $0 / 2 }
        let centres = ranges.map { ($0.lowerBound + $0.upperBound) / 2 }
        let normalisedPoints = (0..<points.count).map { n in
            [points.x[n], points.y[n], points.z[n]].enumerated().map { ($0.element - centres[$0.offset]) / scales[$0.offset] }
        }
        let normal = plane.map { p in zip(p.w, scales).map { $0 * $1 } }
        let view = HiddenSpacePlot.view(points: normalisedPoints, normal: normal)
        script.command("set view \(GnuplotText.number(view.rotX)), \(GnuplotText.number(view.rotZ)), 1.1, 1")
        script.command("set pm3d depthorder")

        var plot = PlotCommand()
        if let plane {
            let section = plane.section(x: range.x, y: range.y, z: range.z)
            if section.isEmpty {
                HiddenSpacePlot.addMissingSeparator(separatorTitle, defined: plane.isDefined, to: &plot)
            } else {
                // A translucent face with a dark outline and a light mesh on it, so that its tilt reads.
                let face = PointData(columns: [section.map(\.x), section.map(\.y), section.map(\.z)])
                plot.add("using 1:2:3 with polygons fillstyle transparent solid 0.22 border linecolor \(GnuplotText.rgb(Palette.ink))"
                            + " fillcolor \(GnuplotText.rgb(Palette.ink)) notitle",
                         points: face)
                // (In splot, a key entry takes its fill from linecolor; fillcolor is ignored.)
                plot.add(clause: "keyentry with boxes linecolor \(GnuplotText.rgb(Palette.ink)) fillstyle transparent solid 0.22"
                                    + " border linecolor \(GnuplotText.rgb(Palette.ink)) title \(GnuplotText.quoted(separatorTitle))")
                let mesh = HiddenSpacePlot.mesh(plane, x: range.x, y: range.y, z: range.z)
                if !mesh.values.isEmpty {
                    plot.add("using 1:2:3 with lines linewidth 0.7 linecolor \(GnuplotText.rgb(Palette.caption, transparency: 0x77)) notitle", points: mesh)
                }
            }
        }
        let size = ClassMarkers.pointSize(points.count)
        for (k, name) in classNames.enumerated() {
            let members = points.classes.indices.filter { points.classes[$0] == k }
            guard !members.isEmpty else { continue }
            let data = PointData(columns: [members.map { points.x[$0] }, members.map { points.y[$0] }, members.map { points.z[$0] }])
            plot.add("using 1:2:3 with points pointtype 7 pointsize \(size) linecolor \(GnuplotText.rgb(Palette.classColour(k)))"
                        + " title \(GnuplotText.quoted(name))", points: data)
            plot.add("using 1:2:3 with points pointtype 6 pointsize \(size) linewidth 0.6"
                        + " linecolor \(GnuplotText.rgb(Palette.ink)) notitle", points: data)
        }
        plot.emit(into: &script, command: "splot")
    }

    /// gnuplot's `set view rot_x, rot_z` for the points (in box-normalised coordinates, each axis
    /// scaled to [−1, 1] as drawn) and the plane with `normal` (in the same coordinates).
    ///
    /// What makes a view good here: the plane is seen at a shallow angle (10°–35° from edge-on,
    /// ideally 20°), so that it shows as a band with the two classes on either side of it, and
    /// the points are spread out on screen rather than seen edge-on themselves (a hidden layer
    /// of 3 units fed by 2 inputs puts the data on a curved sheet). The spread is the smaller
    /// eigenvalue of the projected points' covariance. Among good views, those close to gnuplot's
    /// default (60, 30) are preferred. Views looking from 40° to 80° above the floor only, so that
    /// the a3 axis stays upright.
    ///
    /// gnuplot's eye direction for (rot_x, rot_z) is (sin rx·sin rz, −sin rx·cos rz, cos rx), and
    /// the screen's horizontal is (cos rz, sin rz, 0).
    static func view(points: [[Double]], normal: [Double]?) -> (rotX: Double, rotZ: Double) {
        let n = normal.flatMap { $0.contains { $0 != 0 } ? Vector3.normalized($0) : nil }
        let step = max(1, points.count / 500)
        let sample = stride(from: 0, to: points.count, by: step).map { points[$0] }
        let degrees = Double.pi / 180
        var candidates: [(rotX: Double, rotZ: Double, spread: Double, penalty: Double)] = []
        for rotX in stride(from: 40.0, through: 80, by: 5) {
            for rotZ in stride(from: 0.0, to: 360, by: 5) {
                let (sx, cx, sz, cz) = (sin(rotX * degrees), cos(rotX * degrees), sin(rotZ * degrees), cos(rotZ * degrees))
                let eye = [sx * sz, -sx * cz, cx]
                let right = [cz, sz, 0.0]
                let up = Vector3.cross(eye, right)
                var penalty = 0.003 * (abs(rotX - 60) + 0.5 * min(abs(rotZ - 30), 360 - abs(rotZ - 30)))
                if let n {
                    let elevation = asin(min(abs(Vector3.dot(n, eye)), 1)) / degrees  // 0 = edge-on
                    if elevation < 10 || elevation > 35 { continue }
                    penalty += abs(elevation - 20) / 100
                }
                candidates.append((rotX, rotZ, spread(sample, right, up), penalty))
            }
        }
        let widest = candidates.map(\.spread).max() ?? 0
        guard widest > 0 else { return candidates.min { $0.penalty < $1.penalty }.map { ($0.rotX, $0.rotZ) } ?? (60, 30) }
        let best = candidates.max { $0.spread / widest - $0.penalty < $1.spread / widest - $1.penalty }
        return best.map { ($0.rotX, $0.rotZ) } ?? (60, 30)
    }

    /// The smaller eigenvalue of the covariance of `points` projected on (right, up).
    private static func spread(_ points: [[Double]], _ right: [Double], _ up: [Double]) -> Double {
        guard points.count >= 2 else { return 0 }
        var sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0
        for p in points {
            let x = Vector3.dot(p, right), y = Vector3.dot(p, up)
            sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y
        }
        let m = Double(points.count)
        let a = sxx / m - (sx / m) * (sx / m), c = syy / m - (sy / m) * (sy / m), b = sxy / m - (sx / m) * (sy / m)
        return (a + c) / 2 - (((a - c) / 2) * ((a - c) / 2) + b * b).squareRoot()
    }

    /// Lines on the plane, inside the box: 9 in each of two directions, evenly spaced in
    /// box-normalised coordinates so that they look evenly spaced on screen.
    static func mesh(_ plane: SeparatingPlane, x: ClosedRange<Double>, y: ClosedRange<Double>,
                     z: ClosedRange<Double>) -> PointData {
        let ranges = [x, y, z]
        let centre = ranges.map { ($0.lowerBound + $0.upperBound) / 2 }
        let half = ranges.map { ($0.upperBound - $0.lowerBound) / 2 }
        // In box coordinates u ∈ [−1, 1]³ (a = centre + half ⊙ u) the plane is n·u + c = 0.
        let n = zip(plane.w, half).map { $0 * $1 }
        let c = Vector3.dot(plane.w, centre) + plane.b
        let unit = SeparatingPlane(w: n, b: c)
        guard unit.isDefined else { return PointData(columns: 3, values: [], blockEnds: []) }
        let norm2 = Vector3.dot(n, n)
        let foot = n.map { -c * $0 / norm2 }  // the plane's point closest to the box's centre
        let (u, v) = unit.inPlaneBasis()
        var values: [Double] = [], blockEnds: [Int] = []
        let reach = 3.0.squareRoot()  // the box's half-diagonal: every section point is within it
        for (along, across) in [(u, v), (v, u)] {
            for k in 1...9 {
                let s = -reach + 2 * reach * Double(k) / 10
                let start = zip(foot, across).map { $0 + s * $1 }
                guard let (t0, t1) = clipToUnitBox(start, direction: along) else { continue }
                for t in [t0, t1] {
                    for axis in 0..<3 { values.append(centre[axis] + half[axis] * (start[axis] + t * along[axis])) }
                }
                blockEnds.append(values.count / 3)
            }
        }
        return PointData(columns: 3, values: values, blockEnds: blockEnds)
    }

    /// The parameters t0 < t1 for which start + t·direction lies in [−1, 1]³, or nil.
    static func clipToUnitBox(_ start: [Double], direction: [Double]) -> (Double, Double)? {
        var t0 = -Double.infinity, t1 = Double.infinity
        for axis in 0..<3 {
            if direction[axis] == 0 {
                if abs(start[axis]) > 1 { return nil }
            } else {
                let a = (-1 - start[axis]) / direction[axis], b = (1 - start[axis]) / direction[axis]
                t0 = max(t0, min(a, b))
                t1 = min(t1, max(a, b))
            }
        }
        return t0 < t1 - 1e-9 ? (t0, t1) : nil
    }

    /// `values`' range with 6 % room on each side; ±0.5 around a single value.
    static func padded(_ values: [Double]) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return -1...1 }
        let pad = high > low ? (high - low) * 0.06 : 0.5
        return (low - pad)...(high + pad)
    }
}
