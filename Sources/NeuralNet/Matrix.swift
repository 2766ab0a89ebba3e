/// A dense matrix of `Double`, stored row-major.
///
/// Shapes follow the lecture: `X` is (n_x, m) with one column per example, `W[l]` is (n[l], n[l-1]),
/// `b[l]` is (n[l], 1). Row-major storage keeps one unit's values over all examples contiguous, which
/// is what the element-wise passes (activation, bias add, column sums) walk.
public struct Matrix: Equatable, Sendable {
    public private(set) var rows: Int
    public private(set) var cols: Int
    /// Row-major elements: element (i, j) is `elements[i * cols + j]`.
    public var elements: [Double]

    public init(rows: Int, cols: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && cols >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.cols = cols
        self.elements = Array(repeating: value, count: rows * cols)
    }

    public init(rows: Int, cols: Int, elements: [Double]) {
        precondition(elements.count == rows * cols, "expected \(rows * cols) elements, got \(elements.count)")
        self.rows = rows
        self.cols = cols
        self.elements = elements
    }

    /// Builds a matrix from nested rows: `Matrix([[1, 2], [3, 4]])` is (2, 2).
    public init(_ nestedRows: [[Double]]) {
        let r = nestedRows.count
        let c = nestedRows.first?.count ?? 0
        precondition(nestedRows.allSatisfy { $0.count == c }, "ragged rows")
        self.init(rows: r, cols: c, elements: nestedRows.flatMap { $0 })
    }

    public var shape: Shape { Shape(rows, cols) }
    public var count: Int { elements.count }

    public subscript(row: Int, col: Int) -> Double {
        get { elements[row * cols + col] }
        set { elements[row * cols + col] = newValue }
    }

    public func row(_ i: Int) -> [Double] { Array(elements[(i * cols)..<((i + 1) * cols)]) }
    public func column(_ j: Int) -> [Double] { (0..<rows).map { elements[$0 * cols + j] } }

    public var transposed: Matrix {
        var t = Matrix(rows: cols, cols: rows)
        for i in 0..<rows { for j in 0..<cols { t.elements[j * rows + i] = elements[i * cols + j] } }
        return t
    }

    /// Selects columns (examples) by index, in the given order.
    public func columns(_ indices: [Int]) -> Matrix {
        // All of them in order (the training part when nothing is held out): the same matrix, shared rather
        // than copied (the array is copied only if one side is later changed).
        if indices.count == cols && indices.elementsEqual(0..<cols) { return self }
        var out = Matrix(rows: rows, cols: indices.count)
        for i in 0..<rows {
            let base = i * cols
            let outBase = i * indices.count
            for (k, j) in indices.enumerated() { out.elements[outBase + k] = elements[base + j] }
        }
        return out
    }

    /// Reshapes in place without touching the elements' order (row-major).
    public mutating func reshape(rows newRows: Int, cols newCols: Int) {
        precondition(newRows * newCols == elements.count)
        rows = newRows
        cols = newCols
    }
}

/// A matrix shape written as the lecture writes it: `(4, 400)`.
public struct Shape: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var rows: Int
    public var cols: Int
    public init(_ rows: Int, _ cols: Int) { self.rows = rows; self.cols = cols }
    public var description: String { "(\(rows), \(cols))" }
}
