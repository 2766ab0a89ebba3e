// Atomic output: gnuplot writes into a hidden temporary file in the destination folder, and
// only after it has exited successfully is that file renamed over the requested name. A failed
// or interrupted plot therefore never leaves a truncated image behind, and the previous version
// of the file survives until the new one is complete. (rename is atomic within one folder.)
//
// Missing folders are created, parents included (like `mkdir -p`), for every path alike; the
// default `plots/` folder is just the most common case.
//
// Only the temporary file's path reaches gnuplot: a name we chose (`.shallow-<random>.png`) in
// the user's folder. The user's file name itself is never seen by gnuplot, and the folder is
// passed through GnuplotText.quoted like all other text.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file a plot is being written to.
struct OutputFile {
    /// The path as the user gave it (".png" appended if it had no extension).
    let path: String
    let format: OutputFormat
    /// Absolute path of the temporary file gnuplot writes to.
    let temporaryPath: String
    /// Absolute final path.
    private let finalPath: String

    /// Checks the name, creates the folder if needed and reserves a temporary file in it.
    /// - Throws: `PlotError.outputFolder` / `.outputFile` / `.unsupportedFormat` naming the path.
    static func prepare(_ requested: String) throws -> OutputFile {
        guard !requested.isEmpty else { throw PlotError.outputFile(path: requested, reason: "the file name is empty") }
        guard !requested.hasSuffix("/") else {
            throw PlotError.outputFile(path: requested, reason: "this is a folder; add a file name such as cost.png")
        }
        let path = OutputFormat.fileExtension(of: requested).isEmpty ? requested + ".png" : requested
        let format = try OutputFormat(path: path)

        let slash = path.lastIndex(of: "/")
        let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !folder.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw PlotError.outputFolder(path: folder, reason: "folder names with control characters (newline, tab) are not supported")
        }
        let absoluteFolder = folder.hasPrefix("/") ? folder : currentDirectory() + "/" + folder

        try makeFolder(absoluteFolder, shownAs: folder)
        let finalPath = absoluteFolder + "/" + name
        var info = stat()
        if stat(finalPath, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            throw PlotError.outputFile(path: path, reason: "a folder of that name exists")
        }
        let temporaryPath = try reserveTemporaryFile(in: absoluteFolder, shownAs: folder, format: format)
        return OutputFile(path: path, format: format, temporaryPath: temporaryPath, finalPath: finalPath)
    }

    /// Moves the finished temporary file into place.
    func commit() throws {
        var info = stat()
        guard stat(temporaryPath, &info) == 0, info.st_size > 0 else {
            throw PlotError.outputFile(path: path, reason: "gnuplot exited without writing the plot")
        }
        guard rename(temporaryPath, finalPath) == 0 else {
            throw PlotError.outputFile(path: path, reason: PlotError.reason(errno))
        }
    }

    /// Removes the temporary file if it is still there (after a failure).
    func discard() {
        unlink(temporaryPath)
    }

    // MARK: - Helpers

    private static func currentDirectory() -> String {
        guard let cwd = getcwd(nil, 0) else { return "." }
        defer { free(cwd) }
        return String(cString: cwd)
    }

    /// `mkdir -p`: creates `folder` and any missing parents (mode 0777 minus the umask).
    private static func makeFolder(_ folder: String, shownAs shown: String) throws {
        var info = stat()
        if stat(folder, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw PlotError.outputFolder(path: shown, reason: "it exists but is not a folder")
            }
            return
        }
        var prefix = ""
        for component in folder.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o777) != 0 && errno != EEXIST {
                throw PlotError.outputFolder(path: shown, reason: "cannot create '\(prefix)': \(PlotError.reason(errno))")
            }
        }
        guard stat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw PlotError.outputFolder(path: shown, reason: "it exists but is not a folder")
        }
    }

    /// Creates an empty `.shallow-<random>.<ext>` in `folder` (mode 0666 minus the umask, like any
    /// new file) and returns its path. Creating it is also the test that the folder is writable.
    private static func reserveTemporaryFile(in folder: String, shownAs shown: String, format: OutputFormat) throws -> String {
        for _ in 0..<16 {
            let candidate = "\(folder)/.shallow-\(String(UInt64.random(in: 0...UInt64.max), radix: 36)).\(format.rawValue)"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 {
                close(fd)
                return candidate
            }
            if errno != EEXIST { throw PlotError.outputFolder(path: shown, reason: PlotError.reason(errno)) }
        }
        throw PlotError.outputFolder(path: shown, reason: "cannot create a temporary file")
    }
}
