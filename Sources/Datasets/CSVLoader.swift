import NeuralNet
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loads a CSV file into a `Dataset`: features become `X` (n_x, m), one column per row of the file; the label
/// column becomes `Y` (1, m).
///
/// What it accepts (RFC 4180 and the usual deviations):
/// - UTF-8, with or without a byte-order mark; lines ending in `\r\n`, `\n` or a lone `\r`; no newline at
///   the end; blank (or all-space) lines anywhere, skipped.
/// - Fields quoted with `"` may hold separators, line breaks and doubled quotes (`""` is one `"`). Spaces
///   around a field are ignored (around the quotes of a quoted field too).
/// - Separator `,`, `;` or tab. `.auto` honours an Excel `sep=;` first line, and otherwise looks at the first
///   20 non-blank rows (outside quotes) and picks the candidate that occurs the same, nonzero number of
///   times in each; when several do, the one occurring most often, ties going to tab, then `;`, then `,`.
///   When none is consistent, the most frequent one on the first row; when none occurs, `,`.
/// - Header: `.auto` takes the first row as a header when one of its feature cells (not the label's) is
///   non-empty text that is not a number; a header of numbers needs `.yes`. `label: .name` implies a header.
/// - Numbers: decimal (`1`, `-2.5`, `.5`, `5.`, `1e-3`, `1E+05`) and whatever else `Double(String)` takes
///   (hex floats); each cell is converted exactly as `Double(String)` converts it. The decimal point is
///   always `.`.
///
/// The label (see `Target`): if any label cell is not a number, the labels are class *names*, sorted; if
/// all are integers with at most `maxIntegerClasses` (20) distinct values, the classes are those integers,
/// sorted numerically and named by them (`0`, `1`, `7`); otherwise the label is a real-valued regression
/// target. `Target.classes` / `.regression` override the rule.
///
/// Refused, each with `FILE:LINE:COLUMN: found …, expected …` (see `DataError`): a ragged row; an empty,
/// non-numeric, NaN or infinite feature cell (overflow such as `1e999` included); an empty label cell;
/// a NaN or infinite numeric label; an empty file; a header with no rows; an unterminated quote; text after
/// a closing quote; fewer than 2 fields. And, as `FILE: …`: anything that is not a regular file (a FIFO, a
/// device, a directory), a file that changes while it is read, and a file whose rows need more memory than
/// the machine has available (`MemoryBudget`, with the estimate).
///
/// Memory: the file is read (`FileIO`: regular files only, never mapped, an error if it changes meanwhile)
/// and every allocation that grows with its content — `X` for the rows the file can hold, the first row's
/// fields — is estimated first and refused by `MemoryBudget` when the machine cannot give it.
///
/// Speed: the file is read into memory once and parsed in one pass. Feature cells are converted
/// straight from the bytes (`NumberParser`: eight digits per load for short decimals), no `String` per cell,
/// and stored straight into `X`'s final (n_x, m) layout — no row-major copy, no transpose. Most of the time
/// goes into the number conversion of the hot loop in `parseRows(into:)`; the rest is the kernel providing
/// the file's and `X`'s pages.
public enum CSVLoader {
    /// Which field is the label.
    public enum Label: Equatable, Sendable {
        /// The last field (the default).
        case last
        /// The field with this 1-based number (as in error messages: the first field is 1).
        case index(Int)
        /// The field whose header cell is exactly this name (implies a header).
        case name(String)
    }

    public enum Header: Equatable, Sendable {
        case auto, yes, no
    }

    public enum Separator: Equatable, Sendable {
        case auto, comma, semicolon, tab

        var byte: UInt8? {
            switch self {
            case .auto: return nil
            case .comma: return UInt8(ascii: ",")
            case .semicolon: return UInt8(ascii: ";")
            case .tab: return UInt8(ascii: "\t")
            }
        }

        init(byte: UInt8) {
            switch byte {
            case UInt8(ascii: ";"): self = .semicolon
            case UInt8(ascii: "\t"): self = .tab
            default: self = .comma
            }
        }

        /// As written in an option: `,`, `;`, `tab`.
        public var name: String {
            switch self {
            case .auto: return "auto"
            case .comma: return ","
            case .semicolon: return ";"
            case .tab: return "tab"
            }
        }
    }

    /// How to read the label column.
    public enum Target: Equatable, Sendable {
        /// Text → classes; integers with ≤ 20 distinct values → classes; other numbers → regression.
        case auto
        /// Always classes (integers sorted numerically, anything else by name).
        case classes
        /// Always a real-valued target (every label must be a finite number).
        case regression
    }

    /// Integer labels with more distinct values than this are a regression target under `Target.auto`.
    public static let maxIntegerClasses = 20

    /// A loaded file and how it was read.
    public struct Loaded: Sendable {
        public var dataset: Dataset
        /// The label's 1-based field number.
        public var labelColumn: Int
        public var hasHeader: Bool
        /// The separator used (never `.auto`).
        public var separator: Separator
        /// Why `Target.auto` made the label a real-valued target (nil when it did not): the first row with a
        /// non-integer label, or the count of distinct integer labels.
        public var regressionReason: String? = nil
        /// The one-line summary `load` prints:
        /// `iris.csv: 150 examples × 4 features; label "species" (field 5): 3 classes: setosa 50, …`.
        public var summary: String { dataset.summaryLine(labelColumn: labelColumn) }
    }

    /// Loads `path`; see the type's documentation for the rules.
    public static func load(path: String, label: Label = .last, header: Header = .auto,
                            separator: Separator = .auto, target: Target = .auto) throws(DataError) -> Dataset {
        try read(path: path, label: label, header: header, separator: separator, target: target).dataset
    }

    /// Loads `path` and says how it was read (label column, header, separator) and its summary line.
    public static func read(path: String, label: Label = .last, header: Header = .auto,
                            separator: Separator = .auto, target: Target = .auto) throws(DataError) -> Loaded {
        try read(path: path, label: label, header: header, separator: separator, target: target,
                 chunk: FileIO.readChunk, afterChunk: nil)
    }

    /// `read`, with `FileIO.readAll`'s chunk size and hook (tests change the file while it is read).
    static func read(path: String, label: Label, header: Header, separator: Separator, target: Target,
                     chunk: Int, afterChunk: ((Int) -> Void)?) throws(DataError) -> Loaded {
        try FileIO.withContents(path: path, chunk: chunk, afterChunk: afterChunk) { (buffer) throws(DataError) -> Loaded in
            try parse(buffer: buffer, path: path, label: label, header: header, separator: separator, target: target)
        }
    }

    /// Parses CSV text already in memory; `path` names it in errors and (its last component) in the dataset.
    public static func parse(bytes: [UInt8], path: String, label: Label = .last, header: Header = .auto,
                             separator: Separator = .auto, target: Target = .auto) throws(DataError) -> Loaded {
        try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> Loaded in
            try parse(buffer: buffer, path: path, label: label, header: header, separator: separator, target: target)
        }
    }

    /// `budget`: the memory the parse may take (nil: the machine's available memory at each check).
    static func parse(buffer: UnsafeBufferPointer<UInt8>, path: String, label: Label, header: Header,
                      separator: Separator, target: Target, budget: MemoryBudget? = nil) throws(DataError) -> Loaded {
        if buffer.isEmpty {
            throw DataError.file(path: path, line: 1, column: 1, found: "an empty file", expected: "a header or rows of numbers")
        }
        var parser = CSVParser(buffer: buffer, path: path)
        parser.budget = budget
        return try parser.run(label: label, header: header, separator: separator, target: target)
    }
}

// MARK: - The parser

private let quote = UInt8(ascii: "\"")
private let lf = UInt8(ascii: "\n")
private let cr = UInt8(ascii: "\r")
private let space = UInt8(ascii: " ")
private let tabByte = UInt8(ascii: "\t")

/// One pass over the bytes of a CSV file. Internal: `CSVLoader` is the API.
struct CSVParser {
    let path: String
    let end: UnsafePointer<UInt8>
    /// Where the text starts (after a byte-order mark).
    var start: UnsafePointer<UInt8>
    var sep: UInt8 = UInt8(ascii: ",")
    /// The current line (1-based) and the address of its first byte: kept up to date across quoted line breaks.
    var line = 1
    var lineStart: UnsafePointer<UInt8>
    /// Unquoted content of the last cell scanned by `scanField` when it was quoted.
    var scratch: [UInt8] = []
    /// Field names for messages (header cells, or nil without a header).
    var headerNames: [String]?
    /// The memory allocations may take; nil: what the machine has available at each check.
    var budget: MemoryBudget?

    init(buffer: UnsafeBufferPointer<UInt8>, path: String) {
        self.path = path
        let basePointer = UnsafePointer(buffer.baseAddress!)  // callers pass a non-empty buffer
        end = basePointer + buffer.count
        var s = basePointer
        if buffer.count >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF { s += 3 }
        start = s
        lineStart = s
    }

    // MARK: Positions and messages

    /// 1-based character column of `p` on the line starting at `lineStart` (UTF-8 continuation bytes skipped).
    func column(of p: UnsafePointer<UInt8>, lineStart: UnsafePointer<UInt8>) -> Int {
        var count = 1
        var q = lineStart
        while q < p {
            if q.pointee & 0xC0 != 0x80 { count += 1 }
            q += 1
        }
        return count
    }

    func error(line: Int, lineStart: UnsafePointer<UInt8>, at p: UnsafePointer<UInt8>,
               found: String, expected: String) -> DataError {
        .file(path: path, line: line, column: column(of: p, lineStart: lineStart), found: found, expected: expected)
    }

    func fieldDescription(_ index: Int) -> String {
        if let names = headerNames, index < names.count, !names[index].isEmpty {
            return "field \(index + 1) (\(CSVParser.shortened(names[index])))"
        }
        return "field \(index + 1)"
    }

    /// A cell as shown in a message: quoted, at most 40 characters. Only a prefix is decoded — a cell
    /// can be the whole (multi-gigabyte) file.
    static func quoted(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let prefix = UnsafeBufferPointer(rebasing: bytes[0..<min(bytes.count, 4 * 41)])
        var text = shownName(String(decoding: prefix, as: UTF8.self))
        if prefix.count < bytes.count && !text.hasSuffix("…") { text += "…" }
        return "\"" + text + "\""
    }

    /// A header name as shown in a message: control characters escaped, at most 40 characters.
    static func shortened(_ name: String) -> String { shownName(name) }

    // MARK: Fields

    /// Where a scanned cell's content is.
    struct Cell {
        /// First non-blank byte (the opening quote of a quoted field); the error column points here.
        var at: UnsafePointer<UInt8>
        var line: Int
        var lineStart: UnsafePointer<UInt8>
        var quoted: Bool
        /// The content when unquoted (trimmed); for a quoted cell the content is in `scratch`.
        var unquoted: UnsafeBufferPointer<UInt8>
    }

    @inline(__always) func isBlank(_ c: UInt8) -> Bool { c == space || (c == tabByte && sep != tabByte) }

    /// Scans the field starting at `p` and returns it with the address of its terminator (a separator, a
    /// line break, or the end). Quoted content goes into `scratch`, unescaped.
    mutating func scanField(_ p0: UnsafePointer<UInt8>) throws(DataError) -> (Cell, UnsafePointer<UInt8>) {
        var p = p0
        while p < end && isBlank(p.pointee) { p += 1 }
        if p < end && p.pointee == quote {
            let open = p, openLine = line, openLineStart = lineStart
            scratch.removeAll(keepingCapacity: true)
            p += 1
            while true {
                guard p < end else {
                    throw error(line: openLine, lineStart: openLineStart, at: open,
                                found: "a quoted field that is never closed",
                                expected: "a closing quote (\") before the end of the file")
                }
                let c = p.pointee
                if c == quote {
                    if p + 1 < end && p[1] == quote {
                        scratch.append(quote)
                        p += 2
                        continue
                    }
                    p += 1
                    break
                }
                scratch.append(c)
                p += 1
                if c == lf || (c == cr && !(p < end && p.pointee == lf)) {
                    line += 1
                    lineStart = p
                }
            }
            while p < end && isBlank(p.pointee) { p += 1 }
            if p < end && p.pointee != sep && p.pointee != lf && p.pointee != cr {
                var q = p
                while q < end && q.pointee != sep && q.pointee != lf && q.pointee != cr { q += 1 }
                throw error(line: line, lineStart: lineStart, at: p,
                            found: CSVParser.quoted(UnsafeBufferPointer(start: p, count: q - p)) + " after a closing quote",
                            expected: "a separator (\(Separator(byte: sep).name)) or the end of the line")
            }
            let cell = Cell(at: open, line: openLine, lineStart: openLineStart, quoted: true,
                            unquoted: UnsafeBufferPointer(start: nil, count: 0))
            return (cell, p)
        }
        let contentStart = p
        while p < end {
            let c = p.pointee
            if c == sep || c == lf || c == cr { break }
            p += 1
        }
        var contentEnd = p
        while contentEnd > contentStart && isBlank(contentEnd[-1]) { contentEnd -= 1 }
        let cell = Cell(at: contentStart, line: line, lineStart: lineStart, quoted: false,
                        unquoted: UnsafeBufferPointer(start: contentStart, count: contentEnd - contentStart))
        return (cell, p)
    }

    /// Calls `body` with a cell's content bytes.
    func withContent<R, E: Error>(_ cell: Cell, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        if !cell.quoted { return try body(cell.unquoted) }
        return try scratch.withUnsafeBufferPointer { (buffer) throws(E) -> R in try body(buffer) }
    }

    func text(of cell: Cell) -> String {
        if cell.quoted { return String(decoding: scratch, as: UTF8.self) }
        return String(decoding: cell.unquoted, as: UTF8.self)
    }

    /// Parses a cell's content as a number; spaces and tabs around it are ignored (they can remain only
    /// inside quotes: `" 4 "`).
    static func parseNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> NumberParser.Result {
        guard var first = bytes.baseAddress, bytes.count > 0 else { return .notANumber }
        var last = first + bytes.count
        while first < last && (first.pointee == space || first.pointee == tabByte) { first += 1 }
        while last > first && (last[-1] == space || last[-1] == tabByte) { last -= 1 }
        guard last > first else { return .notANumber }
        return NumberParser.parse(first, last - first)
    }

    /// Converts a feature cell, or throws the precise reason it is not a finite number.
    func featureValue(_ cell: Cell, field: Int) throws(DataError) -> Double {
        try withContent(cell) { (bytes: UnsafeBufferPointer<UInt8>) throws(DataError) -> Double in
            let result = CSVParser.parseNumber(bytes)
            if case .number(let v) = result { return v }
            throw featureError(result, bytes: bytes, cell: cell, field: field)
        }
    }

    func featureError(_ result: NumberParser.Result, bytes: UnsafeBufferPointer<UInt8>, cell: Cell, field: Int) -> DataError {
        let whereText = " in " + fieldDescription(field)
        let shown = CSVParser.quoted(bytes)
        let found: String
        var expected = "a number"
        switch result {
        case .number:
            found = shown + whereText
        case .notANumber:
            if bytes.isEmpty {
                found = "an empty cell" + whereText
            } else {
                found = shown + whereText
                // `1,5` under `sep=;`: a decimal comma.
                if bytes.contains(UInt8(ascii: ",")) {
                    let dotted = bytes.map { $0 == UInt8(ascii: ",") ? UInt8(ascii: ".") : $0 }
                    if case .number = dotted.withUnsafeBufferPointer(CSVParser.parseNumber) {
                        expected = "a number with a decimal point (.), not a decimal comma"
                    }
                }
            }
        case .nan:
            found = shown + whereText
            expected = "a finite number (NaN is not allowed)"
        case .infinite(let overflow):
            found = shown + whereText + (overflow ? ", which overflows to infinity" : "")
            expected = "a finite number"
        }
        return error(line: cell.line, lineStart: cell.lineStart, at: cell.at, found: found, expected: expected)
    }

    // MARK: Lines

    /// Skips blank and all-space lines at `p` (a line start); returns the first non-blank line's start.
    mutating func skipBlankLines(_ p0: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        var p = p0
        while p < end {
            var q = p
            while q < end && isBlank(q.pointee) { q += 1 }
            if q == end { return q }
            let c = q.pointee
            if c == lf || c == cr {
                q += 1
                if c == cr && q < end && q.pointee == lf { q += 1 }
                line += 1
                lineStart = q
                p = q
            } else {
                return p
            }
        }
        return p
    }

    /// Moves past the line break at `p` (or stays at the end).
    @inline(__always) mutating func consumeLineBreak(_ p0: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        var p = p0
        guard p < end else { return p }
        if p.pointee == cr {
            p += 1
            if p < end && p.pointee == lf { p += 1 }
        } else {
            p += 1
        }
        line += 1
        lineStart = p
        return p
    }

    /// Scans a whole record of cells as strings (the first record: header or first row). Returns the cells'
    /// texts and parse results, and the address after the record's line break.
    mutating func scanRecord(_ p0: UnsafePointer<UInt8>) throws(DataError) -> (texts: [String], numbers: [NumberParser.Result], next: UnsafePointer<UInt8>) {
        var p = p0
        var texts: [String] = []
        var numbers: [NumberParser.Result] = []
        while true {
            let (cell, next) = try scanField(p)
            texts.append(text(of: cell))
            numbers.append(withContent(cell) { (bytes: UnsafeBufferPointer<UInt8>) -> NumberParser.Result in
                CSVParser.parseNumber(bytes)
            })
            p = next
            if p < end && p.pointee == sep {
                p += 1
            } else {
                return (texts, numbers, consumeLineBreak(p))
            }
        }
    }

    // MARK: Separator sniffing

    /// Picks `,`, `;` or tab from the first 20 non-blank records (see `CSVLoader`).
    func sniffSeparator(from p0: UnsafePointer<UInt8>) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), tabByte]
        var records: [[Int]] = []
        var current = [0, 0, 0]
        var nonBlank = false
        var inQuotes = false
        var p = p0
        while p < end && records.count < 20 {
            let c = p.pointee
            if inQuotes {
                if c == quote {
                    if p + 1 < end && p[1] == quote { p += 1 } else { inQuotes = false }
                }
            } else {
                switch c {
                case quote: inQuotes = true; nonBlank = true
                case candidates[0]: current[0] += 1; nonBlank = true
                case candidates[1]: current[1] += 1; nonBlank = true
                case candidates[2]: current[2] += 1; nonBlank = true
                case lf, cr:
                    if nonBlank { records.append(current) }
                    current = [0, 0, 0]
                    nonBlank = false
                case space: break
                default: nonBlank = true
                }
            }
            p += 1
        }
        if nonBlank && records.count < 20 { records.append(current) }
        guard let first = records.first else { return candidates[0] }
        // Candidates in order of preference on ties: tab, then `;`, then `,` (a rarer character used
        // consistently is the separator). `max(by:)` keeps the first of equal elements.
        let order = [2, 1, 0]
        let consistent = order.filter { i in first[i] > 0 && records.allSatisfy { $0[i] == first[i] } }
        if let best = consistent.max(by: { first[$0] < first[$1] }) { return candidates[best] }
        if let best = order.filter({ first[$0] > 0 }).max(by: { first[$0] < first[$1] }) { return candidates[best] }
        return candidates[0]
    }

    /// An Excel `sep=X` first line: returns X and the start of the next line, or nil.
    func excelSeparatorLine(at p: UnsafePointer<UInt8>) -> (UInt8, UnsafePointer<UInt8>)? {
        guard end - p >= 5 else { return nil }
        let prefix = (0..<4).map { p[$0] | (($0 < 3) ? 0x20 : 0) }
        guard prefix == Array("sep=".utf8) else { return nil }
        let s = p[4]
        guard s == UInt8(ascii: ",") || s == UInt8(ascii: ";") || s == tabByte else { return nil }
        let after = p + 5
        guard after == end || after.pointee == lf || after.pointee == cr else { return nil }
        return (s, after)
    }

    /// What one field of the first row costs before the data: its text and parse result, its header and
    /// feature names (Swift strings, array slots, small heap blocks).
    static let bytesPerHeaderField = 160

    /// The separators outside quotes from `p` to the end of its record (a quoted field may hold line breaks).
    func separators(onLineAt p0: UnsafePointer<UInt8>) -> Int {
        var n = 0
        var p = p0
        var inQuotes = false
        let sep = self.sep
        while p < end {
            let c = p.pointee
            if c == quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if c == lf || c == cr { break }
                if c == sep { n += 1 }
            }
            p += 1
        }
        return n
    }

    // MARK: The whole file

    mutating func run(label: CSVLoader.Label, header: CSVLoader.Header, separator: CSVLoader.Separator,
                      target: CSVLoader.Target) throws(DataError) -> CSVLoader.Loaded {
        var p = start
        if start == end {
            throw error(line: 1, lineStart: start, at: start, found: "an empty file", expected: "a header or rows of numbers")
        }
        if let (s, after) = excelSeparatorLine(at: p) {
            sep = separator.byte ?? s
            p = consumeLineBreak(after)
        } else {
            sep = separator.byte ?? sniffSeparator(from: p)
        }
        p = skipBlankLines(p)
        if p == end {
            throw error(line: 1, lineStart: start, at: start, found: "only blank lines", expected: "a header or rows of numbers")
        }

        // The first record decides the field count, the label's field and whether it is a header. Each of its
        // fields becomes several strings and names: estimate them from the separators on its line first.
        let firstLine = line, firstLineStart = lineStart, firstRecord = p
        let fieldEstimate = separators(onLineAt: p) + 1
        try (budget ?? .current).check(bytes: MemoryBudget.bytes(fieldEstimate, CSVParser.bytesPerHeaderField),
                               what: "\(path):\(line): a first row of \(fieldEstimate) fields")
        let (texts, numbers, afterFirst) = try scanRecord(p)
        let fieldCount = texts.count
        if fieldCount < 2 {
            throw error(line: firstLine, lineStart: firstLineStart, at: firstRecord,
                        found: "1 field (separator \(Separator(byte: sep).name))",
                        expected: "at least 2 fields: one or more features and a label")
        }
        let fileName = FileIO.lastComponent(path)
        var hasHeader: Bool
        switch header {
        case .yes: hasHeader = true
        case .no: hasHeader = false
        case .auto: hasHeader = false
        }
        if case .name(let name) = label, header == .no {
            throw DataError.option(name: "label", value: name,
                                   expected: "a field number or last (header=no: \(fileName) has no field names)")
        }
        let labelIndex: Int
        switch label {
        case .last:
            labelIndex = fieldCount - 1
        case .index(let i):
            guard (1...fieldCount).contains(i) else {
                throw DataError.option(name: "label", value: "\(i)",
                                       expected: "a field number from 1 to \(fieldCount) (\(fileName) has \(fieldCount) fields)")
            }
            labelIndex = i - 1
        case .name(let name):
            hasHeader = true
            let matches = texts.indices.filter { texts[$0] == name }
            if matches.count > 1 {
                throw DataError.option(name: "label", value: name,
                                       expected: "a unique field name (fields \(matches.map { String($0 + 1) }.joined(separator: " and ")) are both named \(name); use label=NUMBER)")
            }
            guard let index = matches.first else {
                let suggestion = texts.first { $0.lowercased() == name.lowercased() }.map { " (did you mean \($0)?)" } ?? ""
                throw DataError.option(name: "label", value: name,
                                       expected: "a field name from the header of \(fileName): \(CSVParser.nameList(texts))\(suggestion)")
            }
            labelIndex = index
        }
        if header == .auto && !hasHeader {
            hasHeader = numbers.indices.contains { i in
                i != labelIndex && numbers[i] == .notANumber && !texts[i].isEmpty
            }
        }

        var featureNames: [String] = []
        var labelName = "label"
        if hasHeader {
            headerNames = texts
            for i in 0..<fieldCount where i != labelIndex {
                featureNames.append(texts[i].isEmpty ? "x\(featureNames.count + 1)" : texts[i])
            }
            if !texts[labelIndex].isEmpty { labelName = texts[labelIndex] }
        } else {
            featureNames = (1..<fieldCount).map { "x\($0)" }
        }

        // The data rows: from after the header, or from the first record itself.
        var dataStart = firstRecord
        if hasHeader {
            dataStart = afterFirst
        } else {
            line = firstLine
            lineStart = firstLineStart
        }
        let rows = try parseRows(from: dataStart, fieldCount: fieldCount, labelIndex: labelIndex)
        if rows.count == 0 {
            throw error(line: firstLine, lineStart: firstLineStart, at: firstRecord,
                        found: "a header and no data rows", expected: "at least one row of data below the header")
        }
        let X = rows.X
        let (Y, classNames) = try labels(rows, target: target, labelIndex: labelIndex)
        let dataset = Dataset(name: fileName, X: X, Y: Y, featureNames: featureNames, classNames: classNames,
                              labelName: labelName)
        var loaded = CSVLoader.Loaded(dataset: dataset, labelColumn: labelIndex + 1, hasHeader: hasHeader,
                                      separator: Separator(byte: sep))
        if target == .auto && classNames == nil {
            if let row = rows.labelValues.firstIndex(where: { $0.rounded() != $0 }) {
                loaded.regressionReason = "row \(row + 1) has the label \(rows.labelValues[row]), not a whole number"
            } else {
                let distinct = Set(rows.labelValues).count
                loaded.regressionReason = "\(distinct) distinct whole-number labels, more than \(CSVLoader.maxIntegerClasses)"
            }
        }
        return loaded
    }

    typealias Separator = CSVLoader.Separator

    /// Header names for a message: the first 20, shortened, then how many more.
    static func nameList(_ names: [String]) -> String {
        let shown = names.prefix(20).map(shortened).joined(separator: ", ")
        return names.count > 20 ? shown + ", … (\(names.count) fields)" : shown
    }

    /// The data rows: `X` already in its final (n_x, m) layout, plus the label cells.
    struct Rows {
        var X = Matrix(rows: 0, cols: 0)
        var count = 0
        /// Label cells: numeric value (NaN when not a number) and the unquoted text in `labelText`.
        var labelValues: [Double] = []
        var labelText: [UInt8] = []
        var labelEnds: [Int] = []
        /// The first label cell that is not a number / is NaN or infinite, for the error the target rule may need.
        var firstNonNumeric: DataError?
        var firstNonFinite: DataError?
    }

    /// Counts the bytes equal to `byte` from `p` to the end (with `memchr`, which scans many bytes per step).
    func count(_ byte: UInt8, from p: UnsafePointer<UInt8>) -> Int {
        var n = 0
        var q = UnsafeRawPointer(p)
        let stop = UnsafeRawPointer(end)
        while q < stop, let hit = memchr(q, Int32(byte), stop - q) {
            n += 1
            q = UnsafeRawPointer(hit) + 1
        }
        return n
    }

    /// All data rows. `X` (n_x, m) is filled in place — feature i of row j goes straight to
    /// `elements[i·stride + j]` — with a stride that bounds the number of rows (the number of line breaks
    /// + 1), then the n_x runs are moved together (stride → m). No row-major copy, no transpose.
    mutating func parseRows(from p0: UnsafePointer<UInt8>, fieldCount: Int, labelIndex: Int) throws(DataError) -> Rows {
        let n = fieldCount - 1
        let lfCount = count(lf, from: p0)
        // Rows ≤ lines; lines = LFs + 1 in LF and CRLF files, CRs + 1 in old-Mac files. A file mixing lone CRs
        // with LFs can exceed the first bound; then the rows are parsed again with LFs + CRs + 1.
        // A second bound from the bytes: a row is at least `fieldCount` non-empty cells and `fieldCount − 1`
        // separators, so one 10,000-field row followed by a million blank lines cannot ask for 10,000 × a million.
        let byteBound = (end - p0) / (2 * fieldCount - 1) + 1
        var stride = min((lfCount > 0 ? lfCount : count(cr, from: p0)) + 1, byteBound)
        let savedLine = line, savedLineStart = lineStart
        while true {
            try checkMemory(rows: stride, features: n)
            var rows = Rows()
            rows.labelValues.reserveCapacity(stride)
            rows.labelEnds.reserveCapacity(stride)
            var failure: DataError?
            var overflow = false
            var m = 0
            let elements = [Double](unsafeUninitializedCapacity: n * stride) { buffer, initialized in
                initialized = 0
                FileIO.adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
                do throws(DataError) {
                    guard let rowCount = try parseRows(into: buffer.baseAddress!, stride: stride, from: p0,
                                                       fieldCount: fieldCount, labelIndex: labelIndex, rows: &rows) else {
                        overflow = true
                        return
                    }
                    m = rowCount
                    if m < stride {
                        let base = buffer.baseAddress!
                        for i in 1..<max(n, 1) {
                            (base + i * m).update(from: base + i * stride, count: m)
                        }
                    }
                    initialized = n * m
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
            if overflow {
                // (The byte bound cannot be exceeded; growing anyway keeps this loop finite whatever happens.)
                let next = min(lfCount + count(cr, from: p0) + 1, byteBound)
                stride = next > stride ? next : stride * 2
                line = savedLine
                lineStart = savedLineStart
                continue
            }
            // Many blank lines or multi-line cells leave a long unused tail: give it back.
            // (Only when the copy fits: keeping the longer buffer is better than refusing a loaded file.)
            var compact = elements
            if stride > m + m / 8 + 4096,
               (try? (budget ?? .current).check(bytes: MemoryBudget.bytes(n, m, 8), what: path)) != nil {
                compact = [Double](unsafeUninitializedCapacity: elements.count) { buffer, initialized in
                    _ = buffer.initialize(from: elements)
                    initialized = elements.count
                }
            }
            rows.X = Matrix(rows: n, cols: m, elements: compact)
            rows.count = m
            return rows
        }
    }

    /// Refuses a file whose rows the machine cannot hold: `X` (8 bytes per feature) plus each label's value,
    /// text end and class index, for the `rows` the file can hold at most.
    func checkMemory(rows: Int, features: Int) throws(DataError) {
        let perRow = MemoryBudget.bytes(features, 8) &+ 32
        let bytes = MemoryBudget.bytes(rows, perRow < 0 ? Int.max : perRow)
        try (budget ?? .current).check(bytes: bytes, what: "\(path): up to \(rows) rows × \(features) features")
    }

    /// The hot loop: every data row, feature cells converted in place into `base` (feature i of row j at
    /// `base[i·stride + j]`). Returns the row count, or nil when there are more than `stride` rows.
    mutating func parseRows(into base: UnsafeMutablePointer<Double>, stride: Int, from p0: UnsafePointer<UInt8>,
                            fieldCount: Int, labelIndex: Int, rows: inout Rows) throws(DataError) -> Int? {
        var m = 0
        var p = p0
        let sep = self.sep
        let end = self.end
        while true {
            if p < end {
                let c = p.pointee
                if c == lf || c == cr || c == space || c == tabByte { p = skipBlankLines(p) }
            }
            if p >= end { break }
            if m == stride { return nil }
            var out = base + m  // feature 0 of this row; the next feature is `stride` further
            var field = 0
            while true {
                if field == labelIndex {
                    let (cell, next) = try scanField(p)
                    try recordLabel(cell, field: field, into: &rows)
                    p = next
                } else {
                    // Fastest: a short decimal read 8 digits at a time (far enough from the end).
                    if end - p >= 24, let (v, t) = NumberParser.scanShort(p),
                       t.pointee == sep || t.pointee == lf || t.pointee == cr {
                        out.pointee = v
                        out += stride
                        p = t
                        field += 1
                        if t.pointee == sep {
                            p += 1
                            if field == fieldCount { throw tooManyFields(at: p, fieldCount: fieldCount) }
                            continue
                        }
                        if field < fieldCount { throw tooFewFields(at: p, field: field, fieldCount: fieldCount) }
                        p = consumeLineBreak(p)
                        break
                    }
                    let scan = NumberParser.scanDecimal(p, end)
                    let t = scan.end
                    let atTerminator = t == end || t.pointee == sep || t.pointee == lf || t.pointee == cr
                    if atTerminator, let v = scan.exact {
                        out.pointee = v
                        p = t
                    } else if atTerminator && scan.hasDigits, let v = NumberParser.strtodExact(p, t - p), v.isFinite {
                        out.pointee = v
                        p = t
                    } else {
                        let (cell, next) = try scanField(p)
                        out.pointee = try featureValue(cell, field: field)
                        p = next
                    }
                    out += stride
                }
                field += 1
                if p < end && p.pointee == sep {
                    p += 1
                    if field == fieldCount { throw tooManyFields(at: p, fieldCount: fieldCount) }
                } else {
                    if field < fieldCount { throw tooFewFields(at: p, field: field, fieldCount: fieldCount) }
                    p = consumeLineBreak(p)
                    break
                }
            }
            m += 1
        }
        return m
    }

    func tooFewFields(at p: UnsafePointer<UInt8>, field: Int, fieldCount: Int) -> DataError {
        error(line: line, lineStart: lineStart, at: p, found: "\(field) field\(field == 1 ? "" : "s")",
              expected: "\(fieldCount) fields like \(headerNames == nil ? "the first row" : "the header")")
    }

    /// A row with too many fields: counts them and points at the first extra one (which starts at `p`).
    mutating func tooManyFields(at p0: UnsafePointer<UInt8>, fieldCount: Int) -> DataError {
        let extraLine = line, extraLineStart = lineStart
        var extraAt = p0
        while extraAt < end && isBlank(extraAt.pointee) { extraAt += 1 }
        var count = fieldCount + 1
        var p = p0
        while true {
            guard let (_, next) = try? scanField(p) else { break }
            p = next
            if p < end && p.pointee == sep { p += 1; count += 1 } else { break }
        }
        return error(line: extraLine, lineStart: extraLineStart, at: extraAt, found: "\(count) fields",
                     expected: "\(fieldCount) fields like \(headerNames == nil ? "the first row" : "the header")")
    }

    func recordLabel(_ cell: Cell, field: Int, into rows: inout Rows) throws(DataError) {
        let result: NumberParser.Result = try withContent(cell) { (bytes: UnsafeBufferPointer<UInt8>) throws(DataError) -> NumberParser.Result in
            if bytes.isEmpty {
                throw error(line: cell.line, lineStart: cell.lineStart, at: cell.at,
                            found: "an empty label in \(fieldDescription(field))", expected: "a class name or a number")
            }
            rows.labelText.append(contentsOf: bytes)
            return CSVParser.parseNumber(bytes)
        }
        rows.labelEnds.append(rows.labelText.count)
        switch result {
        case .number(let v):
            rows.labelValues.append(v)
        case .notANumber:
            rows.labelValues.append(.nan)
            if rows.firstNonNumeric == nil {
                let shown = CSVParser.quoted(withContent(cell) { (b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> in b })
                rows.firstNonNumeric = error(line: cell.line, lineStart: cell.lineStart, at: cell.at,
                                             found: "\(shown) in \(fieldDescription(field))",
                                             expected: "a number (the label is a real-valued target)")
            }
        case .nan, .infinite:
            rows.labelValues.append(.nan)
            if rows.firstNonFinite == nil {
                let shown = CSVParser.quoted(withContent(cell) { (b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> in b })
                rows.firstNonFinite = error(line: cell.line, lineStart: cell.lineStart, at: cell.at,
                                            found: "\(shown) in \(fieldDescription(field))",
                                            expected: "a finite number or a class name")
            }
        }
    }

    /// Applies the target rule to the label cells: `Y` and the class names (nil for regression).
    func labels(_ rows: Rows, target: CSVLoader.Target, labelIndex: Int) throws(DataError) -> (Matrix, [String]?) {
        let m = rows.count
        let numeric = rows.firstNonNumeric == nil
        func texts() -> [String] {
            var out: [String] = []
            out.reserveCapacity(m)
            rows.labelText.withUnsafeBufferPointer { buffer in
                var from = 0
                for to in rows.labelEnds {
                    out.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[from..<to]), as: UTF8.self))
                    from = to
                }
            }
            return out
        }
        let integral = numeric && rows.firstNonFinite == nil
            && rows.labelValues.allSatisfy { $0.rounded() == $0 && abs($0) <= 9_007_199_254_740_992 }
        var integerClasses = false
        switch target {
        case .regression:
            if let e = rows.firstNonNumeric { throw e }
            if let e = rows.firstNonFinite { throw e }
            return (Matrix(rows: 1, cols: m, elements: rows.labelValues), nil)
        case .classes:
            integerClasses = integral
        case .auto:
            if numeric {
                if let e = rows.firstNonFinite { throw e }
                if integral && Set(rows.labelValues).count <= CSVLoader.maxIntegerClasses {
                    integerClasses = true
                } else {
                    return (Matrix(rows: 1, cols: m, elements: rows.labelValues), nil)
                }
            }
        }
        if integerClasses {
            let distinct = Set(rows.labelValues).sorted()
            var index: [Double: Int] = [:]
            for (i, v) in distinct.enumerated() { index[v] = i }
            let y = rows.labelValues.map { Double(index[$0]!) }
            return (Matrix(rows: 1, cols: m, elements: y), distinct.map { String(Int64($0)) })
        }
        let names = texts()
        let distinct = Set(names).sorted()
        var index: [String: Int] = [:]
        for (i, v) in distinct.enumerated() { index[v] = i }
        let y = names.map { Double(index[$0]!) }
        return (Matrix(rows: 1, cols: m, elements: y), distinct)
    }
}
