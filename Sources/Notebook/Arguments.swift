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
