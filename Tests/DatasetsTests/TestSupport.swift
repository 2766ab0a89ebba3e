import Foundation
@testable import Datasets

/// A fresh directory under the system temp dir for one test's files.
func makeTemporaryDirectory() -> String {
    let base = FileManager.default.temporaryDirectory.path + "/shallow-datasets-tests-XXXXXX"
    var template = Array(base.utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    precondition(made != nil, "mkdtemp failed")
    return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Writes `text` (its UTF-8 bytes, exactly) to `name` in a fresh temp directory; returns the path.
func writeTemporaryFile(_ text: String, name: String = "data.csv") -> String {
    writeTemporaryFile(bytes: Array(text.utf8), name: name)
}

func writeTemporaryFile(bytes: [UInt8], name: String = "data.csv") -> String {
    let path = makeTemporaryDirectory() + "/" + name
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    return path
}

/// The error `body` throws (nil if it does not throw).
func dataError<T>(_ body: () throws(DataError) -> T) -> DataError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

/// A small deterministic generator for randomized tests (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A character device for tests: a private node of one of the memory devices (major 1; minor 3 null, 5 zero,
/// 7 full, 9 urandom — `1 << 8 | minor` in Linux's encoding of small device numbers) in a fresh temp folder
/// when we may create device nodes (root), else the shared one. The shared nodes are a last resort: a process
/// with an unhardened writer (or a fuzzer driving one) can replace `/dev/null` or `/dev/zero` with a regular
/// file, and the tests would then fail for reasons of their own.
func privateCharacterDevice(minor: Int = 3) -> String {
    let path = makeTemporaryDirectory() + "/device"
    if mknod(path, S_IFCHR | 0o666, dev_t(1 << 8 | minor)) == 0 { return path }
    return ["3": "/dev/null", "5": "/dev/zero", "7": "/dev/full", "9": "/dev/urandom"]["\(minor)"] ?? "/dev/full"
}
