#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and atomic writes with POSIX calls; errors become `DataError.io` with the system's reason.
enum FileIO {
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

    /// Reads the whole file in one buffer (one `fstat`, then `read` until the end).
    static func readAll(path: String) throws(DataError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw DataError.io(path: path, reason: "cannot read: " + reason(errno)) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 { throw DataError.io(path: path, reason: "cannot read: " + reason(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw DataError.io(path: path, reason: "cannot read: " + reason(EISDIR)) }
        let size = max(Int(info.st_size), 0)
        var failure: Int32 = 0
        var atEnd = false
        // The expected size in one uninitialized buffer, then more in chunks if the file was larger
        // (a file growing while read, or a special file that reports size 0).
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = 0
            while initialized < size {
                let got = read(fd, buffer.baseAddress! + initialized, size - initialized)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if got == 0 { atEnd = true; return }
                initialized += got
            }
        }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while failure == 0 && !atEnd {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if got < 0 {
                if errno != EINTR { failure = errno }
            } else if got == 0 {
                atEnd = true
            } else {
                bytes.append(contentsOf: chunk[0..<got])
            }
        }
        if failure != 0 { throw DataError.io(path: path, reason: "cannot read: " + reason(failure)) }
        return bytes
    }

    /// Calls `body` with the file's bytes. A regular file is mapped read-only (`MAP_POPULATE`: its pages come
    /// straight from the page cache, no copy, no zero-filled buffer); anything else, or a failed mapping, is
    /// read with `readAll`. (As with any mapped file, truncating the file *while* it is parsed would fault.)
    static func withContents<R>(path: String, _ body: (UnsafeBufferPointer<UInt8>) throws(DataError) -> R) throws(DataError) -> R {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw DataError.io(path: path, reason: "cannot read: " + reason(errno)) }
        var info = stat()
        let statFailed = fstat(fd, &info) != 0
        let isRegular = !statFailed && (info.st_mode & S_IFMT) == S_IFREG
        let size = Int(info.st_size)
        if isRegular && size > 0 {
            #if os(Linux)
            let flags = MAP_PRIVATE | MAP_POPULATE
            #else
            let flags = MAP_PRIVATE
            #endif
            if let mapped = mmap(nil, size, PROT_READ, flags, fd, 0), mapped != MAP_FAILED {
                close(fd)
                defer { munmap(mapped, size) }
                let bytes = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size)
                return try body(bytes)
            }
        }
        close(fd)
        let bytes = try readAll(path: path)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> R in try body(buffer) }
    }

    /// Writes `bytes` to a temporary file beside `path`, then renames it over `path`: readers see either
    /// the old file or the complete new one, never a partial one.
    static func writeAtomically(path: String, bytes: [UInt8]) throws(DataError) {
        let template = directory(path) + "/." + lastComponent(path) + ".tmp-XXXXXX"
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
        if failure == 0 && fchmod(fd, 0o644) != 0 { failure = errno }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw DataError.io(path: path, reason: "cannot write: " + reason(failure))
        }
    }
}
