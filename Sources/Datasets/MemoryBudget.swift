#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How much memory an allocation may take, checked *before* allocating: anything whose size follows from
/// what a user typed or a file contains (a CSV's rows × features, a model's layer widths, a generator's `n=`,
/// a sweep) is estimated first, and refused with the estimate when the machine cannot give that much —
/// instead of the process aborting in the allocator, or the machine swapping to a halt.
///
/// ```swift
/// let bytes = MemoryBudget.bytes(rows, features, MemoryLayout<Double>.size)   // saturates, never traps
/// try MemoryBudget.check(bytes: bytes, what: "data.csv: 1000001 rows × 9999 features")
/// // data.csv: 1000001 rows × 9999 features needs 80.0 GB, this machine has 23.4 GB available
/// ```
///
/// "Available" is Linux's `MemAvailable` (`/proc/meminfo`: free memory plus the caches the kernel can drop),
/// read at each check, so memory taken since the last check counts; elsewhere, or when it cannot be read,
/// the free physical pages. Sizes are shown in decimal units (1 GB = 10⁹ bytes), with one decimal, more
/// when the two figures would otherwise look equal.
public struct MemoryBudget: Sendable, Equatable {
    /// The bytes an allocation may take.
    public var availableBytes: Int

    /// A fixed budget (tests, or a caller that wants to keep a reserve).
    public init(availableBytes: Int) {
        self.availableBytes = max(availableBytes, 0)
    }

    /// The machine's available memory now.
    public static var current: MemoryBudget {
        MemoryBudget(availableBytes: availableMemory())
    }

    /// Throws `DataError.memory` (`WHAT needs 80.0 GB, this machine has 23.4 GB available`) when `bytes`
    /// is more than this budget. `what` starts with the file or option responsible and says what would
    /// be allocated, e.g. `data.csv: 1000001 rows × 9999 features`.
    public func check(bytes: Int, what: String) throws(DataError) {
        if bytes > availableBytes {
            throw DataError.memory(what: what, needed: bytes, available: availableBytes)
        }
    }

    /// `MemoryBudget.current.check(bytes:what:)`.
    public static func check(bytes: Int, what: String) throws(DataError) {
        try current.check(bytes: bytes, what: what)
    }

    /// The product of sizes and counts, saturating at `Int.max` (an estimate must not trap on overflow;
    /// `Int.max` is then refused by `check`). Negative factors count as 0.
    public static func bytes(_ factors: Int...) -> Int {
        var product = 1
        for factor in factors {
            if factor <= 0 { return 0 }
            let (result, overflow) = product.multipliedReportingOverflow(by: factor)
            if overflow { return Int.max }
            product = result
        }
        return product
    }

    /// `80.0 GB`, `512.0 MB`, `4.0 kB`, `12 bytes`, with `decimals` digits after the point.
    public static func format(bytes: Int, decimals: Int = 1) -> String {
        let units: [(Double, String)] = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")]
        guard let (size, name) = units.first(where: { Double(bytes) >= $0.0 }) else {
            return bytes == 1 ? "1 byte" : "\(bytes) bytes"
        }
        return fixed(Double(bytes) / size, decimals: decimals) + " " + name
    }

    /// The two sizes of a refusal, with enough decimals that they differ (`needs 1.04 GB … 1.03 GB`).
    static func formatPair(_ needed: Int, _ available: Int) -> (String, String) {
        var decimals = 1
        while true {
            let pair = (format(bytes: needed, decimals: decimals), format(bytes: available, decimals: decimals))
            if pair.0 != pair.1 || decimals >= 4 { return pair }
            decimals += 1
        }
    }

    /// `value` with exactly `decimals` digits after the point, rounded half up (no Foundation here).
    static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded()
        guard scaled < 9e18 else { return String(value) }
        let whole = Int(scaled)
        let divisor = Int(scale)
        guard decimals > 0 else { return String(whole) }
        let fraction = String(whole % divisor)
        return "\(whole / divisor)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// `MemAvailable` from `/proc/meminfo`, or the free physical pages.
    static func availableMemory() -> Int {
        if let kilobytes = memAvailableKilobytes() {
            return kilobytes > Int.max / 1024 ? Int.max : kilobytes * 1024
        }
        #if os(Linux)
        let pages = sysconf(Int32(_SC_AVPHYS_PAGES))
        let pageSize = sysconf(Int32(_SC_PAGESIZE))
        if pages > 0 && pageSize > 0 { return bytes(pages, pageSize) }
        #endif
        return Int.max
    }

    /// The `MemAvailable:` line of `/proc/meminfo` (in kB), parsed from a small read.
    static func memAvailableKilobytes() -> Int? {
        let fd = open("/proc/meminfo", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 8192)
        var used = 0
        while used < buffer.count {
            let got = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + used, $0.count - used) }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { break }
            used += got
        }
        let text = String(decoding: buffer[0..<used], as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let digits = line.dropFirst("MemAvailable:".count).filter { $0.isNumber }
            return Int(digits)
        }
        return nil
    }
}
