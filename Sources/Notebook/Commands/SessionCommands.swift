import Foundation

/// The typed arguments of these commands.
enum SessionKeys {
    static let topic = ArgumentKey<String>("COMMAND")
    static let script = ArgumentKey<String>("FILE")
    static let notebook = ArgumentKey<String>("FILE")
}

extension CommandCatalog {
    static let session: [CommandSpec] = [
        CommandSpec(
            ["help"], group: .session,
            parameters: [Parameter(SessionKeys.topic, .words, optional: true)],
            summary: "list the commands, or show one command's syntax, description and examples",
            examples: ["help", "help train", "help set lr"],
            handler: { _, args, context in
                for line in try Help.lines(topic: args[SessionKeys.topic], width: context.columns) { context.say(line) }
            }),
        CommandSpec(
            ["history"], group: .session,
            summary: "the commands of this session, numbered as cells (failed ones marked ✗)",
            examples: ["history"],
            handler: { session, _, context in
                for cell in session.cells {
                    context.say(Format.pad("[\(cell.number)]", 6) + " " + cell.text + (cell.succeeded ? "" : "   ✗"))
                }
            }),
        CommandSpec(
            ["run"], group: .session,
            parameters: [Parameter(SessionKeys.script, .path(extensions: ["nn"]))],
            summary: "run a script file inside this session, echoing each command",
            details: """
            Each statement of the file runs as if typed here and becomes a cell of this session, located in the file
            (FILE:LINE). The first failing statement stops the script; the statements before it keep their effect.
            """,
            examples: ["run scripts/flower.nn"],
            handler: { _, _, _ in
                // The interpreter runs `run` itself, through the same loop as every other source of commands.
                throw NotebookError("run: only the interpreter can run a script")
            }),
        CommandSpec(
            ["save", "script"], group: .session,
            parameters: [Parameter(SessionKeys.script, .path(extensions: ["nn"]))],
            summary: "write this session's successful commands as a script that replays it",
            examples: ["save script /tmp/session.nn"],
            handler: { session, args, context in
                let path = try args.value(SessionKeys.script)
                var text = "# shallow session, replay with: shallow \(quoteIfNeeded(path))\n"
                for cell in session.cells where cell.succeeded && !replayExcluded(cell.text) { text += cell.text + "\n" }
                try FileOutput.write(text, to: path, what: "script")
                context.wrote(path)
                context.say("wrote \(path) (\(session.cells.filter { $0.succeeded && !replayExcluded($0.text) }.count) commands)")
            }),
        CommandSpec(
            ["save", "notebook"], group: .session,
            parameters: [Parameter(SessionKeys.notebook, .path(extensions: ["md", "ipynb"]))],
            summary: "write this session as a notebook: Markdown (images copied to FILE_files/) or Jupyter (.ipynb)",
            details: """
            The extension chooses the format. FILE.md is a Markdown page: each command, its output, its error or note,
            and the images it wrote, copied into FILE_files/ beside the page and linked there. FILE.ipynb is a Jupyter
            notebook (nbformat 4.5): one code cell per command with its output, its error and its images embedded.
            Either way the notebook keeps the images as they are when it is saved, so later plots cannot change it.
            """,
            examples: ["save notebook /tmp/session.md", "save notebook /tmp/session.ipynb"],
            handler: { session, args, context in
                let path = try args.value(SessionKeys.notebook)
                let saved = try NotebookDocument.save(session.cells, to: path)
                // Only the notebook is recorded as written: the image copies belong to it, not to this cell.
                context.wrote(path)
                var summary = "wrote \(path) (\(session.cells.count) cell\(session.cells.count == 1 ? "" : "s")"
                if !saved.images.isEmpty {
                    summary += ", \(saved.images.count) image\(saved.images.count == 1 ? "" : "s") in \(MarkdownNotebook.imagesFolder(for: path))/"
                }
                context.say(summary + ")")
                for file in saved.missing { context.say("note: \(file) no longer exists; the notebook says so in its place") }
            }),
        CommandSpec(
            ["reset"], group: .session,
            summary: "start afresh: no data, no model, default settings (the cell history is kept)",
            details: "At the most cells a session records (Interpreter.maximumCells, 20000), the history starts afresh too.",
            examples: ["reset"],
            handler: { session, _, context in
                let cells = session.cells
                session = Session()
                if cells.count < Interpreter.maximumCells {
                    session.cells = cells
                    context.say("session reset: default settings, no data, no model")
                } else {
                    context.say("session reset: default settings, no data, no model; the cell history (\(cells.count) cells) starts afresh")
                }
            }),
        CommandSpec(
            ["quit"], group: .session,
            summary: "leave shallow (Ctrl-D does the same)",
            examples: [],
            handler: { _, _, context in context.quitRequested = true }),
        CommandSpec(
            ["exit"], group: .session,
            summary: "leave shallow (the same as quit)",
            examples: [],
            handler: { _, _, context in context.quitRequested = true }),
    ]
}

/// Commands that would not replay sensibly from a saved script (they write the script or end the session).
func replayExcluded(_ text: String) -> Bool {
    let first = text.split(separator: " ").first.map(String.init) ?? ""
    return first == "quit" || first == "exit" || first == "history" || first == "help" || text.hasPrefix("save script") || text.hasPrefix("save notebook")
}

/// The text of `help` and `help COMMAND`, generated from the declarations and wrapped to `width` columns
/// (the terminal's, 80 when unknown) at word boundaries, continuation lines indented under their column.
enum Help {
    /// Where summaries start in the overview: 46 on a wide screen, less on a narrow one (a longer syntax
    /// puts its summary on the next line).
    static func summaryColumn(_ width: Int) -> Int { min(46, max(20, width / 2 - 4)) }

    static func lines(topic: String?, width: Int = 80) throws -> [String] {
        let width = max(width, 40)
        guard let topic, !topic.isEmpty else { return overview(width: width) }
        let words = topic.split(separator: " ").map(String.init)
        if let spec = CommandCatalog.all.first(where: { $0.words == words }) { return detail(spec, width: width) }
        let family = CommandCatalog.family(words[0])
        if words.count == 1, family.count == 1 { return detail(family[0], width: width) }
        if words.count == 1, !family.isEmpty {
            return family.flatMap { entry($0, width: width) }
        }
        let names = CommandCatalog.all.map(\.name)
        let suggestion = nearest(topic, among: names).map { "; did you mean '\($0)'?" } ?? ""
        throw NotebookError("help: no command '\(Format.shown(topic))'\(suggestion)")
    }

    /// One command in a listing: syntax, then its summary from `summaryColumn`.
    static func entry(_ spec: CommandSpec, width: Int) -> [String] {
        let column = summaryColumn(width)
        let indent = String(repeating: " ", count: column)
        if spec.syntax.count + 4 <= column {
            return wrap(spec.summary, width: width, first: Format.padRight("  " + spec.syntax, column), rest: indent)
        }
        return wrap(spec.syntax, width: width, first: "  ", rest: "      ") + wrap(spec.summary, width: width, first: indent, rest: indent)
    }

    static func overview(width: Int) -> [String] {
        var lines: [String] = []
        for group in CommandGroup.allCases {
            let specs = CommandCatalog.all.filter { $0.group == group }
            guard !specs.isEmpty else { continue }
            lines.append("\(group.rawValue):")
            for spec in specs { lines += entry(spec, width: width) }
        }
        lines += wrap("Type 'help COMMAND' for details and examples, e.g. help train.", width: width, first: "", rest: "")
        return lines
    }

    static func detail(_ spec: CommandSpec, width: Int) -> [String] {
        var lines = wrap("usage: " + spec.syntax, width: width, first: "", rest: "       ")
        lines += wrap(spec.summary, width: width, first: "", rest: "")
        for paragraph in spec.details.split(separator: "\n") { lines += wrap(String(paragraph), width: width, first: "", rest: "  ") }
        if !spec.options.isEmpty {
            lines.append("options:")
            for option in spec.options {
                lines += wrap(option.summary + " — " + option.kind.expectation, width: width,
                              first: "  " + Format.padRight("\(option.key)=", 10), rest: String(repeating: " ", count: 12))
            }
        }
        if !spec.examples.isEmpty {
            lines.append(spec.examples.count == 1 ? "example:" : "examples:")
            for example in spec.examples { lines += wrap(example, width: width, first: "  ", rest: "    ") }
        }
        return lines
    }

    /// `text` in lines of at most `width` columns, broken between words: the first line starts with `first`,
    /// the others with `rest`. A single word longer than the room is put on a line of its own, whole.
    static func wrap(_ text: String, width: Int, first: String, rest: String) -> [String] {
        var lines: [String] = []
        var line = first
        var lineHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if lineHasWord && line.count + 1 + word.count > width {
                lines.append(line)
                line = rest
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        lines.append(line)
        return lines
    }
}
