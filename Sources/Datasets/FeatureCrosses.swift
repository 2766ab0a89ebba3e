import Foundation
import NeuralNet

/// The network's inputs as functions of the data's features (`set features x1 x2 x1^2 x2^2 x1*x2 sin(x1)`):
/// TensorFlow Playground's feature crosses. A single neuron draws a straight line in the plane it is given
/// (the lecture's logistic regression); given x1² and x2² that line is a circle in the original plane, so a
/// "shallow" model separates data no line can.
///
/// A term is a product of factors; a factor is a feature, `sin(term)` or `cos(term)`, optionally raised to a
/// whole power 1…16: `x1`, `x1^2`, `x1*x2`, `x1^2*x2`, `sin(x1)`, `cos(x1*x2)^2`. A feature is named by its
/// position (`x1`, `x2`, …, always) or by its CSV header name when that is a plain word (`area^2`,
/// `area*perimeter`). Terms are kept as written (normalised: no blanks) and resolved against the feature
/// names of the data each time they are applied, so a model carries them to any data with those features.
public struct FeatureCrosses: Sendable, Equatable {
    /// The terms in the order the network sees them (row i of the transformed X is term i).
    public let terms: [String]
    private let parsed: [Term]

    /// The most terms a list may have (a network input per term).
    public static let maximumTerms = 1_000
    /// The longest term, and the deepest nesting of brackets and functions in one: enough for any cross a
    /// person writes; a hostile `((((…` cannot exhaust the parser's stack or the evaluation time.
    public static let maximumTermLength = 200
    public static let maximumNesting = 16

    /// Parses a list of terms; names are not resolved yet (see `check(against:)`).
    /// - Throws: `FeatureCrossError` naming the offending term and what was expected.
    public init(_ words: [String]) throws {
        guard !words.isEmpty else { throw FeatureCrossError("expected at least one term, e.g. x1 x2 x1^2 x2^2 x1*x2 sin(x1)") }
        guard words.count <= Self.maximumTerms else {
            throw FeatureCrossError("\(words.count) terms; at most \(Self.maximumTerms)")
        }
        var seen: [String: Int] = [:]
        var parsed: [Term] = []
        var terms: [String] = []
        for word in words {
            let text = word.filter { $0 != " " && $0 != "\t" }
            guard text.count <= Self.maximumTermLength else {
                throw FeatureCrossError("a term of \(text.count) characters; at most \(Self.maximumTermLength)")
            }
            var parser = TermParser(text: Array(text), word: word)
            let term = try parser.parseWhole()
            let canonical = term.description
            if let first = seen[canonical] {
                throw FeatureCrossError("'\(word)' repeats term \(first + 1) (\(terms[first])); each term once")
            }
            seen[canonical] = terms.count
            parsed.append(term)
            terms.append(text)
        }
        self.terms = terms
        self.parsed = parsed
    }

    public var count: Int { terms.count }

    /// Whether every term's features exist among `featureNames` (positional `x1…xn` or a header name).
    /// - Throws: `FeatureCrossError` naming the first unknown feature and the names that work.
    public func check(against featureNames: [String]) throws {
        for term in parsed { _ = try term.resolved(featureNames) }
    }

    /// The transformed inputs: row i is term i evaluated on every column (example) of `X`, whose rows are
    /// the features named `featureNames`.
    /// - Throws: `FeatureCrossError` for a feature `X` does not have, or when the result would not fit in
    ///   the memory the machine has (the estimate, in the message).
    public func apply(_ X: Matrix, featureNames: [String]) throws -> Matrix {
        precondition(X.rows == featureNames.count, "one name per feature row")
        do {
            try MemoryBudget.check(bytes: MemoryBudget.bytes(8, terms.count, X.cols), what: "\(terms.count) feature crosses of \(X.cols) examples")
        } catch {
            throw FeatureCrossError(error.description)
        }
        var out = Matrix(rows: terms.count, cols: X.cols)
        let m = X.cols
        try out.elements.withUnsafeMutableBufferPointer { destination in
            try X.elements.withUnsafeBufferPointer { source in
                for (i, term) in parsed.enumerated() {
                    let resolved = try term.resolved(featureNames)
                    for j in 0..<m {
                        destination[i * m + j] = resolved.value { source[$0 * m + j] }
                    }
                }
            }
        }
        return out
    }

    /// The indices of the features the terms use (sorted), for messages and plots.
    public func usedFeatures(_ featureNames: [String]) throws -> [Int] {
        var used = Set<Int>()
        for term in parsed { try term.resolved(featureNames).collectFeatures(into: &used) }
        return used.sorted()
    }

    public static func == (a: FeatureCrosses, b: FeatureCrosses) -> Bool { a.terms == b.terms }
}

/// A feature-cross list that cannot be used, with the reason.
public struct FeatureCrossError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}

// MARK: - Terms

extension FeatureCrosses {
    /// A parsed term; `feature` holds the name as written until resolved to an index.
    indirect enum Term: Sendable, CustomStringConvertible {
        case feature(String)
        case index(Int)
        case sin(Term)
        case cos(Term)
        case power(Term, Int)
        case product([Term])

        var description: String {
            switch self {
            case .feature(let name): return name
            case .index(let i): return "#\(i)"
            case .sin(let t): return "sin(\(t))"
            case .cos(let t): return "cos(\(t))"
            case .power(let t, let k): return "\(t)^\(k)"
            case .product(let ts): return ts.map(\.description).joined(separator: "*")
            }
        }

        /// The term with every feature name replaced by its row index in data named `names`: an exact header
        /// name first, then the positional `xK`.
        func resolved(_ names: [String]) throws -> Term {
            switch self {
            case .feature(let name):
                if let i = names.firstIndex(of: name) { return .index(i) }
                if name.count > 1, name.first == "x", let k = Int(name.dropFirst()), String(k) == name.dropFirst(), (1...names.count).contains(k) {
                    return .index(k - 1)
                }
                let plain = names.enumerated().filter { FeatureCrosses.isPlainName($0.element) && $0.element != "x\($0.offset + 1)" }.map(\.element)
                let known = (["x1…x\(names.count)"] + plain.prefix(8)).joined(separator: ", ") + (plain.count > 8 ? ", …" : "")
                throw FeatureCrossError("unknown feature '\(name)'; the data has \(names.count) feature\(names.count == 1 ? "" : "s"): \(known)")
            case .index: return self
            case .sin(let t): return .sin(try t.resolved(names))
            case .cos(let t): return .cos(try t.resolved(names))
            case .power(let t, let k): return .power(try t.resolved(names), k)
            case .product(let ts): return .product(try ts.map { try $0.resolved(names) })
            }
        }

        /// The term's value for one example, whose feature i is `x(i)`. Powers multiply (x^2 is x·x exactly,
        /// as numpy's x**2 is).
        func value(_ x: (Int) -> Double) -> Double {
            switch self {
            case .feature: preconditionFailure("resolve names first")
            case .index(let i): return x(i)
            case .sin(let t): return Foundation.sin(t.value(x))
            case .cos(let t): return Foundation.cos(t.value(x))
            case .power(let t, let k):
                let base = t.value(x)
                var result = base
                for _ in 1..<k { result *= base }
                return result
            case .product(let ts):
                var result = 1.0
                for t in ts { result *= t.value(x) }
                return result
            }
        }

        func collectFeatures(into set: inout Set<Int>) {
            switch self {
            case .feature: break
            case .index(let i): set.insert(i)
            case .sin(let t), .cos(let t), .power(let t, _): t.collectFeatures(into: &set)
            case .product(let ts): for t in ts { t.collectFeatures(into: &set) }
            }
        }
    }

    /// A header name usable in a term: letters, digits, `_` and `.`, not starting with a digit.
    static func isPlainName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !CharacterSet.decimalDigits.contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "." }
    }

    /// term := factor ('*' factor)* ;  factor := atom ('^' 1…16)? ;  atom := name | sin(term) | cos(term) | (term)
    struct TermParser {
        let text: [Character]
        let word: String
        var i = 0
        var depth = 0

        init(text: [Character], word: String) {
            self.text = text
            self.word = word
        }

        func fail(_ expected: String) -> FeatureCrossError {
            let found = i < text.count ? "'\(text[i])' at character \(i + 1)" : "the end"
            return FeatureCrossError("'\(word)': found \(found), expected \(expected) (terms look like x1, x1^2, x1*x2, sin(x1))")
        }

        mutating func parseWhole() throws -> Term {
            guard !text.isEmpty else { throw FeatureCrossError("an empty term") }
            let term = try parseProduct()
            guard i == text.count else {
                if text[i] == ")" { throw FeatureCrossError("'\(word)': a ')' at character \(i + 1) without its '('") }
                throw fail(text[i] == "^" ? "'*' or the end of the term (one power per factor: (x1^2)^2 is x1^4)" : "'*' or the end of the term")
            }
            return term
        }

        mutating func parseProduct() throws -> Term {
            var factors = [try parseFactor()]
            while i < text.count, text[i] == "*" {
                i += 1
                factors.append(try parseFactor())
            }
            return factors.count == 1 ? factors[0] : .product(factors)
        }

        mutating func parseFactor() throws -> Term {
            let atom = try parseAtom()
            guard i < text.count, text[i] == "^" else { return atom }
            i += 1
            let start = i
            while i < text.count, text[i].isASCII, text[i].isNumber { i += 1 }
            let digits = String(text[start..<i])
            guard let k = Int(digits), (1...16).contains(k) else {
                if !digits.isEmpty { throw FeatureCrossError("'\(word)': power \(digits) is out of range, expected a whole power from 1 to 16") }
                throw fail("a whole power from 1 to 16 after '^'")
            }
            return k == 1 ? atom : .power(atom, k)
        }

        mutating func parseAtom() throws -> Term {
            guard i < text.count else { throw fail("a feature name, sin( or cos(") }
            depth += 1
            defer { depth -= 1 }
            guard depth <= FeatureCrosses.maximumNesting else {
                throw FeatureCrossError("'\(word)': brackets and functions nested more than \(FeatureCrosses.maximumNesting) deep")
            }
            if text[i] == "(" {
                i += 1
                let inner = try parseProduct()
                guard i < text.count, text[i] == ")" else { throw fail("')'") }
                i += 1
                return inner
            }
            let start = i
            while i < text.count, text[i] != "*", text[i] != "^", text[i] != "(", text[i] != ")" { i += 1 }
            let name = String(text[start..<i])
            if i < text.count, text[i] == "(" {
                guard name == "sin" || name == "cos" else {
                    i = start
                    throw fail("sin( or cos( (the only functions)")
                }
                i += 1
                let inner = try parseProduct()
                guard i < text.count, text[i] == ")" else { throw fail("')' to close \(name)(") }
                i += 1
                return name == "sin" ? .sin(inner) : .cos(inner)
            }
            guard !name.isEmpty else { throw fail("a feature name") }
            return .feature(name)
        }
    }
}
