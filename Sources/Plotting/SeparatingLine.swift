// The output layer's decision boundary seen from the hidden layer: for a sigmoid output unit,
// p = σ(w·a + b) = 0.5 exactly where w·a + b = 0 — a straight line when the hidden layer has two
// units, a plane when it has three. Pure geometry: where that line or plane meets the plotted box.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The line w1·a1 + w2·a2 + b = 0 in a two-unit hidden space.
public struct SeparatingLine: Sendable, Equatable {
    public var w1: Double, w2: Double, b: Double

    public init(w1: Double, w2: Double, b: Double) {
        self.w1 = w1
        self.w2 = w2
        self.b = b
    }

    /// A straight piece of the line, from (x1, y1) to (x2, y2).
    public struct Segment: Sendable, Equatable {
        public var x1: Double, y1: Double, x2: Double, y2: Double

        public init(x1: Double, y1: Double, x2: Double, y2: Double) {
            self.x1 = x1
            self.y1 = y1
            self.x2 = x2
            self.y2 = y2
        }
    }

    /// w1·a1 + w2·a2 + b: positive on the side the output unit assigns to class 1 (p > 0.5).
    public func value(_ a1: Double, _ a2: Double) -> Double {
        w1 * a1 + w2 * a2 + b
    }

    /// Whether the line exists: w ≠ 0 (otherwise w·a + b is the constant b everywhere).
    public var isDefined: Bool {
        (w1 != 0 || w2 != 0) && [w1, w2, b].allSatisfy(\.isFinite)
    }

    /// The part of the line inside the box `x` × `y`, from border to border; nil if the line
    /// misses the box, only touches a corner, or is not defined.
    ///
    /// Both end points lie on the line up to rounding: |w1·x + w2·y + b| ≤ ~1e-15 · (|w|·|p| + |b|).
    /// Vertical lines (w2 = 0) and horizontal ones (w1 = 0) need no special case: the line is
    /// written as p0 + t·d with p0 its point closest to the origin and d = (−w2, w1) its
    /// direction, and t is clipped to the box one side at a time (Liang–Barsky).
    public func segment(x: ClosedRange<Double>, y: ClosedRange<Double>) -> Segment? {
        guard isDefined else { return nil }
        let norm2 = w1 * w1 + w2 * w2
        let p0x = -b * w1 / norm2, p0y = -b * w2 / norm2
        let dx = -w2, dy = w1
        var tMin = -Double.infinity, tMax = Double.infinity
        // Each side: the points p0 + t·d with p·t ≤ q are inside it.
        for (p, q) in [(-dx, p0x - x.lowerBound), (dx, x.upperBound - p0x),
                       (-dy, p0y - y.lowerBound), (dy, y.upperBound - p0y)] {
            if p == 0 {
                if q < 0 { return nil }  // parallel to this side and outside it
            } else if p < 0 {
                tMin = max(tMin, q / p)
            } else {
                tMax = min(tMax, q / p)
            }
        }
        guard tMin < tMax, tMin.isFinite, tMax.isFinite else { return nil }
        // Clamp: the end points are on the border up to rounding, and must not leave the box.
        func clamp(_ v: Double, _ range: ClosedRange<Double>) -> Double { min(max(v, range.lowerBound), range.upperBound) }
        var segment = Segment(x1: clamp(p0x + tMin * dx, x), y1: clamp(p0y + tMin * dy, y),
                              x2: clamp(p0x + tMax * dx, x), y2: clamp(p0y + tMax * dy, y))
        // On an axis-parallel line the clamped coordinate is exact; keep it so.
        if dx == 0 { segment.x1 = p0x; segment.x2 = p0x }
        if dy == 0 { segment.y1 = p0y; segment.y2 = p0y }
        return segment
    }

    /// The box `x` × `y` split by the line: the corners of the part where w·a + b ≥ 0 (class 1's
    /// side) and of the part where it is ≤ 0, each a convex polygon (empty if that side is not in
    /// the box). Without a line, the whole box is on the side of b's sign.
    func halves(x: ClosedRange<Double>, y: ClosedRange<Double>) -> (positive: [(Double, Double)], negative: [(Double, Double)]) {
        let box = [(x.lowerBound, y.lowerBound), (x.upperBound, y.lowerBound),
                   (x.upperBound, y.upperBound), (x.lowerBound, y.upperBound)]
        guard isDefined else { return b >= 0 ? (box, []) : ([], box) }
        return (clip(box, sign: 1), clip(box, sign: -1))
    }

    /// Sutherland–Hodgman against one half-plane: the part of `polygon` where sign·value ≥ 0.
    private func clip(_ polygon: [(Double, Double)], sign: Double) -> [(Double, Double)] {
        var out: [(Double, Double)] = []
        for (k, current) in polygon.enumerated() {
            let next = polygon[(k + 1) % polygon.count]
            let a = sign * value(current.0, current.1), c = sign * value(next.0, next.1)
            if a >= 0 { out.append(current) }
            if (a >= 0) != (c >= 0) {
                let t = a / (a - c)
                out.append((current.0 + t * (next.0 - current.0), current.1 + t * (next.1 - current.1)))
            }
        }
        return out.count >= 3 ? out : []
    }
}

/// A point in a three-unit hidden space.
public struct Point3: Sendable, Equatable {
    public var x: Double, y: Double, z: Double

    public init(_ x: Double, _ y: Double, _ z: Double) {
        self.x = x
        self.y = y
        self.z = z
    }
}

/// The plane w1·a1 + w2·a2 + w3·a3 + b = 0 in a three-unit hidden space.
public struct SeparatingPlane: Sendable, Equatable {
    public var w: [Double]
    public var b: Double

    /// `w` has the output unit's three incoming weights.
    public init(w: [Double], b: Double) {
        self.w = w
        self.b = b
    }

    /// w·a + b: positive on class 1's side.
    public func value(_ p: Point3) -> Double {
        w[0] * p.x + w[1] * p.y + w[2] * p.z + b
    }

    public var isDefined: Bool {
        w.count == 3 && w.contains { $0 != 0 } && (w + [b]).allSatisfy(\.isFinite)
    }

    /// The polygon where the plane cuts the box `x` × `y` × `z`, its corners in order around
    /// it (3 to 6 of them); empty if the plane misses the box.
    public func section(x: ClosedRange<Double>, y: ClosedRange<Double>, z: ClosedRange<Double>) -> [Point3] {
        guard isDefined else { return [] }
        let xs = [x.lowerBound, x.upperBound], ys = [y.lowerBound, y.upperBound], zs = [z.lowerBound, z.upperBound]
        var corners: [Point3] = []
        for k in 0..<8 { corners.append(Point3(xs[k & 1], ys[(k >> 1) & 1], zs[(k >> 2) & 1])) }
        // Corners on the plane, and crossings of the 12 edges (corners that differ in one bit).
        var points = corners.filter { value($0) == 0 }
        for k in 0..<8 {
            for bit in [1, 2, 4] where k & bit == 0 {
                let p = corners[k], q = corners[k | bit]
                let a = value(p), c = value(q)
                if (a < 0 && c > 0) || (a > 0 && c < 0) {
                    let t = a / (a - c)
                    points.append(Point3(p.x + t * (q.x - p.x), p.y + t * (q.y - p.y), p.z + t * (q.z - p.z)))
                }
            }
        }
        // Distinct points only (a corner on the plane is found from several edges).
        var unique: [Point3] = []
        let scale = max(x.upperBound - x.lowerBound, y.upperBound - y.lowerBound, z.upperBound - z.lowerBound)
        for p in points where !unique.contains(where: { abs($0.x - p.x) + abs($0.y - p.y) + abs($0.z - p.z) <= 1e-12 * scale }) {
            unique.append(p)
        }
        guard unique.count >= 3 else { return [] }
        // Order by angle around the centroid, measured in the plane.
        let (u, v) = inPlaneBasis()
        let cx = unique.map(\.x).reduce(0, +) / Double(unique.count)
        let cy = unique.map(\.y).reduce(0, +) / Double(unique.count)
        let cz = unique.map(\.z).reduce(0, +) / Double(unique.count)
        func angle(_ p: Point3) -> Double {
            let d = [p.x - cx, p.y - cy, p.z - cz]
            return atan2(Vector3.dot(d, v), Vector3.dot(d, u))
        }
        return unique.sorted { angle($0) < angle($1) }
    }

    /// Two unit vectors spanning the plane, perpendicular to each other.
    func inPlaneBasis() -> (u: [Double], v: [Double]) {
        let n = Vector3.normalized(w)
        // Start from the axis least aligned with the normal.
        let axis: [Double] = abs(n[0]) <= abs(n[1]) && abs(n[0]) <= abs(n[2]) ? [1, 0, 0]
            : abs(n[1]) <= abs(n[2]) ? [0, 1, 0] : [0, 0, 1]
        let u = Vector3.normalized(Vector3.cross(n, axis))
        return (u, Vector3.cross(n, u))
    }
}

/// Small helpers for 3-vectors held as arrays.
enum Vector3 {
    static func dot(_ a: [Double], _ b: [Double]) -> Double { a[0] * b[0] + a[1] * b[1] + a[2] * b[2] }

    static func cross(_ a: [Double], _ b: [Double]) -> [Double] {
        [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
    }

    /// `a` scaled to length 1 (unchanged if it is zero).
    static func normalized(_ a: [Double]) -> [Double] {
        let length = dot(a, a).squareRoot()
        return length > 0 ? a.map { $0 / length } : a
    }
}
