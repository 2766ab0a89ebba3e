#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `show data` prints: m, n_x, classes and their counts (or the target's range), and per-feature
/// min / mean / max. (The split sizes belong to the session and are added by the caller.)
public struct DataSummary: Sendable, Equatable {
    public struct ClassCount: Sendable, Equatable {
        public var name: String
        public var count: Int
    }

    public struct Feature: Sendable, Equatable {
        public var name: String
        public var min: Double
        public var mean: Double
        public var max: Double
    }

    public var name: String
    /// Number of examples.
    public var m: Int
    /// Number of features.
    public var featureCount: Int
    public var labelName: String
    /// Classes in index order with their example counts; empty for regression.
    public var classes: [ClassCount]
    /// The target's smallest and largest value for regression; nil for classification (or m = 0).
    public var targetRange: ClosedRange<Double>?
    public var features: [Feature]

    public init(_ dataset: Dataset) {
        name = dataset.name
        m = dataset.m
        featureCount = dataset.featureCount
        labelName = dataset.labelName
        if let names = dataset.classNames {
            classes = zip(names, dataset.classCounts).map { ClassCount(name: $0, count: $1) }
            targetRange = nil
        } else {
            classes = []
            let y = dataset.Y.elements
            targetRange = y.isEmpty ? nil : y.min()!...y.max()!
        }
        let X = dataset.X
        features = (0..<X.rows).map { i in
            let name = i < dataset.featureNames.count ? dataset.featureNames[i] : "x\(i + 1)"
            guard X.cols > 0 else { return Feature(name: name, min: .nan, mean: .nan, max: .nan) }
            var lo = Double.infinity, hi = -Double.infinity, sum = 0.0
            for j in 0..<X.cols {
                let v = X.elements[i * X.cols + j]
                lo = Swift.min(lo, v)
                hi = Swift.max(hi, v)
                sum += v
            }
            return Feature(name: name, min: lo, mean: sum / Double(X.cols), max: hi)
        }
    }

    /// The summary as lines of text, for example:
    /// ```
    /// flower: m = 400 examples, n_x = 2 features
    /// label: 2 classes: 0 200, 1 200
    /// feature        min       mean        max
    /// x1          -3.946    0.01157      4.078
    /// ```
    public var lines: [String] {
        var out = ["\(name): m = \(m) example\(m == 1 ? "" : "s"), n_x = \(featureCount) feature\(featureCount == 1 ? "" : "s")"]
        if !classes.isEmpty {
            out.append("\(labelName): \(classes.count) classes: " + classes.map { "\($0.name) \($0.count)" }.joined(separator: ", "))
        } else if let range = targetRange {
            out.append("\(labelName): real-valued target from \(formatNumber(range.lowerBound)) to \(formatNumber(range.upperBound))")
        }
        let nameWidth = max(7, features.map { $0.name.count }.max() ?? 0)
        func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, width - s.count))
            return left ? s + fill : fill + s
        }
        out.append(pad("feature", nameWidth, left: true) + pad("min", 12) + pad("mean", 12) + pad("max", 12))
        for f in features {
            out.append(pad(f.name, nameWidth, left: true) + pad(formatNumber(f.min), 12)
                       + pad(formatNumber(f.mean), 12) + pad(formatNumber(f.max), 12))
        }
        return out
    }
}

extension Dataset {
    /// The one-line summary printed after `load`:
    /// `iris.csv: 150 examples × 4 features; label "species" (field 5): 3 classes: setosa 50, versicolor 50, virginica 50`
    /// or, for regression, `…; target "price" (field 14): real values from 5 to 50`. `labelColumn` (1-based)
    /// is given for files; generated datasets omit it.
    public func summaryLine(labelColumn: Int? = nil) -> String {
        var line = "\(name): \(m) example\(m == 1 ? "" : "s") × \(featureCount) feature\(featureCount == 1 ? "" : "s")"
        let field = labelColumn.map { " (field \($0))" } ?? ""
        if let names = classNames {
            let counts = classCounts
            let shown = min(names.count, 12)
            var list = (0..<shown).map { "\(shownName(names[$0])) \(counts[$0])" }.joined(separator: ", ")
            if names.count > shown { list += ", … (\(names.count - shown) more)" }
            line += "; label \"\(shownName(labelName))\"\(field): \(names.count) class\(names.count == 1 ? "" : "es"): " + list
        } else {
            let y = Y.elements
            if let lo = y.min(), let hi = y.max() {
                line += "; target \"\(shownName(labelName))\"\(field): real values from \(formatNumber(lo)) to \(formatNumber(hi))"
            }
        }
        return line
    }
}

/// A name from a file as shown on one line: control characters (a line break inside a quoted cell) escaped
/// as `\n`, `\t`, `\u{1B}`, and at most 40 characters, then `…` — a cell can be the whole file.
func shownName(_ name: String) -> String {
    var out = ""
    var count = 0
    for scalar in name.unicodeScalars {
        if count == 40 { return out + "…" }
        if scalar.properties.generalCategory == .control {
            out += scalar.escaped(asASCII: false)
        } else {
            out.unicodeScalars.append(scalar)
        }
        count += 1
    }
    return out
}

/// `x` with `significant` significant digits, as C's `%g` writes it (`0.01157`, `4.078`, `1.5e+06`).
func formatNumber(_ x: Double, significant: Int = 4) -> String {
    var buffer = [CChar](repeating: 0, count: 40)
    let count = buffer.withUnsafeMutableBufferPointer { b in
        withVaList([Int32(significant), x]) { vsnprintf(b.baseAddress!, 40, "%.*g", $0) }
    }
    return String(decoding: buffer[0..<Int(max(0, min(count, 39)))].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
