/// A parsed value.
public enum Value: Sendable, Equatable {
    case integer(Int)
    case number(Double)
    /// A chosen word and its `=X` parameter, if given.
    case choice(String, Double?)
    case integers([Int])
    case numbers([Double])
    case text(String)
}

/// The checked arguments of one command: positionals by name, options by key, flags, `to FILE`.
public struct Arguments: Sendable, Equatable {
    public var values: [String: Value] = [:]
    public var flags: Set<String> = []
    public var outputPath: String?

    public func integer(_ name: String) -> Int? {
        if case .integer(let v)? = values[name] { return v }
        return nil
    }
    public func number(_ name: String) -> Double? {
        switch values[name] {
        case .number(let v)?: return v
        case .integer(let v)?: return Double(v)
        default: return nil
        }
    }
    public func choice(_ name: String) -> (word: String, parameter: Double?)? {
        if case .choice(let w, let p)? = values[name] { return (w, p) }
        return nil
    }
    public func integers(_ name: String) -> [Int]? {
        if case .integers(let v)? = values[name] { return v }
        return nil
    }
    public func numbers(_ name: String) -> [Double]? {
        if case .numbers(let v)? = values[name] { return v }
        return nil
    }
    public func text(_ name: String) -> String? {
        if case .text(let v)? = values[name] { return v }
        return nil
    }
    public func has(_ flag: String) -> Bool { flags.contains(flag) }
}

/// A command ready to run: its declaration, its checked arguments and the text it came from.
/// Parsing has no side effects; the interpreter runs it against a session.
public struct Command: Sendable {
    public var spec: CommandSpec
    public var arguments: Arguments
    public var text: String
}

// MARK: - Typed arguments

/// A type a declared argument's value has in a handler.
public protocol ArgumentValue: Sendable {
    /// The value, when the parsed `Value` is of this type.
    static func extract(_ value: Value) -> Self?
}

extension Int: ArgumentValue {
    public static func extract(_ value: Value) -> Int? {
        if case .integer(let v) = value { return v }
        return nil
    }
}
extension Double: ArgumentValue {
    public static func extract(_ value: Value) -> Double? {
        switch value {
        case .number(let v): return v
        case .integer(let v): return Double(v)
        default: return nil
        }
    }
}
extension String: ArgumentValue {
    public static func extract(_ value: Value) -> String? {
        if case .text(let v) = value { return v }
        return nil
    }
}
extension Array: ArgumentValue where Element == Int {
    public static func extract(_ value: Value) -> [Int]? {
        if case .integers(let v) = value { return v }
        return nil
    }
}

/// Numbers (`predict 1.5 -0.3`).
public struct NumberList: ArgumentValue, Equatable {
    public var values: [Double]
    public static func extract(_ value: Value) -> NumberList? {
        if case .numbers(let v) = value { return NumberList(values: v) }
        return nil
    }
}

/// A chosen word and its `=X` parameter (`leaky=0.02`).
public struct Choice: ArgumentValue, Equatable {
    public var word: String
    public var parameter: Double?
    public static func extract(_ value: Value) -> Choice? {
        if case .choice(let w, let p) = value { return Choice(word: w, parameter: p) }
        return nil
    }
}

/// A number or one of a few words (`split 0.8|off`, `set batch full|64`).
public enum NumberOrWord: ArgumentValue, Equatable {
    case number(Double)
    case word(String)
    public static func extract(_ value: Value) -> NumberOrWord? {
        switch value {
        case .number(let v): return .number(v)
        case .integer(let v): return .number(Double(v))
        case .choice(let w, _): return .word(w)
        default: return nil
        }
    }
}

/// The typed name of one declared argument. The declaration (`Parameter(key, kind)`, `Option(key, kind, …)`)
/// and the handler (`try args.value(key)`, `args[key]`) both use it, so names cannot drift apart and each
/// handler receives values of the declared type — no string keys, no force unwraps.
public struct ArgumentKey<T: ArgumentValue>: Sendable {
    public let name: String
    public init(_ name: String) { self.name = name }
}

/// Thrown when a handler asks for a required argument the parser did not supply: a bug in a declaration,
/// reported as a message rather than a crash.
struct MissingArgumentError: Error, CustomStringConvertible {
    var name: String
    var description: String { "internal error: argument \(name) was not parsed; please report this" }
}

extension Arguments {
    /// An optional argument (nil when not given).
    public subscript<T>(_ key: ArgumentKey<T>) -> T? {
        values[key.name].flatMap(T.extract)
    }

    /// A required argument (the parser refuses a statement without it).
    public func value<T>(_ key: ArgumentKey<T>) throws -> T {
        guard let value = self[key] else { throw NotebookError(MissingArgumentError(name: key.name).description) }
        return value
    }

    /// Whether the argument named `name` was given (for "X= applies only to …" checks).
    public func isGiven(_ name: String) -> Bool { values[name] != nil }
}

extension Parameter {
    public init<T>(_ key: ArgumentKey<T>, _ kind: ValueKind, optional: Bool = false) {
        self.init(key.name, kind, optional: optional)
    }
}

extension Option {
    public init<T>(_ key: ArgumentKey<T>, _ kind: ValueKind, _ summary: String) {
        self.init(key.name, kind, summary)
    }
}

/// A whole number or one of a few words (`set batch full|64`).
public enum IntegerOrWord: ArgumentValue, Equatable {
    case integer(Int)
    case word(String)
    public static func extract(_ value: Value) -> IntegerOrWord? {
        switch value {
        case .integer(let v): return .integer(v)
        case .choice(let w, _): return .word(w)
        default: return nil
        }
    }
}

/// The typed name of a declared flag (`loop`, `log`).
public struct FlagKey: Sendable {
    public let name: String
    public init(_ name: String) { self.name = name }
}

extension Arguments {
    public func has(_ flag: FlagKey) -> Bool { flags.contains(flag.name) }
}
