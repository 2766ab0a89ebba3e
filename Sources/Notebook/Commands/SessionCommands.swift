import Foundation

extension CommandCatalog {
    static let session: [CommandSpec] = [
        CommandSpec(
            ["help"], group: .session,
            parameters: [Parameter("COMMAND", .words, optional: true)],
            summary: "list the commands, or show one command's syntax, description and examples",
            examples: ["help", "help train", "help set lr"],
            handler: { _, args, context in
                for line in try Help.lines(topic: args.text("COMMAND")) { context.say(line) }
            }),
        CommandSpec(
            ["quit"], group: .session,
            summary: "leave shallow (Ctrl-D does the same)",
            examples: [],
            handler: { _, _, context in context.quitRequested = true }),
    ]
}

/// The text of `help` and `help COMMAND`, generated from the declarations.
enum Help {
    static func lines(topic: String?) throws -> [String] {
        guard let topic, !topic.isEmpty else { return overview() }
        let words = topic.split(separator: " ").map(String.init)
        if let spec = CommandCatalog.all.first(where: { $0.words == words }) { return detail(spec) }
        let family = CommandCatalog.family(words[0])
        if words.count == 1, !family.isEmpty {
            return family.flatMap { ["  " + Format.padRight($0.syntax, 44) + "  " + $0.summary] }
        }
        let names = CommandCatalog.all.map(\.name)
        let suggestion = nearest(topic, among: names).map { "; did you mean '\($0)'?" } ?? ""
        throw NotebookError("help: no command '\(topic)'\(suggestion)")
    }

    static func overview() -> [String] {
        var lines: [String] = []
        for group in CommandGroup.allCases {
            let specs = CommandCatalog.all.filter { $0.group == group }
            guard !specs.isEmpty else { continue }
            lines.append("\(group.rawValue):")
            for spec in specs { lines.append("  " + Format.padRight(spec.syntax, 44) + "  " + spec.summary) }
        }
        lines.append("Type 'help COMMAND' for details and examples, e.g. help train.")
        return lines
    }

    static func detail(_ spec: CommandSpec) -> [String] {
        var lines = ["usage: \(spec.syntax)", spec.summary]
        if !spec.details.isEmpty { lines += spec.details.split(separator: "\n").map(String.init) }
        if !spec.options.isEmpty {
            lines.append("options:")
            for option in spec.options {
                lines.append("  " + Format.padRight("\(option.key)=", 10) + option.summary + " — " + option.kind.expectation)
            }
        }
        if !spec.examples.isEmpty {
            lines.append(spec.examples.count == 1 ? "example:" : "examples:")
            for example in spec.examples { lines.append("  " + example) }
        }
        return lines
    }
}
