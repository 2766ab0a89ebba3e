// Helpers shared by the plotting tests: private temporary folders (tests never chdir, so they
// can run in parallel) and a minimal PNG header reader.

import Foundation
import Testing

/// A fresh folder under the system temporary directory; removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init(_ label: String = "plot") throws {
        path = NSTemporaryDirectory() + "shallow-plotting-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// The PNG signature and the IHDR chunk's width and height.
struct PNGHeader: Equatable {
    let width: Int
    let height: Int

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Reads `path`; nil if it is not a PNG (bad signature or no IHDR first).
    init?(path: String) {
        guard let data = FileManager.default.contents(atPath: path), data.count >= 24 else { return nil }
        let bytes = [UInt8](data.prefix(24))
        guard Array(bytes[0..<8]) == PNGHeader.signature, bytes[12..<16].elementsEqual("IHDR".utf8) else { return nil }
        func bigEndian(_ offset: Int) -> Int {
            bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        }
        width = bigEndian(16)
        height = bigEndian(20)
    }
}

/// Where the tests leave PNGs for a human to look at (kept after the run), e.g.
/// `.build/plotting-test-output/boundary.png`. Tests only write there; they never depend on it.
func showcasePath(_ name: String) -> String {
    let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/plotting-test-output").path
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder + "/" + name
}
