import Foundation

/// A session as a Markdown page: each cell's command in a code block, its output as text, and the
/// images it wrote, linked relative to the notebook's folder so the page renders where it is saved.
enum NotebookDocument {
    static let imageExtensions: Set<String> = ["png", "svg", "gif"]

    static func markdown(_ cells: [Cell], notebookPath: String) -> String {
        let folder = URL(fileURLWithPath: notebookPath).deletingLastPathComponent().standardizedFileURL.path
        var text = "# shallow notebook\n\n"
        for cell in cells where !cell.text.hasPrefix("save notebook") {
            text += "**[\(cell.number)]**\(cell.succeeded ? "" : " (failed)")\n\n```\n\(cell.text)\n```\n\n"
            if !cell.output.isEmpty {
                text += "```text\n" + cell.output.joined(separator: "\n") + "\n```\n\n"
            }
            for file in cell.files where imageExtensions.contains(URL(fileURLWithPath: file).pathExtension.lowercased()) {
                let relative = relativePath(URL(fileURLWithPath: file).standardizedFileURL.path, from: folder)
                text += "![\(URL(fileURLWithPath: file).lastPathComponent)](\(relative.replacingOccurrences(of: " ", with: "%20")))\n\n"
            }
        }
        return text
    }

    /// `target` relative to folder `base` (both absolute): `/a/plots/x.png` from `/a/notes` → `../plots/x.png`.
    static func relativePath(_ target: String, from base: String) -> String {
        let t = target.split(separator: "/").map(String.init)
        let b = base.split(separator: "/").map(String.init)
        var common = 0
        while common < min(t.count, b.count) && t[common] == b[common] { common += 1 }
        let ups = Array(repeating: "..", count: b.count - common)
        return (ups + t[common...]).joined(separator: "/")
    }
}
