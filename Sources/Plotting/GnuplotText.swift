// The one door through which user text enters a gnuplot script.
//
// File names, titles, class names and axis labels all pass through `quoted`. gnuplot takes a
// single-quoted string literally — no backslash escapes, no `@macro` expansion, no `` `command` ``
// substitution — except that a doubled quote '' stands for one quote. A newline, however, would
// end the command and let the rest of the text run as a new command, so control characters
// become spaces. Text is drawn literally because every terminal is set `noenhanced`
// (see PlotStyle), so `_ ^ @ & { }` in a title are not formatting codes.

public enum GnuplotText {
    /// `text` as a gnuplot single-quoted string literal: `it's` → `'it''s'`; control characters
    /// (newline, tab, NUL, ...) become spaces.
    public static func quoted(_ text: String) -> String {
        var out = "'"
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 2)
        for scalar in text.unicodeScalars {
            if scalar == "'" {
                out += "''"
            } else if scalar.properties.generalCategory == .control
                        || scalar == "\u{2028}" || scalar == "\u{2029}" {
                out += " "
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        out += "'"
        return out
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
}
