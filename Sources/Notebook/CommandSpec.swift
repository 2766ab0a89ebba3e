import NeuralNet

/// The kind of value a parameter takes, with what the parser checks and what completion offers.
public enum ValueKind: Sendable {
    case integer(min: Int, max: Int)
    case number(min: Double, max: Double)
    /// One of the words; a word listed in `parameterised` may carry `=NUMBER` (`leaky=0.02`, `momentum=0.9`).
    case choice([String], parameterised: [String] = [])
    /// One or more whole numbers (`set hidden 8 4`).
    case integers(min: Int, max: Int)
    /// One or more numbers (`predict 1.5 -0.3`).
    case numbers
    /// One or more numbers, or a file path (`predict 1.5 -0.3` or `predict data.csv`).
    case numbersOrPath(extensions: [String])
    /// A file path; `extensions` are the ones completion prefers (empty: any).
    case path(extensions: [String])
    /// A dataset name or a CSV path (`load flower`, `load data.csv`).
    case datasetOrPath
    /// A number strictly between min and max, or one of the words (`split 0.8|off`).
    case numberOr([String], min: Double, max: Double)
    /// Free text, described for messages (`label=species`).
    case text(String)
    /// All remaining words, joined by a space (`help set lr`).
    case words
    /// A whole number ≥ min, or one of the words (`set batch full|64`).
    case integerOr([String], min: Int)

    /// What a user should type, for messages and help: `a whole number from 1 to 1000000`.
    var expectation: String {
        switch self {
        case .integer(let lo, let hi):
            return hi == Int.max ? "a whole number ≥ \(lo)" : "a whole number from \(lo) to \(hi)"
        case .number(let lo, let hi):
            if lo == -.infinity && hi == .infinity { return "a number" }
            if hi == .infinity { return lo == 0 ? "a number ≥ 0" : "a number ≥ \(formatShort(lo))" }
            return "a number from \(formatShort(lo)) to \(formatShort(hi))"
        case .choice(let words, let parameterised):
            let shown = words.map { parameterised.contains($0) ? "\($0)[=X]" : $0 }
            return shown.count == 1 ? shown[0] : "one of " + shown.joined(separator: ", ")
        case .integers(let lo, _): return "whole numbers ≥ \(lo)"
        case .numbers: return "numbers"
        case .numbersOrPath(let extensions):
            return "numbers or a file path (" + extensions.map { "." + $0 }.joined(separator: ", ") + ")"
        case .path(let extensions):
            return extensions.isEmpty ? "a file path" : "a file path (" + extensions.map { "." + $0 }.joined(separator: ", ") + ")"
        case .datasetOrPath: return "a dataset name or a CSV file"
        case .words: return "words"
        case .numberOr(let words, let lo, let hi):
            return "a number between \(formatShort(lo)) and \(formatShort(hi)) (exclusive) or " + words.joined(separator: ", ")
        case .text(let what): return what
        case .integerOr(let words, let lo): return words.joined(separator: ", ") + " or a whole number ≥ \(lo)"
        }
    }
}

/// A positional parameter.
public struct Parameter: Sendable {
    public var name: String
    public var kind: ValueKind
    public var optional: Bool
    public init(_ name: String, _ kind: ValueKind, optional: Bool = false) {
        self.name = name
        self.kind = kind
        self.optional = optional
    }
}

/// A `key=value` option.
public struct Option: Sendable {
    public var key: String
    public var kind: ValueKind
    public var summary: String
    public init(_ key: String, _ kind: ValueKind, _ summary: String) {
        self.key = key
        self.kind = kind
        self.summary = summary
    }
}

/// Where a command belongs in `help`.
public enum CommandGroup: String, Sendable, CaseIterable {
    case data, model, training, inspection, plots, session
}

/// One command, declared once: its words, parameters, options, help and handler. The parser, `help` and
/// tab completion all read this declaration, so they cannot drift apart.
public struct CommandSpec: Sendable {
    /// The command's words: `["train"]`, `["set", "lr"]`, `["plot", "boundary"]`.
    public var words: [String]
    public var group: CommandGroup
    public var parameters: [Parameter]
    public var options: [Option]
    /// Bare words that switch something on (`loop`, `log`).
    public var flags: [String]
    /// Whether `to FILE` is accepted (plots).
    public var acceptsOutputPath: Bool
    public var summary: String
    public var details: String
    /// Runnable examples; the tests run every one of them.
    public var examples: [String]
    let handler: @Sendable (inout Session, Arguments, Context) throws -> Void

    init(_ words: [String], group: CommandGroup, parameters: [Parameter] = [], options: [Option] = [],
         flags: [String] = [], acceptsOutputPath: Bool = false, summary: String, details: String = "",
         examples: [String], handler: @escaping @Sendable (inout Session, Arguments, Context) throws -> Void) {
        self.words = words
        self.group = group
        self.parameters = parameters
        self.options = options
        self.flags = flags
        self.acceptsOutputPath = acceptsOutputPath
        self.summary = summary
        self.details = details
        self.examples = examples
        self.handler = handler
    }

    public var name: String { words.joined(separator: " ") }

    /// The syntax line shown in `help`: `train N [every=K] [loop]`.
    public var syntax: String {
        var parts = words
        for p in parameters {
            let shown: String
            switch p.kind {
            case .choice(let words, let parameterised):
                shown = words.map { parameterised.contains($0) ? "\($0)[=X]" : $0 }.joined(separator: "|")
            case .integers, .numbers: shown = p.name + "…"
            case .numbersOrPath: shown = p.name + "…|FILE"
            default: shown = p.name
            }
            parts.append(p.optional ? "[\(shown)]" : shown)
        }
        for o in options { parts.append("[\(o.key)=\(valuePlaceholder(o.kind))]") }
        for f in flags { parts.append("[\(f)]") }
        if acceptsOutputPath { parts.append("[to FILE]") }
        return parts.joined(separator: " ")
    }

    private func valuePlaceholder(_ kind: ValueKind) -> String {
        switch kind {
        case .integer: return "N"
        case .number: return "X"
        case .choice(let words, _): return words.joined(separator: "|")
        default: return "…"
        }
    }
}
