import Foundation
import Datasets

/// Files the notebook writes (scripts, notebooks, models) and reads (scripts for `run`, model files), through
/// `Datasets.FileIO`: writes are atomic — a temporary `.shallow-tmp-…` file in the same folder, renamed over
/// the target — so a crash or a full disk never leaves half a file behind; a symbolic link is followed and
/// stays a link; a target that is not a regular file (a device, a FIFO, a folder) is refused. Reads take
/// regular files only (never block on a FIFO, never read `/dev/zero` without end) and fail if the file
/// changes meanwhile. Messages are one line and start with the path: `m.json: not a regular file (a FIFO)`.
enum FileOutput {
    /// Writes `text` to `path` atomically. `what` (script, notebook, model) is not repeated in messages,
    /// which start with the path the user typed.
    static func write(_ text: String, to path: String, what: String) throws {
        do {
            try FileIO.writeAtomically(path: path, bytes: Array(text.utf8))
        } catch {
            throw NotebookError(error.description)
        }
    }

    /// The text of the regular file at `path`, exactly as stored (line endings untouched: `\r\n` and lone
    /// `\r` reach the caller). `what` names the reader for the encoding message.
    static func read(_ path: String, what: String) throws -> String {
        let bytes: [UInt8]
        do {
            bytes = try FileIO.readRegularFile(path: path)
        } catch {
            throw NotebookError(error.description)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw NotebookError("\(path): not UTF-8 text (\(what) reads UTF-8 text files)")
        }
        return text
    }
}
