import Datasets

/// Tab completion, generated from the command declarations: command words, sub-words (`show sh` →
/// `show shapes`), option names (`scale=`), values (activation and dataset names) and, where a file is
/// expected, file paths (which the terminal layer completes).
public struct Completer: Sendable {
    public struct Result: Sendable, Equatable {
        /// Whole-word candidates that start with the word being completed.
        public var words: [String]
        /// Whether file names should be offered as well.
        public var files: Bool
    }

    public let catalog: [CommandSpec]
    public init(catalog: [CommandSpec] = CommandCatalog.all) { self.catalog = catalog }

    /// Candidates for the word that ends at the end of `text` (the line up to the cursor). The line is read by
    /// the command lexer (`Lexer.partial`), so quotes and `;` mean here what they mean when the line runs, and
    /// the command is found by the parser's own longest match.
    public func complete(_ text: String) -> Result {
        let partial = Lexer.partial(text)
        let words = partial.tokens.map { $0.quoted ? "\u{0}" + $0.text : $0.text }   // a quoted word matches no keyword
        let current = partial.current
        // Inside quotes only a file name can be meant.
        if partial.openQuote != nil {
            return Result(words: [], files: true)
        }
        let candidates: [String]
        var files = false
        if words.isEmpty {
            candidates = uniqueInOrder(catalog.map { $0.words[0] })
        } else if let spec = Parser(catalog: catalog).longestMatch(words) {
            let rest = Array(words.dropFirst(spec.words.count))
            if spec.acceptsOutputPath && rest.last == "to" {
                return Result(words: [], files: true)
            }
            if spec.words == ["help"] {
                // `help <Tab>`: the command words, then their sub-words (`help set <Tab>` → hidden, lr, …).
                let next = catalog.filter { $0.words.count > rest.count && Array($0.words.prefix(rest.count)) == rest }.map { $0.words[rest.count] }
                return Result(words: uniqueInOrder(next.filter { $0.hasPrefix(current) }), files: false)
            }
            let family = catalog.filter { $0.words.count > spec.words.count && Array($0.words.prefix(spec.words.count)) == spec.words }
            var options: [String] = []
            if rest.isEmpty { options += family.map { $0.words[spec.words.count] } }
            let positionalCount = rest.filter { !$0.contains("=") && !spec.flags.contains($0) }.count
            if positionalCount < spec.parameters.count {
                switch spec.parameters[positionalCount].kind {
                case .choice(let choices, _): options += choices
                case .integerOr(let choices, _): options += choices
                case .numberOr(let choices, _, _): options += choices
                case .path, .numbersOrPath: files = true
                case .datasetOrPath:
                    options += BuiltinNames.datasets
                    files = true
                default: break
                }
            }
            if let equals = current.firstIndex(of: "=") {
                let key = String(current[..<equals])
                if let option = spec.options.first(where: { $0.key == key }), case .choice(let choices, _) = option.kind {
                    options += choices.map { "\(key)=\($0)" }
                }
                candidates = options
            } else {
                let used = Set(rest.compactMap { $0.split(separator: "=").first.map(String.init) })
                options += spec.options.map(\.key).filter { !used.contains($0) }.map { $0 + "=" }
                options += spec.flags.filter { !rest.contains($0) }
                if spec.acceptsOutputPath && !rest.contains("to") { options.append("to") }
                candidates = options
            }
        } else {
            // Part of a command's words typed (`show` → shapes, settings, params).
            candidates = catalog.filter { $0.words.count > words.count && Array($0.words.prefix(words.count)) == words }
                .map { $0.words[words.count] }
        }
        return Result(words: uniqueInOrder(candidates.filter { $0.hasPrefix(current) }), files: files)
    }

    private func uniqueInOrder(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}

/// Names completion offers for `load`.
enum BuiltinNames {
    static let datasets = BuiltinDatasets.names
}
