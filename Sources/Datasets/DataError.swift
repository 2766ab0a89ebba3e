/// Everything that can go wrong while loading, generating, splitting or saving data.
///
/// Every message has the shape the issue asks for: *where*, then *what was found*, then *what was expected*.
///
/// - `.file`: `FILE:LINE:COLUMN: found …, expected …` — LINE is 1-based and counts every line a text editor
///   shows (blank lines and the lines inside a quoted multi-line field included; `\r\n`, `\n` and a lone `\r`
///   each end one line). COLUMN is the 1-based *character* column of the start of the offending cell (its
///   first non-blank character, or its opening quote), counted in Unicode scalars with a tab as one and a
///   leading byte-order mark not counted — so `FILE:LINE:COLUMN` jumps to the cell in an editor. The text
///   then names the cell's *field* (1-based index in the row) and, when there is a header, its name.
/// - `.io`: `FILE: cannot read: No such file or directory` — the file system refused.
/// - `.option`: `noise=0.8: expected a number from 0 to 0.5` — a bad option value, named as typed.
/// - `.memory`: `data.csv: 1000001 rows × 9999 features needs 80.0 GB, this machine has 23.4 GB available` —
///   an allocation estimated before it is made and refused by `MemoryBudget`.
public enum DataError: Error, Equatable, Sendable, CustomStringConvertible {
    case file(path: String, line: Int, column: Int, found: String, expected: String)
    case io(path: String, reason: String)
    case option(name: String, value: String, expected: String)
    case memory(what: String, needed: Int, available: Int)

    public var description: String {
        switch self {
        case let .file(path, line, column, found, expected):
            return "\(path):\(line):\(column): found \(found), expected \(expected)"
        case let .io(path, reason):
            return "\(path): \(reason)"
        case let .option(name, value, expected):
            return "\(name)=\(value): expected \(expected)"
        case let .memory(what, needed, available):
            let (neededText, availableText) = MemoryBudget.formatPair(needed, available)
            return "\(what) needs \(neededText), this machine has \(availableText) available"
        }
    }

    /// The message, as printed (same as `description`).
    public var message: String { description }
}
