// Atomic output: gnuplot writes into a hidden temporary file in the destination folder, and
// only after it has exited successfully is that file renamed over the requested name. A failed
// or interrupted plot therefore never leaves a truncated image behind, and the previous version
// of the file survives until the new one is complete. (rename is atomic within one folder.)
//
// Missing folders are created, parents included (like `mkdir -p`), for every path alike; the
// default `plots/` folder is just the most common case.
//
// Only the temporary file's path reaches gnuplot: a name we chose (`.shallow-tmp-<pid>-<random>.png`)
// in the user's folder. The user's file name itself is never seen by gnuplot, and the folder is
// passed through GnuplotText.quoted like all other text.
//
// A symbolic link is followed: the file it points to is replaced (the temporary file goes beside
// it, so the rename stays within one file system) and the link stays a link. A target that exists
// and is not a regular file (/dev/null, a FIFO, a folder) is refused before gnuplot starts.
// Temporary files of ours that a killed process left behind (pid gone, or older than 10 minutes)
// are removed on the next plot into that folder. (Datasets.FileIO does the same for data and model
// files; Plotting does not depend on Datasets, hence this twin.)

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
        let finalPath = try resolveTarget(absoluteFolder + "/" + name, shownAs: path)
        let finalFolder = directory(finalPath)
        removeStaleTemporaries(in: finalFolder)
        let temporaryPath = try reserveTemporaryFile(in: finalFolder, shownAs: finalFolder == absoluteFolder ? folder : finalFolder,
                                                     format: format)
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

    /// The prefix of our temporary files; the pid after it lets a later plot recognise a killed one's leftovers.
    static let temporaryPrefix = ".shallow-tmp-"

    /// Temporary files of ours older than this (seconds) are stale even if their pid runs (pids are reused).
    static let staleAge = 600

    private static func directory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "an unknown kind of file"
        }
    }

    /// The file a plot to `path` replaces, symbolic links followed; refuses an existing target that is not a
    /// regular file, and a link whose target's folder is missing.
    private static func resolveTarget(_ path: String, shownAs shown: String) throws -> String {
        var resolved = path
        for _ in 0..<40 {
            var info = stat()
            if lstat(resolved, &info) != 0 {
                guard errno == ENOENT else { throw PlotError.outputFile(path: shown, reason: PlotError.reason(errno)) }
                var folderInfo = stat()
                guard stat(directory(resolved), &folderInfo) == 0, (folderInfo.st_mode & S_IFMT) == S_IFDIR else {
                    throw PlotError.outputFile(path: shown, reason: "it links to '\(resolved)', whose folder does not exist")
                }
                return resolved
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                return resolved
            case S_IFLNK:
                var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
                let length = readlink(resolved, &buffer, buffer.count - 1)
                guard length >= 0 else { throw PlotError.outputFile(path: shown, reason: PlotError.reason(errno)) }
                let link = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                resolved = link.hasPrefix("/") ? link : directory(resolved) + "/" + link
            case S_IFDIR where resolved == path:
                throw PlotError.outputFile(path: shown, reason: "a folder of that name exists")
            default:
                let what = kind(info.st_mode)
                throw PlotError.outputFile(path: shown, reason: resolved == path ? "not a regular file (\(what))"
                                                                                  : "not a regular file (a link to \(what))")
            }
        }
        throw PlotError.outputFile(path: shown, reason: PlotError.reason(ELOOP))
    }

    /// Removes temporary files of ours (`.shallow-tmp-PID-…`, regular, owned by this user) in `folder` that a
    /// killed process left: its pid no longer runs, or the file is older than `staleAge`. Best effort.
    static func removeStaleTemporaries(in folder: String) {
        guard let stream = opendir(folder) else { return }
        defer { closedir(stream) }
        let now = time(nil)
        let me = getpid()
        while let entry = readdir(stream) {
            // The name is read in place, up to its NUL. A record is only as long as its name, so copying the
            // declared 256-byte d_name (entry.pointee.d_name) read past the last record of readdir's buffer
            // (AddressSanitizer: heap-buffer-overflow).
            let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name) ?? 19
            let name = String(cString: UnsafeRawPointer(entry).advanced(by: nameOffset).assumingMemoryBound(to: CChar.self))
            guard name.hasPrefix(temporaryPrefix) else { continue }
            guard let pid = Int32(name.dropFirst(temporaryPrefix.count).prefix { $0 != "-" }) else { continue }
            let full = folder + "/" + name
            var info = stat()
            guard lstat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_uid == getuid() else { continue }
            let dead = pid != me && kill(pid, 0) != 0 && errno == ESRCH
            if dead || now - info.st_mtim.tv_sec > staleAge { unlink(full) }
        }
    }

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

    /// Creates an empty `.shallow-tmp-<pid>-<random>.<ext>` in `folder` (mode 0666 minus the umask, like any
    /// new file) and returns its path. Creating it is also the test that the folder is writable.
    private static func reserveTemporaryFile(in folder: String, shownAs shown: String, format: OutputFormat) throws -> String {
        for _ in 0..<16 {
            let candidate = "\(folder)/\(temporaryPrefix)\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 36)).\(format.rawValue)"
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
