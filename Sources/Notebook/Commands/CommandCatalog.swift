/// Every command of the language, declared once. `help`, the parser and tab completion read this list.
public enum CommandCatalog {
    public static let all: [CommandSpec] = data + model + modelFiles + training + sweep + inspection + plots + lecturePlots + session

    public static func spec(named name: String) -> CommandSpec? { all.first { $0.name == name } }

    /// Declarations whose first word is `head` (`set` → `set hidden`, `set lr`, …).
    public static func family(_ head: String) -> [CommandSpec] { all.filter { $0.words[0] == head } }
}
