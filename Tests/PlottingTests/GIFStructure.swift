// A minimal GIF reader for the tests: the header, the logical screen size, and a walk over the
// blocks that counts images (frames) and finds the NETSCAPE2.0 looping extension.

import Foundation

struct GIFStructure {
    let version: String      // "GIF89a" or "GIF87a"
    let width: Int
    let height: Int
    let frames: Int          // image descriptors
    let loops: Bool          // has the NETSCAPE2.0 application extension
    let complete: Bool       // ends with the trailer 0x3B where expected

    /// Reads and walks `path`; nil if it is not a GIF.
    init?(path: String) {
        guard let data = FileManager.default.contents(atPath: path), data.count >= 13 else { return nil }
        let bytes = [UInt8](data)
        guard let version = String(bytes: bytes[0..<6], encoding: .ascii), version.hasPrefix("GIF") else { return nil }
        self.version = version
        width = Int(bytes[6]) | Int(bytes[7]) << 8
        height = Int(bytes[8]) | Int(bytes[9]) << 8
        var position = 13
        if bytes[10] & 0x80 != 0 { position += 3 << (Int(bytes[10] & 0x07) + 1) }  // global colour table

        /// Skips data sub-blocks (length-prefixed, ended by a 0 length); returns false if cut short.
        func skipSubBlocks(_ p: inout Int) -> Bool {
            while p < bytes.count {
                let length = Int(bytes[p])
                p += 1
                if length == 0 { return true }
                p += length
            }
            return false
        }

        var frames = 0, loops = false, complete = false
        walk: while position < bytes.count {
            switch bytes[position] {
            case 0x2C:  // image descriptor
                guard position + 10 <= bytes.count else { break walk }
                let packed = bytes[position + 9]
                position += 10
                if packed & 0x80 != 0 { position += 3 << (Int(packed & 0x07) + 1) }  // local colour table
                position += 1  // LZW minimum code size
                guard skipSubBlocks(&position) else { break walk }
                frames += 1
            case 0x21:  // extension: label, then sub-blocks
                guard position + 2 < bytes.count else { break walk }
                if bytes[position + 1] == 0xFF, position + 14 <= bytes.count,
                   String(bytes: bytes[(position + 3)..<(position + 14)], encoding: .ascii) == "NETSCAPE2.0" {
                    loops = true
                }
                position += 2
                guard skipSubBlocks(&position) else { break walk }
            case 0x3B:
                complete = true
                break walk
            default:
                break walk
            }
        }
        self.frames = frames
        self.loops = loops
        self.complete = complete
    }
}
