// libFuzzer target: `load model` on arbitrary text (decode, validate, build the network).
// A thrown NotebookError is a correct answer; only a crash, a sanitizer report or a hang is a finding.

import FuzzerDriver
import Notebook

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? FuzzEntryPoints.loadModel(text: text)
    return 0
}

/// The program's main (SwiftPM links `main` to `FuzzModel_main`): libFuzzer's driver, with its usual flags.
@_cdecl("FuzzModel_main")
public func fuzzModelMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzModel(data, size) }
}
