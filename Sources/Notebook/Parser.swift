/// Turns statements into `Command`s by matching them against the declared commands. No side effects.
public struct Parser: Sendable {
    public let catalog: [CommandSpec]
    public init(catalog: [CommandSpec] = CommandCatalog.all) { self.catalog = catalog }

    /// Parses one line (which may hold several `;`-separated commands).
    public func parse(line: String) throws -> [Command] {
        try Lexer.statements(line).map { try parse($0) }
    }

    public func parse(_ statement: Lexer.Statement) throws -> Command {
        let tokens = statement.tokens
        let spec = try match(tokens)
        var arguments = Arguments()
        var rest = Array(tokens.dropFirst(spec.words.count))
        var positional = spec.parameters.makeIterator()
        var pending = positional.next()
        let context = spec.name

        while !rest.isEmpty {
            let token = rest.removeFirst()
            if !token.quoted {
                if spec.acceptsOutputPath && token.text == "to" {
                    guard let path = rest.first else { throw NotebookError("\(context): 'to' needs a file name after it, e.g. to plots/boundary.png") }
                    rest.removeFirst()
                    arguments.outputPath = path.text
                    continue
                }
                if spec.flags.contains(token.text) {
                    arguments.flags.insert(token.text)
                    continue
                }
                if let equals = token.text.firstIndex(of: "="), token.text.first != "-" {
                    let key = String(token.text[..<equals])
                    if let option = spec.options.first(where: { $0.key == key }) {
                        let valueText = String(token.text[token.text.index(after: equals)...])
                        arguments.values[key] = try parseValue(valueText, kind: option.kind, what: "\(key)=", context: context, quoted: false)
                        continue
                    }
                    // `leaky=0.02` is a parameterised choice, not an option; so is a word of a word list
                    // (`sweep activation leaky=0.1 tanh`), which the command checks itself.
                    let isParameterisedChoice: Bool = {
                        if case .choice(_, let parameterised)? = pending?.kind { return parameterised.contains(key) }
                        if case .words? = pending?.kind { return true }
                        return false
                    }()
                    if !isParameterisedChoice {
                        let known = spec.options.map { $0.key + "=" }
                        let hint = known.isEmpty ? "it takes no options" : "expected " + known.joined(separator: ", ")
                        let suggestion = nearest(key, among: spec.options.map(\.key)).map { " (did you mean '\($0)='?)" } ?? ""
                        throw NotebookError("\(context): unknown option '\(Format.shown(key))='\(suggestion); \(hint)")
                    }
                }
            }
            guard let parameter = pending else {
                throw NotebookError("\(context): unexpected '\(Format.shown(token.text))'; usage: \(spec.syntax)")
            }
            switch parameter.kind {
            case .integers(let lo, let hi):
                var list = [try integerValue(token.text, lo, hi, what: parameter.name, context: context)]
                while let next = rest.first, !next.text.contains("="), !spec.flags.contains(next.text), next.text != "to" {
                    list.append(try integerValue(next.text, lo, hi, what: parameter.name, context: context))
                    rest.removeFirst()
                }
                arguments.values[parameter.name] = .integers(list)
            case .numbersOrPath where Double(token.text) == nil || token.quoted:
                guard !token.text.isEmpty else { throw NotebookError("\(context): found an empty file name, expected \(parameter.kind.expectation)") }
                arguments.values[parameter.name] = .text(token.text)
            case .numbers, .numbersOrPath:
                var list = [try numberValue(token.text, -.infinity, .infinity, what: parameter.name, context: context)]
                while let next = rest.first, !next.text.contains("="), !spec.flags.contains(next.text), next.text != "to" {
                    list.append(try numberValue(next.text, -.infinity, .infinity, what: parameter.name, context: context))
                    rest.removeFirst()
                }
                arguments.values[parameter.name] = .numbers(list)
            case .words:
                // The remaining words, up to the command's own options, flags and `to FILE` (`sweep activation tanh
                // relu iters=200 to f.png`); `help set lr`, which has none, takes everything.
                let isOwn = { (text: String) -> Bool in
                    (spec.acceptsOutputPath && text == "to") || spec.flags.contains(text)
                        || spec.options.contains { text.hasPrefix($0.key + "=") }
                }
                var words = [token]
                while let next = rest.first, !isOwn(next.text) {
                    words.append(next)
                    rest.removeFirst()
                }
                arguments.values[parameter.name] = .text(words.map(\.text).joined(separator: " "))
            default:
                arguments.values[parameter.name] = try parseValue(token.text, kind: parameter.kind, what: parameter.name, context: context, quoted: token.quoted)
            }
            pending = positional.next()
        }
        if let missing = pending, !missing.optional {
            throw NotebookError("\(context): missing \(missing.name) (\(missing.kind.expectation)); usage: \(spec.syntax)")
        }
        return Command(spec: spec, arguments: arguments, text: statement.text)
    }

    /// The declaration whose words begin `words` (the longest such), if any. Completion uses it too.
    func longestMatch(_ words: [String]) -> CommandSpec? {
        var best: CommandSpec?
        for spec in catalog where spec.words.count <= words.count && Array(words.prefix(spec.words.count)) == spec.words {
            if spec.words.count > (best?.words.count ?? 0) { best = spec }
        }
        return best
    }

    /// Finds the declaration whose words begin the statement (the longest such), or explains why none does.
    func match(_ tokens: [Token]) throws -> CommandSpec {
        let words = tokens.map { $0.quoted ? "" : $0.text }
        if let best = longestMatch(words) { return best }
        let head = words[0]
        let heads = Array(Set(catalog.map { $0.words[0] })).sorted()
        guard heads.contains(head) else {
            let suggestion = nearest(head, among: heads).map { "; did you mean '\($0)'?" } ?? "; type 'help' for the list of commands"
            return try { throw NotebookError("unknown command '\(Format.shown(tokens[0].text))'\(suggestion)") }()
        }
        let subs = catalog.filter { $0.words[0] == head && $0.words.count > 1 }.map { $0.words[1] }
        guard tokens.count > 1 else {
            throw NotebookError("\(head): expected one of \(subs.joined(separator: ", "))")
        }
        let suggestion = nearest(tokens[1].text, among: subs).map { "; did you mean '\(head) \($0)'?" } ?? ""
        throw NotebookError("\(head): unknown '\(Format.shown(tokens[1].text))', expected one of \(subs.joined(separator: ", "))\(suggestion)")
    }

    func parseValue(_ text: String, kind: ValueKind, what: String, context: String, quoted: Bool) throws -> Value {
        switch kind {
        case .integer(let lo, let hi):
            return .integer(try integerValue(text, lo, hi, what: what, context: context))
        case .number(let lo, let hi):
            return .number(try numberValue(text, lo, hi, what: what, context: context))
        case .choice(let words, let parameterised):
            var word = text, parameter: Double? = nil
            if let equals = text.firstIndex(of: "="), parameterised.contains(String(text[..<equals])) {
                word = String(text[..<equals])
                parameter = try numberValue(String(text[text.index(after: equals)...]), -.infinity, .infinity, what: word + "=", context: context)
            }
            guard words.contains(word) else {
                let suggestion = nearest(word, among: words).map { "; did you mean '\($0)'?" } ?? ""
                throw NotebookError("\(context): found '\(Format.shown(text))', expected \(kind.expectation)\(suggestion)")
            }
            return .choice(word, parameter)
        case .integers(let lo, let hi):
            return .integers([try integerValue(text, lo, hi, what: what, context: context)])
        case .numbers:
            return .numbers([try numberValue(text, -.infinity, .infinity, what: what, context: context)])
        case .numbersOrPath:
            if let value = Double(text), value.isFinite { return .numbers([value]) }
            return .text(text)
        case .numberOr(let words, let lo, let hi):
            if words.contains(text) { return .choice(text, nil) }
            guard let value = Double(text), value.isFinite, value > lo, value < hi else {
                throw NotebookError("\(context): found '\(Format.shown(text))', expected \(kind.expectation)")
            }
            return .number(value)
        case .integerOr(let words, let lo):
            if words.contains(text) { return .choice(text, nil) }
            guard let value = Int(text), value >= lo else {
                throw NotebookError("\(context): found '\(Format.shown(text))', expected \(kind.expectation)")
            }
            return .integer(value)
        case .path, .datasetOrPath, .words, .text:
            guard !text.isEmpty else { throw NotebookError("\(context): found an empty file name, expected \(kind.expectation)") }
            return .text(text)
        }
    }

    func integerValue(_ text: String, _ lo: Int, _ hi: Int, what: String, context: String) throws -> Int {
        let expected = ValueKind.integer(min: lo, max: hi).expectation
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")) else {
            // A whole number too large for 64 bits is out of range, not "not a number".
            if text.allSatisfy({ $0.isNumber || $0 == "_" || $0 == "-" || $0 == "+" }), text.contains(where: \.isNumber) {
                throw NotebookError("\(context): \(Self.subject(what, text)) is out of range, expected \(expected)")
            }
            throw NotebookError("\(context): found '\(Format.shown(text))'\(Self.role(what)), expected \(expected)")
        }
        guard value >= lo && value <= hi else {
            throw NotebookError("\(context): \(Self.subject(what, text)) is out of range, expected \(expected)")
        }
        return value
    }

    func numberValue(_ text: String, _ lo: Double, _ hi: Double, what: String, context: String) throws -> Double {
        let expected = ValueKind.number(min: lo, max: hi).expectation
        guard let value = Double(text), value.isFinite else {
            throw NotebookError("\(context): found '\(Format.shown(text))'\(Self.role(what)), expected \(expected)")
        }
        guard value >= lo && value <= hi else {
            throw NotebookError("\(context): \(Self.subject(what, text)) is out of range, expected \(expected)")
        }
        return value
    }

    /// How a value is named in a message: an option as typed (`scale=1e300`), a positional value as itself.
    /// Declarations' placeholder names (ALPHA, X) are for `help`, not for messages.
    static func subject(_ what: String, _ text: String) -> String {
        what.hasSuffix("=") ? what + Format.shown(text) : Format.shown(text)
    }

    /// ` for scale=` after an option's bad value; nothing after a positional one.
    static func role(_ what: String) -> String {
        what.hasSuffix("=") ? " for \(what)" : ""
    }
}

/// The closest word by edit distance, if it is close enough to be a likely typo.
func nearest(_ word: String, among candidates: [String]) -> String? {
    // No candidate is within 3 edits of a word much longer than all of them; and the distance table
    // is quadratic, so a pasted 2 MB token must not reach it.
    let longest = candidates.map(\.count).max() ?? 0
    guard word.utf8.count <= 4 * longest + 8, word.count <= longest + 3 else { return nil }
    let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    let limit = max(1, min(3, best.0.count / 2))
    if best.1 <= limit { return best.0 }
    if best.0.hasPrefix(word.lowercased()) && word.count >= 2 { return best.0 }
    return nil
}

/// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent
/// transpositions (`trian` → `train` is one edit) each cost 1.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
            }
        }
    }
    return d[a.count][b.count]
}
