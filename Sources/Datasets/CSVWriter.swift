/// Writes a dataset as CSV (`save data FILE.csv`), so that `CSVLoader` reads back the same numbers.
///
/// Layout: a header with the feature names and the label name; then one row per example: the features, then
/// the label — the class *name* for classification, the number for regression. Numbers are written with
/// Swift's shortest round-trip description (`"\(double)"`: `0.15870990398255372`, `1e-05`, `-3.0`), so
/// reading them back gives the same bits. Fields holding a separator (`,` `;` tab), a quote, a line break or
/// surrounding spaces are quoted, quotes doubled. Lines end in `\n`. The file is written to a temporary file
/// beside the target and renamed over it, so a failed save never leaves a half-written file.
public enum CSVWriter {
    /// Writes `dataset` to `path` atomically.
    public static func write(_ dataset: Dataset, to path: String) throws(DataError) {
        try FileIO.writeAtomically(path: path, bytes: bytes(dataset))
    }

    /// The CSV text of `dataset`, as `write` would put it in the file.
    public static func text(_ dataset: Dataset) -> String {
        String(decoding: bytes(dataset), as: UTF8.self)
    }

    static func bytes(_ dataset: Dataset) -> [UInt8] {
        let X = dataset.X, m = dataset.m, n = dataset.featureCount
        var out: [UInt8] = []
        out.reserveCapacity((n + 1) * m * 12 + 64)
        let header = (0..<n).map { $0 < dataset.featureNames.count ? dataset.featureNames[$0] : "x\($0 + 1)" }
            + [dataset.labelName]
        for (i, name) in header.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            appendField(name, to: &out)
        }
        out.append(UInt8(ascii: "\n"))
        for j in 0..<m {
            for i in 0..<n {
                out.append(contentsOf: "\(X.elements[i * m + j])".utf8)
                out.append(UInt8(ascii: ","))
            }
            let y = dataset.Y.elements[j]
            if let names = dataset.classNames {
                appendField(names[Int(y)], to: &out)
            } else {
                out.append(contentsOf: "\(y)".utf8)
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    static func appendField(_ text: String, to out: inout [UInt8]) {
        let needsQuotes = text.isEmpty || text.first == " " || text.last == " "
            || text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\t")
                || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        guard needsQuotes else {
            out.append(contentsOf: text.utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }
}
