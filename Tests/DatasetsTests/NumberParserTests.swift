import Testing
@testable import Datasets

/// `NumberParser` must agree with `Double(String)` bit for bit on every string (the issue's correctness bar).
@Suite struct NumberParserTests {
    /// What `Double(String)` says, in the parser's terms.
    static func reference(_ text: String) -> NumberParser.Result {
        guard let v = Double(text) else { return .notANumber }
        if v.isNaN { return .nan }
        if v.isInfinite { return .infinite(overflow: true) }
        return .number(v)
    }

    static func agree(_ text: String) -> Bool {
        let mine = NumberParser.parse(text), theirs = reference(text)
        switch (mine, theirs) {
        case let (.number(a), .number(b)): return a.bitPattern == b.bitPattern
        case (.notANumber, .notANumber), (.nan, .nan), (.infinite, .infinite): return true
        default: return false
        }
    }

    /// Random decimal strings: signs, leading zeros, `.5`, `5.`, long significands, exponents across the
    /// whole range (subnormals, overflow), upper- and lower-case `e`.
    static func randomDecimal(_ g: inout SplitMix64) -> String {
        var s = ""
        switch Int.random(in: 0..<4, using: &g) {
        case 0: s = "-"
        case 1: s = "+"
        default: break
        }
        let digits = "0123456789"
        func run(_ count: Int) -> String {
            String((0..<count).map { _ in digits.randomElement(using: &g)! })
        }
        let shape = Int.random(in: 0..<10, using: &g)
        let intCount = [0, 1, 1, 2, 3, 5, 9, 15, 17, 25][Int.random(in: 0..<10, using: &g)]
        let fracCount = [0, 1, 2, 3, 6, 10, 16, 17, 19, 30][Int.random(in: 0..<10, using: &g)]
        if Int.random(in: 0..<5, using: &g) == 0 { s += String(repeating: "0", count: Int.random(in: 1...4, using: &g)) }
        s += run(intCount)
        if shape < 7 || intCount == 0 {
            s += "."
            s += run(intCount == 0 ? max(1, fracCount) : fracCount)
        }
        if Int.random(in: 0..<3, using: &g) == 0 {
            s += Bool.random(using: &g) ? "e" : "E"
            switch Int.random(in: 0..<3, using: &g) {
            case 0: s += "-"
            case 1: s += "+"
            default: break
            }
            let exponent = [Int.random(in: 0...25, using: &g), Int.random(in: 0...340, using: &g),
                            Int.random(in: 300...330, using: &g)][Int.random(in: 0..<3, using: &g)]
            s += String(exponent)
        }
        return s
    }

    @Test func randomDecimalsMatchDoubleInit() {
        var g = SplitMix64(seed: 42)
        var mismatches: [String] = []
        for _ in 0..<200_000 {
            let text = NumberParserTests.randomDecimal(&g)
            if !NumberParserTests.agree(text) { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    /// Shortest round-trip descriptions of random bit patterns (17-digit significands, subnormals, extremes).
    @Test func roundTripDescriptionsOfRandomDoubles() {
        var g = SplitMix64(seed: 7)
        for _ in 0..<50_000 {
            let v = Double(bitPattern: g.next())
            guard v.isFinite else { continue }
            let text = "\(v)"
            guard case .number(let parsed) = NumberParser.parse(text) else {
                Issue.record("not parsed: \(text)")
                continue
            }
            #expect(parsed.bitPattern == v.bitPattern, "\(text)")
        }
    }

    /// Short decimals (the fast path) including halfway and near-halfway cases around 2^53.
    @Test func fastPathCases() {
        let cases = ["0", "-0", "+0", "0.0", "00012", "255", "-3.25e-2", ".5", "5.", "1e22", "1e23", "9007199254740992",
                     "9007199254740993", "9007199254740995", "123456789012345678", "1234567890123456789",
                     "12345678901234567890", "0.1", "0.2", "0.3", "1.7976931348623157e308", "2.2250738585072014e-308",
                     "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-320", "1e-400", "1e999",
                     "-1e999", "0e999999", "1.5E+3", "3.14159265358979323846264338327950288", "7e-23", "8.5e37",
                     "123456789e-30", "1e308", "1e309", "0.000000000000000000000000000001"]
        for text in cases { #expect(NumberParserTests.agree(text), "\(text)") }
    }

    @Test func nonNumbersAndSpecials() {
        let cases = ["", ".", "-", "+", "e5", "1e", "1e+", "1.5e", "--1", "1..2", "1.2.3", "1,5", " 1", "1 ", "abc",
                     "0x1p3", "0x", "0X1A", "inf", "-inf", "Infinity", "INF", "nan", "NaN", "-nan", "1_000", "١٢"]
        for text in cases { #expect(NumberParserTests.agree(text), "\(text)") }
        #expect(NumberParser.parse("1e999") == .infinite(overflow: true))
        #expect(NumberParser.parse("-Infinity") == .infinite(overflow: false))
        #expect(NumberParser.parse("NaN") == .nan)
        #expect(NumberParser.parse("1e-400") == .number(0))
    }
}
