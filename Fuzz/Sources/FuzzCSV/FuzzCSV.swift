// libFuzzer target: the CSV loader on arbitrary bytes. A first byte ≥ 0x80 (rare at the start
// of a CSV) picks the options — label column, header, separator, task — and the rest is the file;
// otherwise the whole input is the file, read with the defaults (`load FILE.csv`). So the seed
// corpus holds plain CSV files, and mutation reaches every option path.
// A thrown DataError is a correct answer; only a crash, a sanitizer report or a hang is a finding.

import FuzzerDriver
import Datasets

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let input = UnsafeBufferPointer(start: data, count: size)
    let choice = size > 0 && input[0] >= 0x80 ? input[0] : 0
    let bytes = Array(choice == 0 ? input[...] : input.dropFirst())
    let labels: [CSVLoader.Label] = [.last, .index(0), .index(1), .name("label"), .index(7), .name("x")]
    let headers: [CSVLoader.Header] = [.auto, .yes, .no]
    let separators: [CSVLoader.Separator] = [.auto, .comma, .semicolon, .tab]
    let targets: [CSVLoader.Target] = [.auto, .classes, .regression]
    let label = labels[Int(choice & 0x7) % labels.count]
    let header = headers[Int(choice >> 3 & 0x3) % headers.count]
    let separator = separators[Int(choice >> 5 & 0x3)]
    let target = targets[Int(choice >> 7) + (choice & 0x7 == 7 ? 1 : 0)]
    if let loaded = try? CSVLoader.parse(bytes: bytes, path: "fuzz.csv", label: label, header: header,
                                         separator: separator, target: target) {
        _ = loaded.summary
    }
    return 0
}

/// The program's main (SwiftPM links `main` to `FuzzCSV_main`): libFuzzer's driver, with its usual flags.
@_cdecl("FuzzCSV_main")
public func fuzzCSVMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzCSV(data, size) }
}
