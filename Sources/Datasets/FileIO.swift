#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The product's file reads and writes, hardened against hostile files; errors are `DataError.io`
/// (`FILE: reason`, one line, with the system's reason).
///
/// Reads take regular files only: a FIFO would block (or never end), a device such as `/dev/zero` never
/// ends, a directory is not data. The file is opened with `O_NONBLOCK` and checked with `fstat` on the
/// descriptor itself, so nothing can block or be swapped in between. Its bytes are `read(2)` into a buffer
/// we own — never memory-mapped, because a mapped file truncated by another process faults (SIGBUS) — and a
/// size or modification time that changes while reading is an error, never a mix of old and new bytes.
///
/// Writes go to a temporary file beside the target, renamed over it when complete (see `writeAtomically`).
public enum FileIO {
    /// The prefix of every temporary file we create beside a file being written: `.shallow-tmp-PID-…`.
    /// The pid lets a later write recognise and remove what a killed process left behind.
    public static let temporaryPrefix = ".shallow-tmp-"

    /// Temporary files of ours older than this (seconds) are stale even if their pid is alive (pids are reused).
    static let staleAge = 600

    /// How much `readAll` asks `read(2)` for at a time.
    static let readChunk = 16 << 20

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// The last path component: `data/iris.csv` → `iris.csv`.
    static func lastComponent(_ path: String) -> String {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        if let slash = trimmed.lastIndex(of: "/") { return String(trimmed[trimmed.index(after: slash)...]) }
        return trimmed
    }

    /// The directory part: `data/iris.csv` → `data`, `iris.csv` → `.`.
    static func directory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// `a FIFO`, `a character device`, … for a `st_mode` that is not a regular file.
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "an unknown kind of file"
        }
    }

    static func notRegular(_ path: String, _ mode: mode_t) -> DataError {
        .io(path: path, reason: "not a regular file (\(kind(mode)))")
    }

    // MARK: - Reading

    /// The bytes of the regular file at `path`, read in full.
    /// - Throws: `DataError.io` — `FILE: not a regular file (a FIFO)`, `FILE: changed while being read`,
    ///   `FILE: cannot read: No such file or directory`; `DataError.memory` when the file is larger than the
    ///   memory available.
    public static func readRegularFile(path: String) throws(DataError) -> [UInt8] {
        try readAll(path: path)
    }

    /// `readRegularFile`, with the chunk size and a hook called after each chunk with the bytes read so far
    /// (tests use it to change the file at a known moment).
    static func readAll(path: String, chunk: Int = readChunk,
                        afterChunk: ((Int) -> Void)? = nil) throws(DataError) -> [UInt8] {
        // `stat` first: a special file is refused without opening it (opening some devices has effects).
        var info = stat()
        if stat(path, &info) != 0 { throw DataError.io(path: path, reason: "cannot read: " + reason(errno)) }
        if (info.st_mode & S_IFMT) != S_IFREG { throw notRegular(path, info.st_mode) }
        // O_NONBLOCK: if the path was swapped for a FIFO since `stat`, `open` must not wait for a writer.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 { throw DataError.io(path: path, reason: "cannot read: " + reason(errno)) }
        defer { close(fd) }
        if fstat(fd, &info) != 0 { throw DataError.io(path: path, reason: "cannot read: " + reason(errno)) }
        if (info.st_mode & S_IFMT) != S_IFREG { throw notRegular(path, info.st_mode) }
        let size = Int(info.st_size)
        try MemoryBudget.check(bytes: size, what: "\(path): reading the file")
        var failure: Int32 = 0
        var shrank = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = 0
            if size >= 8 << 20 { adviseHugePages(UnsafeMutableRawBufferPointer(buffer)) }
            while initialized < size {
                let got = read(fd, buffer.baseAddress! + initialized, min(chunk, size - initialized))
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if got == 0 { shrank = true; return }
                initialized += got
                afterChunk?(initialized)
            }
        }
        if failure != 0 { throw DataError.io(path: path, reason: "cannot read: " + reason(failure)) }
        if shrank { throw changed(path) }
        // Grown: one more byte is there. Rewritten in place: same size, newer modification time.
        var probe: UInt8 = 0
        var extra = 0
        repeat { extra = read(fd, &probe, 1) } while extra < 0 && errno == EINTR
        var after = stat()
        if extra != 0 || fstat(fd, &after) != 0 || after.st_size != info.st_size
            || after.st_mtim.tv_sec != info.st_mtim.tv_sec || after.st_mtim.tv_nsec != info.st_mtim.tv_nsec {
            throw changed(path)
        }
        return bytes
    }

    static func changed(_ path: String) -> DataError {
        .io(path: path, reason: "changed while being read (another program is writing it?); try again")
    }

    /// Calls `body` with the bytes of the regular file at `path` (see `readRegularFile`).
    static func withContents<R>(path: String, chunk: Int = readChunk, afterChunk: ((Int) -> Void)? = nil,
                                _ body: (UnsafeBufferPointer<UInt8>) throws(DataError) -> R) throws(DataError) -> R {
        let bytes = try readAll(path: path, chunk: chunk, afterChunk: afterChunk)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> R in try body(buffer) }
    }

    /// Asks for 2 MB pages on a large buffer about to be filled (Linux, where transparent huge pages are
    /// `madvise`d): fifty page faults instead of 25,000 for 100 MB. A hint only; ignored where unsupported.
    static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        guard let start = buffer.baseAddress, buffer.count >= 8 << 20 else { return }
        let huge = 2 << 20
        let first = (Int(bitPattern: start) + huge - 1) & ~(huge - 1)
        let last = (Int(bitPattern: start) + buffer.count) & ~(huge - 1)
        if last > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) {
            _ = madvise(aligned, last - first, MADV_HUGEPAGE)
        }
        #endif
    }

    // MARK: - Writing

    /// Writes `bytes` to a temporary file beside the target, then renames it over the target: readers see
    /// either the old file or the complete new one, never a partial one.
    ///
    /// - A symbolic link is followed: the file it points to is replaced, the link stays a link.
    /// - Anything that exists and is not a regular file (a device such as `/dev/null` or `/dev/full`, a FIFO,
    ///   a directory) is refused before anything is written: `FILE: not a regular file (a character device)`.
    /// - The temporary file is `.shallow-tmp-PID-XXXXXX` in the target's folder; on failure it is removed,
    ///   and the message is one line, `FILE: cannot write: No space left on device`. Temporary files of ours
    ///   that a killed process left in that folder (pid gone, or older than 10 minutes) are removed first.
    /// - An existing target keeps its permission bits; a new one gets 0644.
    public static func writeAtomically(path: String, bytes: [UInt8]) throws(DataError) {
        let target = try writeTarget(path)
        removeStaleTemporaries(in: directory(target.path))
        let template = directory(target.path) + "/" + temporaryPrefix + "\(getpid())-XXXXXX"
        var name = Array(template.utf8CString)
        let fd = name.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 { throw DataError.io(path: path, reason: "cannot write: " + reason(errno)) }
        let temporary = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure: Int32 = 0
        var written = 0
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let n = write(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += n
            }
        }
        if failure == 0 && fchmod(fd, target.mode) != 0 { failure = errno }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(temporary, target.path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw DataError.io(path: path, reason: "cannot write: " + reason(failure))
        }
    }

    /// Where a write to `path` lands — symbolic links followed — and the mode the new file gets.
    /// Refuses an existing target that is not a regular file, and a missing folder.
    static func writeTarget(_ path: String) throws(DataError) -> (path: String, mode: mode_t) {
        if path.isEmpty { throw DataError.io(path: path, reason: "cannot write: the file name is empty") }
        var resolved = path
        var hops = 0
        while true {
            var info = stat()
            if lstat(resolved, &info) != 0 {
                let code = errno
                if code != ENOENT { throw DataError.io(path: path, reason: "cannot write: " + reason(code)) }
                // A new file (perhaps the target of a dangling link): its folder must exist.
                let folder = directory(resolved)
                var folderInfo = stat()
                if stat(folder, &folderInfo) != 0 {
                    throw DataError.io(path: path, reason: "cannot write: " + reason(errno))
                }
                if (folderInfo.st_mode & S_IFMT) != S_IFDIR {
                    throw DataError.io(path: path, reason: "cannot write: " + reason(ENOTDIR))
                }
                return (resolved, 0o644)
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                return (resolved, info.st_mode & 0o7777)
            case S_IFLNK:
                hops += 1
                if hops > 40 { throw DataError.io(path: path, reason: "cannot write: " + reason(ELOOP)) }
                var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
                let length = readlink(resolved, &buffer, buffer.count - 1)
                if length < 0 { throw DataError.io(path: path, reason: "cannot write: " + reason(errno)) }
                let link = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                resolved = link.hasPrefix("/") ? link : directory(resolved) + "/" + link
            default:
                if resolved != path {
                    throw DataError.io(path: path, reason: "not a regular file (a link to \(kind(info.st_mode)))")
                }
                throw notRegular(path, info.st_mode)
            }
        }
    }

    /// Removes temporary files of ours (`.shallow-tmp-PID-…`, regular, owned by this user) in `folder` that
    /// a killed process left: its pid no longer runs, or the file is older than `staleAge`. Best effort.
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
            let pidText = name.dropFirst(temporaryPrefix.count).prefix { $0 != "-" }
            guard let pid = Int32(pidText) else { continue }
            let full = folder + "/" + name
            var info = stat()
            guard lstat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_uid == getuid() else { continue }
            let dead = pid != me && kill(pid, 0) != 0 && errno == ESRCH
            let old = now - info.st_mtim.tv_sec > staleAge
            if dead || old { unlink(full) }
        }
    }
}
