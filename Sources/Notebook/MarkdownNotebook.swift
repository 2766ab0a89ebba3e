import Foundation

/// A session as a Markdown page (`save notebook FILE.md`). Each cell has a header — its number, `(failed)`
/// when it failed, and its `FILE:LINE` in small print when it came from a script — then the command in a code
/// block, its output, its error (`error: MESSAGE`, in a block of its own) and its note (`> note: …`), and the
/// images it wrote. Images are copied into `FILE_files/` beside the page as `cellN-NAME.png` and linked
/// there, so the page renders wherever the folder pair is moved and later plots cannot change it (see
/// `NotebookDocument` on images overwritten before the save).
enum MarkdownNotebook {
    /// `notes/session.md` → `notes/session_files` (nbconvert's convention).
    static func imagesFolder(for notebookPath: String) -> String {
        let url = URL(fileURLWithPath: notebookPath)
        let stem = url.deletingPathExtension().lastPathComponent + "_files"
        guard let slash = notebookPath.lastIndex(of: "/") else { return stem }
        return String(notebookPath[...slash]) + stem
    }

    /// Copies the images into `FILE_files/`, then writes the page (both atomically, file by file).
    static func save(_ cells: [Cell], to path: String) throws -> NotebookDocument.Saved {
        let folder = imagesFolder(for: path)
        var saved = NotebookDocument.Saved()
        var copied: Set<String> = []
        let images = NotebookDocument.images(of: cells)
        for image in cells.flatMap({ images[$0.number] ?? [] }) {
            guard let bytes = NotebookDocument.currentBytes(image.path) else {
                saved.missing.append(image.path)
                continue
            }
            if saved.images.isEmpty { try makeFolder(folder) }
            let copy = folder + "/" + image.copyName
            try NotebookDocument.write(bytes, to: copy)
            saved.images.append(copy)
            copied.insert(image.copyName)
        }
        try FileOutput.write(markdown(cells, notebookPath: path, images: images, copied: copied), to: path, what: "notebook")
        return saved
    }

    static func makeFolder(_ folder: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            if !isFolder.boolValue { throw NotebookError("\(folder): cannot hold the notebook's images: not a folder") }
            return
        }
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw NotebookError("\(folder): cannot create the folder for the notebook's images: \(String(cString: strerror(errno)))")
        }
    }

    /// The page's text. `copied` names the images present in `FILE_files/` (the others no longer existed).
    static func markdown(_ cells: [Cell], notebookPath: String, images: [Int: [NotebookDocument.Image]],
                         copied: Set<String>) -> String {
        let folderLink = percentEncoded(URL(fileURLWithPath: imagesFolder(for: notebookPath)).lastPathComponent)
        var text = "# shallow notebook\n\n"
        for cell in cells {
            var header = "**[\(cell.number)]**"
            if !cell.succeeded { header += " (failed)" }
            if let source = cell.source { header += " <sub>" + html(source) + "</sub>" }
            text += header + "\n\n" + fenced(cell.text) + "\n"
            if !cell.output.isEmpty {
                text += fenced(cell.output.joined(separator: "\n"), info: "text") + "\n"
            }
            if let error = cell.error ?? (cell.succeeded ? nil : "failed") {
                text += fenced("error: " + error, info: "text") + "\n"
            }
            if let note = cell.note {
                text += "> note: " + inline(note) + "\n\n"
            }
            for image in images[cell.number] ?? [] {
                if copied.contains(image.copyName) {
                    text += "![" + inline(image.name) + "](" + folderLink + "/" + percentEncoded(image.copyName) + ")\n\n"
                } else {
                    text += "*(" + inline(image.path) + " no longer existed when this notebook was saved)*\n\n"
                }
            }
        }
        return text
    }

    /// `content` in a fenced code block whose fence is longer than any run of backticks inside it.
    static func fenced(_ content: String, info: String = "") -> String {
        var longest = 0, run = 0
        for character in content {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + info + "\n" + content + "\n" + fence + "\n"
    }

    /// Text safe in running Markdown: one line, with the characters that mean something escaped.
    static func inline(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\n", "\r": result += " "
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "!", "(", ")": result += "\\" + String(character)
            default: result.append(character)
            }
        }
        return result
    }

    static func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\n", with: " ")
    }

    /// A path component for a link: everything but unreserved URL characters percent-encoded.
    static func percentEncoded(_ component: String) -> String {
        let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return component.addingPercentEncoding(withAllowedCharacters: unreserved) ?? component
    }
}
