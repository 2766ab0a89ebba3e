#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decimal text → `Double`, straight from bytes, correctly rounded, without allocating.
///
/// The promise: for every cell, the result is bit for bit what `Double(String)` gives for the same text
/// (the randomized test in `NumberParserTests` checks this over hundreds of thousands of strings).
///
/// How: most CSV numbers are short decimals (`255`, `0.5`, `-3.25e-2`). Those with at most 19 significant
/// digits whose integer significand w fits in 53 bits and whose decimal exponent e is within ±22 are
/// computed *exactly* as `Double(w) × 10^e` or `Double(w) / 10^−e`: both operands are exact doubles, so the
/// single IEEE multiplication or division rounds once, correctly (Clinger's fast path). Up to 15 more
/// powers of ten are folded into w when the product still fits in 53 bits. Everything else — 17-digit
/// round-trip output, huge or tiny exponents, subnormals, hex floats, `inf`, `nan` — goes to the C
/// library's correctly rounded `strtod`, on a stack buffer, in the "C" locale.
enum NumberParser {
    enum Result: Equatable {
        /// A finite number.
        case number(Double)
        /// Not number syntax at all (`abc`, `1,5`, `--1`, an empty cell).
        case notANumber
        /// `nan`, `NaN`, `nan(…)` — number syntax for a non-number.
        case nan
        /// `inf`, `-Infinity` written out (`overflow == false`), or a finite-looking number too large for
        /// a double such as `1e999` (`overflow == true`).
        case infinite(overflow: Bool)
    }

    /// Exact powers of ten as doubles: 10^0 … 10^22 are all exactly representable.
    static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
    /// 10^0 … 10^15 as integers, for folding extra powers of ten into the significand.
    static let integerPowersOfTen: [UInt64] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
    ]

    /// The outcome of scanning the longest prefix with decimal syntax `[+-]? (d+ (. d*)? | . d+) ([eE] [+-]? d+)?`.
    struct Scan {
        /// One past the last byte of the number syntax; equals the start when there was none.
        var end: UnsafePointer<UInt8>
        /// The value when the fast path computed it exactly; nil when `strtod` must decide.
        var exact: Double?
        /// Whether any digit of the significand was seen (false: not a decimal number at all).
        var hasDigits: Bool
    }

    /// Scans decimal syntax at `start` (not beyond `limit`) and computes the value when that is exact.
    @inline(__always)
    static func scanDecimal(_ start: UnsafePointer<UInt8>, _ limit: UnsafePointer<UInt8>) -> Scan {
        var p = start
        var negative = false
        if p < limit {
            let c = p.pointee
            if c == UInt8(ascii: "-") { negative = true; p += 1 } else if c == UInt8(ascii: "+") { p += 1 }
        }
        var w: UInt64 = 0          // significand: the first 19 significant digits
        var significant = 0        // significant digits taken into w (leading zeros excluded)
        var exponent = 0           // decimal exponent applying to w
        var truncated = false      // a nonzero digit beyond the 19th was dropped
        var hasDigits = false
        while p < limit {
            let d = p.pointee &- 48
            if d > 9 { break }
            hasDigits = true
            if significant < 19 {
                w = w &* 10 &+ UInt64(d)
                if w != 0 { significant += 1 }
            } else {
                exponent += 1
                if d != 0 { truncated = true }
            }
            p += 1
        }
        if p < limit && p.pointee == UInt8(ascii: ".") {
            p += 1
            while p < limit {
                let d = p.pointee &- 48
                if d > 9 { break }
                hasDigits = true
                if significant < 19 {
                    w = w &* 10 &+ UInt64(d)
                    if w != 0 { significant += 1 }
                    exponent -= 1
                } else if d != 0 {
                    truncated = true
                }
                p += 1
            }
        }
        guard hasDigits else { return Scan(end: start, exact: nil, hasDigits: false) }
        if p < limit && (p.pointee | 0x20) == UInt8(ascii: "e") {
            var q = p + 1
            var negativeExponent = false
            if q < limit {
                let c = q.pointee
                if c == UInt8(ascii: "-") { negativeExponent = true; q += 1 } else if c == UInt8(ascii: "+") { q += 1 }
            }
            if q < limit && q.pointee &- 48 <= 9 {
                var e = 0
                while q < limit {
                    let d = q.pointee &- 48
                    if d > 9 { break }
                    if e < 100_000 { e = e * 10 + Int(d) }
                    q += 1
                }
                exponent += negativeExponent ? -e : e
                p = q
            }
            // else: `1e`, `1e+` — the number ends before the `e`; the caller sees trailing text.
        }
        if truncated { return Scan(end: p, exact: nil, hasDigits: true) }
        if w == 0 { return Scan(end: p, exact: negative ? -0.0 : 0.0, hasDigits: true) }
        if w <= 1 << 53 {
            var value: Double?
            if exponent >= 0 {
                if exponent <= 22 {
                    value = Double(Int64(bitPattern: w)) * powersOfTen[exponent]
                } else if exponent <= 22 + 15 {
                    let (folded, overflow) = w.multipliedReportingOverflow(by: integerPowersOfTen[exponent - 22])
                    if !overflow && folded <= 1 << 53 { value = Double(Int64(bitPattern: folded)) * 1e22 }
                }
            } else if exponent >= -22 {
                value = Double(Int64(bitPattern: w)) / powersOfTen[-exponent]
            }
            if let v = value { return Scan(end: p, exact: negative ? -v : v, hasDigits: true) }
        }
        return Scan(end: p, exact: nil, hasDigits: true)
    }

    // MARK: Eight digits at a time

    /// The run of ASCII digits at `p` (0…8 of them) and its value, from one 8-byte load (SWAR, as in
    /// fast_float). Needs 8 readable bytes at `p`. Bytes after the first non-digit do not matter: the
    /// borrows and carries of the byte-wise arithmetic only run towards later bytes.
    @inline(__always)
    static func digitRun(_ p: UnsafePointer<UInt8>) -> (count: Int, value: UInt64) {
        let word = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        let x = word &- 0x3030_3030_3030_3030
        // High bit of a byte set ⇔ that byte (before the first non-digit) is not a digit 0…9.
        let nonDigits = (x | (x &+ 0x7676_7676_7676_7676)) & 0x8080_8080_8080_8080
        let count = nonDigits == 0 ? 8 : nonDigits.trailingZeroBitCount >> 3
        guard count > 0 else { return (0, 0) }
        // Move the digits to the top bytes (the vacated low bytes read as leading zeros), then combine pairs,
        // quads and octets with three multiplications.
        var v = x &<< UInt64(64 - 8 * count)
        v = (v &* 10) &+ (v >> 8)
        v = (((v & 0x0000_00FF_0000_00FF) &* (100 &+ (1_000_000 << 32)))
             &+ (((v >> 16) & 0x0000_00FF_0000_00FF) &* (1 &+ (10_000 << 32)))) >> 32
        return (count, v & 0xFFFF_FFFF)
    }

    /// The common short decimal — `[-+]? d{0,7} (. d{0,7})?` with at least one digit and no exponent —
    /// converted with two `digitRun`s and one exact division (w < 10^14 < 2^53, 10^k exact: correctly
    /// rounded). Returns nil for anything else; `scanDecimal` then decides. Needs 24 readable bytes at `p`.
    @inline(__always)
    static func scanShort(_ start: UnsafePointer<UInt8>) -> (value: Double, end: UnsafePointer<UInt8>)? {
        var p = start
        let c = p.pointee
        let negative = c == UInt8(ascii: "-")
        if negative || c == UInt8(ascii: "+") { p += 1 }
        let (intCount, intValue) = digitRun(p)
        if intCount == 8 { return nil }
        p += intCount
        if p.pointee == UInt8(ascii: ".") {
            let (fracCount, fracValue) = digitRun(p + 1)
            if fracCount == 8 || intCount + fracCount == 0 { return nil }
            p += 1 + fracCount
            if (p.pointee | 0x20) == UInt8(ascii: "e") { return nil }
            let w = intValue &* integerPowersOfTen[fracCount] &+ fracValue
            let v = Double(Int64(bitPattern: w)) / powersOfTen[fracCount]
            return (negative ? -v : v, p)
        }
        if intCount == 0 || (p.pointee | 0x20) == UInt8(ascii: "e") { return nil }
        let v = Double(Int64(bitPattern: intValue))
        return (negative ? -v : v, p)
    }

    /// Parses exactly the `count` bytes at `start` as a number, as `Double(String)` would.
    static func parse(_ start: UnsafePointer<UInt8>, _ count: Int) -> Result {
        let limit = start + count
        let scan = scanDecimal(start, limit)
        if scan.end == limit && count > 0 {
            if let v = scan.exact { return .number(v) }
            let v = strtodExact(start, count) ?? .nan
            return v.isInfinite ? .infinite(overflow: true) : .number(v)
        }
        // Not a plain decimal: hex floats, inf, nan, or no number at all. Let strtod decide; it must consume
        // every byte, as Double(String) requires.
        guard count > 0, let v = strtodExact(start, count) else { return .notANumber }
        if v.isNaN { return .nan }
        if v.isInfinite {
            var p = start
            if p.pointee == UInt8(ascii: "+") || p.pointee == UInt8(ascii: "-") { p += 1 }
            let spelledOut = p < limit && (p.pointee | 0x20) == UInt8(ascii: "i")
            return .infinite(overflow: !spelledOut)
        }
        return .number(v)
    }

    /// Parses a Swift string (for tests and option values).
    static func parse(_ text: String) -> Result {
        var text = text
        return text.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return .notANumber }
            return parse(base, buffer.count)
        }
    }

    /// `strtod` on a NUL-terminated stack copy of the bytes; nil unless it consumed all of them.
    /// Leading white space is refused (strtod would skip it; Double(String) does not).
    static func strtodExact(_ start: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        let first = start.pointee
        if first == 0x20 || (first >= 0x09 && first <= 0x0d) { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer -> Double? in
            guard let copy = buffer.baseAddress else { return nil }
            for i in 0..<count {
                let byte = start[i]
                if byte == 0 { return nil }
                copy[i] = CChar(bitPattern: byte)
            }
            copy[count] = 0
            var endPointer: UnsafeMutablePointer<CChar>?
            let value = CLocaleNumbers.strtod(copy, &endPointer)
            guard let endPointer, endPointer == copy + count else { return nil }
            return value
        }
    }
}

/// `strtod` in the "C" locale whatever `setlocale` the host program did (so `.` is always the decimal point).
enum CLocaleNumbers {
    #if canImport(Glibc)
    nonisolated(unsafe) static let cLocale = newlocale(Int32(1) << LC_NUMERIC, "C", nil)

    static func strtod(_ text: UnsafePointer<CChar>, _ end: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Double {
        let previous = uselocale(cLocale)
        defer { uselocale(previous) }
        return Glibc.strtod(text, end)
    }
    #else
    static func strtod(_ text: UnsafePointer<CChar>, _ end: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Double {
        strtod_l(text, end, nil)
    }
    #endif
}
