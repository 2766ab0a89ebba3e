import Foundation

/// Files the notebook writes (scripts, notebooks, models): written atomically — to a temporary file in
/// the same folder, then renamed — so a crash or a full disk never leaves half a file behind.
enum FileOutput {
    static func write(_ text: String, to path: String, what: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw NotebookError("save \(what): folder '\(folder)' does not exist")
        }
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw NotebookError("save \(what): cannot write '\(path)': \(reason(error))")
        }
    }

    static func read(_ path: String, what: String) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw NotebookError("\(what): cannot read '\(path)': \(reason(error))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw NotebookError("\(what): '\(path)' is not UTF-8 text")
        }
        return text
    }

    /// The system's reason (`Permission denied`, `No such file or directory`) rather than Foundation's prose.
    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        switch nsError.code {
        case NSFileReadNoSuchFileError, NSFileNoSuchFileError: return "No such file or directory"
        case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "Permission denied"
        case NSFileWriteOutOfSpaceError: return "No space left on device"
        default: return nsError.localizedDescription
        }
    }
}
