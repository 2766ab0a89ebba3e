import Foundation
import Datasets

/// A session saved as a notebook, in one of two formats chosen by the file's extension:
///
/// - `FILE.md` (`MarkdownNotebook`): each cell's command, its output, its error or note, and the images it
///   wrote, copied into `FILE_files/` beside the notebook (Jupyter nbconvert's convention) and linked there.
/// - `FILE.ipynb` (`JupyterNotebook`): nbformat 4.5 JSON, one code cell per command, images embedded.
///
/// Either way the saved notebook owns its images, so a later plot that overwrites `plots/cost.png` cannot
/// change it. The images are taken as they are when the notebook is saved: a plot file that a later command
/// overwrote (two `plot cost` cells write the same `plots/cost.png`) can only be saved as it is now, so both
/// cells show the later plot. Give a plot its own file (`plot cost to FILE.png`) to keep every version.
enum NotebookDocument {
    static let imageExtensions: Set<String> = ["png", "svg", "gif"]

    enum Kind {
        case markdown, jupyter
    }

    /// The format `path`'s extension chooses, or a message naming the two choices.
    static func kind(of path: String) throws -> Kind {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "md": return .markdown
        case "ipynb": return .jupyter
        default:
            throw NotebookError("save notebook: \(Format.shown(path)): the extension chooses the format: FILE.md (Markdown, images in FILE_files/) or FILE.ipynb (Jupyter, images embedded)")
        }
    }

    /// What a save wrote: the notebook and, for Markdown, the image copies; images that no longer existed.
    struct Saved {
        var images: [String] = []
        var missing: [String] = []
    }

    /// Writes `cells` as a notebook at `path`, in the format its extension chooses.
    static func save(_ cells: [Cell], to path: String) throws -> Saved {
        switch try kind(of: path) {
        case .markdown: return try MarkdownNotebook.save(cells, to: path)
        case .jupyter: return try JupyterNotebook.save(cells, to: path)
        }
    }

    /// One image a cell wrote: where it is, and the unique name its copy gets (`cell3-cost.png`).
    struct Image {
        var cell: Int
        var path: String
        var copyName: String
        var fileExtension: String
        var name: String { URL(fileURLWithPath: path).lastPathComponent }
    }

    /// The images each cell wrote (png, svg, gif), in order, with unique copy names: `cellN-NAME`, where NAME
    /// keeps letters, digits, `.`, `-` and `_` (anything else becomes `_`), and a second file of the same
    /// name in one cell gets `-2` before its extension.
    static func images(of cells: [Cell]) -> [Int: [Image]] {
        var result: [Int: [Image]] = [:]
        var taken: Set<String> = []
        for cell in cells {
            for file in cell.files {
                let url = URL(fileURLWithPath: file)
                let ext = url.pathExtension.lowercased()
                guard imageExtensions.contains(ext) else { continue }
                let base = "cell\(cell.number)-" + safeName(url.deletingPathExtension().lastPathComponent)
                var name = base + "." + ext
                var counter = 2
                while taken.contains(name) {
                    name = base + "-\(counter)." + ext
                    counter += 1
                }
                taken.insert(name)
                result[cell.number, default: []].append(Image(cell: cell.number, path: file, copyName: name, fileExtension: ext))
            }
        }
        return result
    }

    static func safeName(_ name: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
        let cleaned = String(name.map { allowed.contains($0) ? $0 : "_" })
        return cleaned.isEmpty ? "image" : String(cleaned.prefix(80))
    }

    /// The bytes of an image as it is now, or nil when it no longer exists (or cannot be read as a file).
    static func currentBytes(_ path: String) -> [UInt8]? {
        try? FileIO.readRegularFile(path: path)
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        do {
            try FileIO.writeAtomically(path: path, bytes: bytes)
        } catch {
            throw NotebookError(error.description)
        }
    }
}
