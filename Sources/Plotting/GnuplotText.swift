// The one door through which user text enters a gnuplot script.
//
// File names, titles, class names and axis labels all pass through `quoted`. gnuplot takes a
// single-quoted string literally — no backslash escapes, no `@macro` expansion, no `` `command` ``
// substitution — so text without a quote is written '…' as it is. The doubled quote '' that
// should stand for a quote inside '…' is unreliable in gnuplot 5.4's scanner: text starting with
// a quote ('''a') or holding two quotes in a row ('a''''') is a syntax error. Text containing a
// quote is therefore written "…", where gnuplot decodes backslash escapes: \\ and \" stand for
// themselves, and a backquote is written \140 because gnuplot runs `command` substitution inside
// double quotes before it decodes escapes (the octal escape is decoded afterwards and stays a
// plain character). `@` is not expanded inside either kind of quotes.
// A newline would end the command and let the rest of the text run as a new command, so control
// characters become spaces (a NUL would also end the string early). Text is drawn literally
// because every terminal is set `noenhanced` (see PlotStyle), so `_ ^ @ & { }` in a title are not
// formatting codes. Length is no problem: gnuplot reads lines of any length (tried up to 10 MB).
// EscapingPropertyTests runs gnuplot on many escaped strings and compares what it prints.

public enum GnuplotText {
    /// `text` as a gnuplot string literal that gnuplot reads back as exactly `text`, except that
    /// control characters (newline, tab, NUL, ...) and the Unicode line and paragraph separators
    /// become spaces: `a b` → `'a b'`; `it's` → `"it's"`; `'\"` and a backquote → `"'\\\"\140"`.
    public static func quoted(_ text: String) -> String {
        var flattened = ""
        flattened.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            flattened.unicodeScalars.append(isFlattened(scalar) ? " " : scalar)
        }
        guard flattened.unicodeScalars.contains("'") else { return "'" + flattened + "'" }
        var out = "\""
        out.unicodeScalars.reserveCapacity(flattened.unicodeScalars.count + 8)
        for scalar in flattened.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "`": out += "\\140"
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }

    /// Characters that `quoted` turns into spaces: they would end the command (newline), end the
    /// string inside gnuplot (NUL) or draw as garbage in a title.
    static func isFlattened(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// A finite number as gnuplot reads it back exactly (Swift's shortest round-trip form,
    /// e.g. `0.1`, `-2.5e-07`). Non-finite values become `NaN`, which gnuplot treats as missing.
    public static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "NaN"
    }

    /// A colour as gnuplot's `rgb '#rrggbb'` argument.
    static func rgb(_ colour: RGB) -> String {
        "rgb '\(colour.hex)'"
    }

    /// A translucent colour, gnuplot's `rgb '#aarrggbb'` (`transparency` 0: opaque, 255: invisible).
    static func rgb(_ colour: RGB, transparency: UInt8) -> String {
        let alpha = String(transparency, radix: 16)
        return "rgb '#\(alpha.count == 1 ? "0" + alpha : alpha)\(colour.hex.dropFirst())'"
    }
}
