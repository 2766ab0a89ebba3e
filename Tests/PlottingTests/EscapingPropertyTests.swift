// GnuplotText.quoted against gnuplot itself: gnuplot prints every quoted string, and what it
// prints must be the string (control characters flattened to spaces). Strings are drawn from a
// hostile alphabet — both quotes, backslash, backquote, `@`, `$`, `%`, control bytes, non-ASCII,
// the replacement character that undecodable bytes become — plus a few hand-picked cases.

import Foundation
@testable import Plotting
import Testing

/// SplitMix64: a small seeded generator, so that a failing case can be reproduced.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct EscapingPropertyTests {
    static let alphabet: [Unicode.Scalar] = [
        "'", "'", "'", "\"", "\"", "\\", "\\", "`", "@", "$", "%", "#", ";", "{", "}", "&", "^", "_",
        " ", "a", "Z", "0", "\n", "\r", "\t", "\u{0}", "\u{1b}", "\u{7f}", "\u{85}", "\u{2028}",
        "é", "✓", "😀", "\u{FFFD}", "\u{200B}",
    ]

    static let handPicked: [String] = [
        "", "'", "''", "'''a'''", "a''", "a'''''b", "\\", "\\'", "'\\", "\"", "\"'\"", "`echo hi`",
        "'`echo hi`'", "@x", "'@x", "a\nb'", "\u{0}'", "x'; system(\"touch pwned\"); '",
        String(decoding: [0xFF, 0xFE, 0x80, 0x27, 0x61, 0xC3], as: UTF8.self),  // not UTF-8
        String(repeating: "'\"\\`é", count: 20_000),  // 100,000 characters
    ]

    /// What gnuplot should print for `text`: the text with control characters as spaces.
    static func expected(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars { out.unicodeScalars.append(GnuplotText.isFlattened(scalar) ? " " : scalar) }
        return out
    }

    static func randomStrings(count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix(state: seed)
        return (0..<count).map { _ in
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &rng) {
                text.unicodeScalars.append(alphabet.randomElement(using: &rng)!)
            }
            return text
        }
    }

    @Test func gnuplotPrintsEveryQuotedStringBack() throws {
        let folder = try TemporaryFolder("escaping")
        defer { folder.remove() }
        let printed = folder.file("printed'\"`.txt")
        let strings = Self.handPicked + Self.randomStrings(count: 3000, seed: 9)
        var script = GnuplotScript()
        script.command("set print \(GnuplotText.quoted(printed))")
        for text in strings { script.command("print \(GnuplotText.quoted(text))") }
        script.command("unset print")
        _ = try GnuplotProcess.locate().run(script)

        let output = try String(contentsOfFile: printed, encoding: .utf8)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try #require(lines.count == strings.count + 1, "gnuplot printed \(lines.count - 1) lines for \(strings.count) strings")
        for (text, line) in zip(strings, lines) where line != Self.expected(text) {
            Issue.record("quoted \(String(reflecting: String(text.prefix(80)))) as \(String(GnuplotText.quoted(text).prefix(80))), gnuplot printed \(String(reflecting: String(line.prefix(80))))")
        }
    }

    @Test func quotedTextIsOneLineAndOneToken() {
        for text in Self.handPicked + Self.randomStrings(count: 2000, seed: 10) {
            let literal = GnuplotText.quoted(text)
            #expect(!literal.contains("\n") && !literal.contains("\r") && !literal.unicodeScalars.contains("\u{0}"))
            let outside = unquotedText(of: "x " + literal + " y")
            #expect(outside.balanced && outside.text == "x  y\n", "\(literal)")
            // gnuplot runs `command` substitution inside double quotes: no backquote may be left there.
            if literal.hasPrefix("\"") { #expect(!literal.contains("`")) }
        }
    }
}
