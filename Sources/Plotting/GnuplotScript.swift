// A gnuplot session's whole input, built before gnuplot starts: command text interleaved with
// the inline data that each `'-'` source of a plot command reads, in order.
//
// Building the script first (instead of writing to gnuplot as we go) keeps plots free of I/O,
// lets tests read exactly what gnuplot would read, and lets every data check fail before a
// process or a file exists.

import Foundation
import GnuplotIO

/// Gnuplot commands plus inline data, ready to send.
public struct GnuplotScript: Sendable {
    /// One piece of the input stream.
    enum Piece: Sendable {
        /// Command text, sent verbatim.
        case text(String)
        /// Text data for one `'-'` source: rows of `columns` numbers, ended by `e`.
        case points(PointData)
        /// Binary data for one `'-' binary` source.
        case grid(GridData)
    }

    private(set) var pieces: [Piece] = []

    public init() {}

    /// Appends one command line (a newline is added).
    mutating func command(_ line: String) {
        append(.text(line + "\n"))
    }

    /// Appends a piece; consecutive text is merged so that the script reads as one block.
    mutating func append(_ piece: Piece) {
        if case .text(let more) = piece, case .text(let previous)? = pieces.last {
            pieces[pieces.count - 1] = .text(previous + more)
        } else {
            pieces.append(piece)
        }
    }

    mutating func append(contentsOf other: GnuplotScript) {
        for piece in other.pieces { append(piece) }
    }

    /// Replaces every occurrence of `old` in the command text (never in data) with `new`.
    mutating func replaceText(_ old: String, with new: String) {
        pieces = pieces.map { piece in
            if case .text(let text) = piece { return .text(text.replacingOccurrences(of: old, with: new)) }
            return piece
        }
    }

    /// The script as text: commands verbatim, each inline data block summarised by a comment
    /// line (binary data cannot be shown). For reading and for tests; not what is sent.
    public var text: String {
        pieces.map { piece in
            switch piece {
            case .text(let text): return text
            case .points(let data): return "# <inline data: \(data.rows) rows × \(data.columns) columns, then e>\n"
            case .grid(let data): return "# <inline binary data: \(data.nx) × \(data.ny) cells × \(data.channels) values>\n"
            }
        }.joined()
    }
}

/// Rows of numbers for one `'-'` source. Row-major: `values.count == rows * columns`.
struct PointData: Sendable {
    var columns: Int
    var values: [Double]
    /// If non-empty, the rows are split into blocks (drawn as separate lines): block k is rows
    /// `blockEnds[k-1] ..< blockEnds[k]`.
    var blockEnds: [Int] = []

    var rows: Int { columns == 0 ? 0 : values.count / columns }

    /// Points from parallel columns, e.g. `PointData(columns: [xs, ys])`.
    init(columns data: [[Double]]) {
        columns = data.count
        let rows = data.first?.count ?? 0
        var values = [Double]()
        values.reserveCapacity(rows * columns)
        for r in 0..<rows {
            for column in data { values.append(column[r]) }
        }
        self.values = values
    }

    init(columns: Int, values: [Double], blockEnds: [Int]) {
        self.columns = columns
        self.values = values
        self.blockEnds = blockEnds
    }
}

/// A grid for one `'-' binary` source: ny rows × nx columns × channels, row-major, x fastest,
/// first row at the lowest y.
struct GridData: Sendable {
    enum Values: Sendable {
        /// Sent as 32-bit floats (e.g. probabilities for `with image`).
        case floats([Double])
        /// Sent as bytes (e.g. RGB for `with rgbimage`).
        case bytes([UInt8])
    }

    var nx: Int
    var ny: Int
    var channels: Int
    var values: Values

    /// gnuplot's description of this data, from gnuplot-iostream's `binFmt2d`:
    /// ` format='%float' array=(nx,ny) `.
    func binaryClause() throws -> String {
        var buffer = [CChar](repeating: 0, count: 128)
        let status: Int32 = buffer.withUnsafeMutableBufferPointer { out in
            switch values {
            case .floats: return gnuplotio_binfmt2d_float(nx, ny, channels, out.baseAddress, out.count)
            case .bytes: return gnuplotio_binfmt2d_uint8(nx, ny, channels, out.baseAddress, out.count)
            }
        }
        guard status == Int32(GNUPLOTIO_OK) else {
            throw PlotError.system("cannot describe a \(nx)×\(ny)×\(channels) grid for gnuplot (status \(status))")
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// One `plot` command: its clauses and, in the same order, the data each `'-'` clause reads.
struct PlotCommand {
    private var clauses: [String] = []
    private var data: [GnuplotScript.Piece] = []

    var isEmpty: Bool { clauses.isEmpty }

    /// Adds `'-' <rest>` reading `points`.
    mutating func add(_ rest: String, points: PointData) {
        clauses.append("'-' " + rest)
        data.append(.points(points))
    }

    /// Adds `'-' binary <format> <rest>` reading `grid`.
    mutating func add(_ rest: String, grid: GridData) throws {
        clauses.append("'-' binary" + (try grid.binaryClause()) + rest)
        data.append(.grid(grid))
    }

    /// Adds a clause that reads no inline data, e.g. `keyentry with lines title 'x'`.
    mutating func add(clause: String) {
        clauses.append(clause)
    }

    /// Writes `plot a, \ b, ...` (or `splot ...`) followed by the data blocks.
    func emit(into script: inout GnuplotScript, command: String = "plot") {
        script.command(command + " " + clauses.joined(separator: ", \\\n     "))
        for piece in data { script.append(piece) }
    }
}
