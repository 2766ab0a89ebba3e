import Foundation
import Testing
@testable import Datasets

/// Files that try to crash, hang or exhaust the loader: special files, files changing while read, sizes
/// that would allocate without bound. Every one must end in a one-line error that names the file.
@Suite struct HostileFileTests {
    // MARK: Special files are refused, nothing blocks

    @Test func devicesAreRefusedWithoutReading() {
        for path in [privateCharacterDevice(minor: 5), privateCharacterDevice(minor: 9), privateCharacterDevice(minor: 3)] {
            let error = dataError { () throws(DataError) in try CSVLoader.load(path: path) }
            #expect(error?.description == "\(path): not a regular file (a character device)")
        }
    }

    @Test func directoryIsRefused() {
        let directory = makeTemporaryDirectory()
        let error = dataError { () throws(DataError) in try CSVLoader.load(path: directory) }
        #expect(error?.description == "\(directory): not a regular file (a directory)")
    }

    /// A FIFO with no writer: opening it for reading would block forever; it must be refused at once.
    @Test(.timeLimit(.minutes(1))) func fifoWithoutWriterIsRefusedWithoutBlocking() {
        let path = makeTemporaryDirectory() + "/data.csv"
        #expect(mkfifo(path, 0o600) == 0)
        let error = dataError { () throws(DataError) in try CSVLoader.load(path: path) }
        #expect(error?.description == "\(path): not a regular file (a FIFO)")
        let error2 = dataError { () throws(DataError) in try FileIO.readRegularFile(path: path) }
        #expect(error2?.description == "\(path): not a regular file (a FIFO)")
    }

    @Test func symlinkToARegularFileIsRead() throws {
        let path = writeTemporaryFile("a,y\n1,0\n2,1\n")
        let link = FileIO.directory(path) + "/link.csv"
        #expect(symlink(path, link) == 0)
        let dataset = try CSVLoader.load(path: link)
        #expect(dataset.X.elements == [1, 2])
    }

    // MARK: A file changing while it is read

    /// Truncation while reading must never be a signal (the old loader mapped the file: SIGBUS) nor a
    /// silently shorter data set. The hook runs after the first 4 kB chunk, so the truncation happens at the
    /// same point on every run — a second thread racing the reader would sometimes truncate before `open`
    /// (then the file simply *is* shorter, and loading it is right) and sometimes after the end.
    @Test func truncatedWhileReadIsAnError() throws {
        let rows = (0..<20_000).map { "\($0),\($0 % 2)" }.joined(separator: "\n")
        let path = writeTemporaryFile("x,y\n" + rows + "\n")
        let error = dataError { () throws(DataError) in
            try CSVLoader.read(path: path, label: .last, header: .auto, separator: .auto, target: .auto,
                               chunk: 4096, afterChunk: { read in
                                   if read == 4096 { truncate(path, 10_000) }
                               })
        }
        #expect(error?.description == "\(path): changed while being read (another program is writing it?); try again")
    }

    @Test func grownWhileReadIsAnError() throws {
        let path = writeTemporaryFile("x,y\n" + String(repeating: "1,0\n", count: 5_000))
        let error = dataError { () throws(DataError) in
            try FileIO.readAll(path: path, chunk: 4096, afterChunk: { read in
                if read == 4096, let handle = FileHandle(forWritingAtPath: path) {
                    handle.seekToEndOfFile()
                    handle.write(Data("2,1\n".utf8))
                    handle.closeFile()
                }
            })
        }
        #expect(error?.description == "\(path): changed while being read (another program is writing it?); try again")
    }

    /// Rewritten in place with the same size: caught by the modification time.
    @Test func rewrittenInPlaceWhileReadIsAnError() throws {
        let path = writeTemporaryFile("x,y\n" + String(repeating: "1,0\n", count: 5_000))
        let error = dataError { () throws(DataError) in
            try FileIO.readAll(path: path, chunk: 4096, afterChunk: { read in
                guard read == 4096 else { return }
                // The next modification time must differ even on a coarse clock.
                var times = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
                if let handle = FileHandle(forWritingAtPath: path) {
                    handle.write(Data("9,1\n".utf8))
                    handle.closeFile()
                }
                _ = utimensat(AT_FDCWD, path, &times, 0)
            })
        }
        #expect(error?.description == "\(path): changed while being read (another program is writing it?); try again")
    }

    /// Without interference the chunked read returns the whole file.
    @Test func chunkedReadReturnsEveryByte() throws {
        var generator = SplitMix64(seed: 9)
        let bytes = (0..<100_003).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let path = writeTemporaryFile(bytes: bytes, name: "random.bin")
        #expect(try FileIO.readAll(path: path, chunk: 4096) == bytes)
        #expect(try FileIO.readRegularFile(path: path) == bytes)
    }

    // MARK: Memory

    /// One 10,000-field row then a million blank lines: the old row bound (line breaks + 1) asked for
    /// 10,000 × 1,000,001 doubles, 80 GB. Rows are now also bounded by the bytes, so this loads at once.
    @Test func wideRowThenBlankLinesLoadsWithoutAHugeAllocation() throws {
        let row = (0..<10_000).map { String($0 % 7) }.joined(separator: ",")
        let path = writeTemporaryFile(row + String(repeating: "\n", count: 1_000_000))
        let dataset = try CSVLoader.load(path: path, header: .no)
        #expect(dataset.X.rows == 9_999)
        #expect(dataset.X.cols == 1)
    }

    /// A sparse terabyte file (no disk used): refused before a byte is allocated, with the estimate.
    @Test func fileLargerThanMemoryIsRefusedBeforeReading() throws {
        let path = makeTemporaryDirectory() + "/huge.csv"
        let fd = open(path, O_WRONLY | O_CREAT, 0o600)
        defer { close(fd) }
        guard ftruncate(fd, 1 << 40) == 0 else { return }  // a file system without sparse files: nothing to test
        let error = dataError { () throws(DataError) in try CSVLoader.load(path: path) }
        let message = error?.description ?? "no error"
        #expect(message.hasPrefix("\(path): reading the file needs 1.1 TB, this machine has "), "\(message)")
        #expect(message.hasSuffix(" available"))
    }

    /// Rows the machine cannot hold are refused with the estimate (here with a 1 MB budget: 100,001 rows
    /// × (9 features × 8 bytes + 32 bytes of label bookkeeping) = 10.4 MB).
    @Test func rowsBeyondTheBudgetAreRefusedWithTheEstimate() {
        let bytes = Array(("a,b,c,d,e,f,g,h,i,y\n" + String(repeating: "1,2,3,4,5,6,7,8,9,0\n", count: 100_000)).utf8)
        let error = dataError { () throws(DataError) in
            try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) in
                try CSVLoader.parse(buffer: buffer, path: "data.csv", label: .last, header: .auto, separator: .auto,
                                    target: .auto, budget: MemoryBudget(availableBytes: 1_000_000))
            }
        }
        #expect(error?.description == "data.csv: up to 100001 rows × 9 features needs 10.4 MB, this machine has 1.0 MB available")
    }

    @Test func wideFirstRowBeyondTheBudgetIsRefusedWithTheEstimate() {
        let bytes = Array((String(repeating: "1,", count: 99_999) + "0\n").utf8)
        let error = dataError { () throws(DataError) in
            try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) in
                try CSVLoader.parse(buffer: buffer, path: "data.csv", label: .last, header: .auto, separator: .auto,
                                    target: .auto, budget: MemoryBudget(availableBytes: 1_000_000))
            }
        }
        #expect(error?.description == "data.csv:1: a first row of 100000 fields needs 16.0 MB, this machine has 1.0 MB available")
    }

    /// A first row of a million fields would become millions of strings; estimated first. (The budget here
    /// is the real one: 160 bytes × a million fields is far below any test machine's memory, so it loads.)
    @Test func veryWideFirstRowIsEstimatedAndLoads() throws {
        let row = String(repeating: "1,", count: 200_000) + "0"
        let path = writeTemporaryFile(row + "\n" + row + "\n")
        let dataset = try CSVLoader.load(path: path, header: .no)
        #expect(dataset.X.rows == 200_000)
        #expect(dataset.X.cols == 2)
    }

    /// A huge cell in an error message: only its first 40 characters are decoded and shown.
    @Test func hugeCellIsShortenedInTheMessage() {
        let cell = String(repeating: "z", count: 5_000_000)
        let path = writeTemporaryFile("a,y\n\(cell),0\n")
        let error = dataError { () throws(DataError) in try CSVLoader.load(path: path) }
        #expect(error?.description == "\(path):2:1: found \"\(String(repeating: "z", count: 40))…\" in field 1 (a), expected a number")
    }

    @Test func nonFiniteLabelIsShownQuotedAndShort() {
        let path = writeTemporaryFile("a,y\n1,0.5\n2,\(String(repeating: "9", count: 400))e999\n")
        let error = dataError { () throws(DataError) in try CSVLoader.load(path: path) }
        #expect(error?.description == "\(path):3:3: found \"\(String(repeating: "9", count: 40))…\" in field 2 (y), expected a finite number or a class name")
    }

    /// The summary `load` prints stays one short line whatever the class names hold.
    @Test func summaryEscapesAndShortensClassNames() throws {
        let long = String(repeating: "w", count: 100_000)
        let path = writeTemporaryFile("a,\"the\nlabel\"\n1,\"x\ny\"\n2,\(long)\n")
        let loaded = try CSVLoader.read(path: path)
        #expect(loaded.summary == "data.csv: 2 examples × 1 feature; label \"the\\nlabel\" (field 2): 2 classes: \(String(repeating: "w", count: 40))… 1, x\\ny 1")
    }

    @Test func longHeaderListIsCutInTheLabelMessage() {
        let header = (1...30).map { "f\($0)" }.joined(separator: ",")
        let path = writeTemporaryFile(header + "\n" + (1...30).map { _ in "1" }.joined(separator: ",") + "\n")
        let error = dataError { () throws(DataError) in try CSVLoader.load(path: path, label: .name("nope")) }
        let names = (1...20).map { "f\($0)" }.joined(separator: ", ")
        #expect(error?.description == "label=nope: expected a field name from the header of data.csv: \(names), … (30 fields)")
    }
}

@Suite struct MemoryBudgetTests {
    @Test func refusesMoreThanAvailableWithBothFigures() {
        let budget = MemoryBudget(availableBytes: 23_400_000_000)
        let error = dataError { () throws(DataError) in
            try budget.check(bytes: 80_000_000_000, what: "data.csv: 1000001 rows × 9999 features")
        }
        #expect(error?.description == "data.csv: 1000001 rows × 9999 features needs 80.0 GB, this machine has 23.4 GB available")
        #expect(dataError { () throws(DataError) in try budget.check(bytes: 23_400_000_000, what: "x") } == nil)
    }

    @Test func formatsUnitsConsistently() {
        #expect(MemoryBudget.format(bytes: 0) == "0 bytes")
        #expect(MemoryBudget.format(bytes: 1) == "1 byte")
        #expect(MemoryBudget.format(bytes: 999) == "999 bytes")
        #expect(MemoryBudget.format(bytes: 1_500) == "1.5 kB")
        #expect(MemoryBudget.format(bytes: 512_000_000) == "512.0 MB")
        #expect(MemoryBudget.format(bytes: 80_000_000_000) == "80.0 GB")
        #expect(MemoryBudget.format(bytes: 80_049_999_999, decimals: 2) == "80.05 GB")
        #expect(MemoryBudget.format(bytes: 2_000_000_000_000) == "2.0 TB")
    }

    /// Two sizes that round to the same text get more decimals, so a refusal never reads "needs 1.0 GB, has 1.0 GB".
    @Test func closeFiguresGetMoreDecimals() {
        let error = dataError { () throws(DataError) in
            try MemoryBudget(availableBytes: 1_030_000_000).check(bytes: 1_040_000_000, what: "x")
        }
        #expect(error?.description == "x needs 1.04 GB, this machine has 1.03 GB available")
    }

    @Test func productSaturatesInsteadOfTrapping() {
        #expect(MemoryBudget.bytes(10_000, 1_000_001, 8) == 80_000_080_000)
        #expect(MemoryBudget.bytes(Int.max, 2) == Int.max)
        #expect(MemoryBudget.bytes(-3, 8) == 0)
        let error = dataError { () throws(DataError) in
            try MemoryBudget(availableBytes: 1 << 30).check(bytes: MemoryBudget.bytes(Int.max, Int.max), what: "x")
        }
        #expect(error != nil)
    }

    @Test func currentReadsTheMachinesAvailableMemory() {
        let available = MemoryBudget.current.availableBytes
        #expect(available > 1 << 20)
        #if os(Linux)
        #expect(MemoryBudget.memAvailableKilobytes() != nil)
        #endif
    }
}

/// Writes onto hostile targets: special files are refused before anything is written, links are followed,
/// and our temporary files never outlive a write — not even one killed halfway (the next write cleans up).
@Suite struct AtomicWriteTests {
    func entries(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func devicesAreRefusedAndLeftAlone() {
        for path in [privateCharacterDevice(minor: 3), privateCharacterDevice(minor: 7)] {
            let error = dataError { () throws(DataError) in try FileIO.writeAtomically(path: path, bytes: [1, 2]) }
            #expect(error?.description == "\(path): not a regular file (a character device)")
            var info = stat()
            #expect(stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "\(path) is still a device")
        }
        #expect(!entries("/dev").contains { $0.hasPrefix(FileIO.temporaryPrefix) })
    }

    @Test(.timeLimit(.minutes(1))) func fifoAndDirectoryAreRefused() {
        let folder = makeTemporaryDirectory()
        #expect(mkfifo(folder + "/out.csv", 0o600) == 0)
        let error = dataError { () throws(DataError) in try FileIO.writeAtomically(path: folder + "/out.csv", bytes: [1]) }
        #expect(error?.description == "\(folder)/out.csv: not a regular file (a FIFO)")
        #expect(mkdir(folder + "/sub.csv", 0o700) == 0)
        let error2 = dataError { () throws(DataError) in try FileIO.writeAtomically(path: folder + "/sub.csv", bytes: [1]) }
        #expect(error2?.description == "\(folder)/sub.csv: not a regular file (a directory)")
        #expect(entries(folder) == ["out.csv", "sub.csv"])
    }

    @Test func symlinkIsFollowedAndStaysALink() throws {
        let folder = makeTemporaryDirectory()
        #expect(mkdir(folder + "/real", 0o700) == 0)
        try FileIO.writeAtomically(path: folder + "/real/data.csv", bytes: Array("old\n".utf8))
        #expect(symlink("real/data.csv", folder + "/link.csv") == 0)
        try FileIO.writeAtomically(path: folder + "/link.csv", bytes: Array("new\n".utf8))
        var info = stat()
        #expect(lstat(folder + "/link.csv", &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK)
        #expect(try FileIO.readRegularFile(path: folder + "/real/data.csv") == Array("new\n".utf8))
        #expect(entries(folder) == ["link.csv", "real"])
        #expect(entries(folder + "/real") == ["data.csv"])

        // A dangling link creates its target; a link to a device is refused.
        #expect(symlink("real/made.csv", folder + "/dangling.csv") == 0)
        try FileIO.writeAtomically(path: folder + "/dangling.csv", bytes: [65])
        #expect(try FileIO.readRegularFile(path: folder + "/real/made.csv") == [65])
        #expect(symlink(privateCharacterDevice(), folder + "/null.csv") == 0)
        let error = dataError { () throws(DataError) in try FileIO.writeAtomically(path: folder + "/null.csv", bytes: [1]) }
        #expect(error?.description == "\(folder)/null.csv: not a regular file (a link to a character device)")
    }

    @Test func replacingKeepsThePermissionBits() throws {
        let folder = makeTemporaryDirectory()
        let path = folder + "/data.csv"
        try FileIO.writeAtomically(path: path, bytes: [1])
        #expect(chmod(path, 0o600) == 0)
        try FileIO.writeAtomically(path: path, bytes: [2])
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
    }

    /// What a killed writer leaves: its pid is gone, or the file is older than 10 minutes. Recent files of
    /// live processes (another shallow writing now) and files that are not ours are kept.
    @Test func staleTemporariesAreRemovedOnTheNextWrite() throws {
        let folder = makeTemporaryDirectory()
        let deadPid = folder + "/.shallow-tmp-999999999-AbCdEf"    // above any pid_max: no such process
        let oldLive = folder + "/.shallow-tmp-1-old123"            // pid 1 lives, but the file is 20 minutes old
        let recentLive = folder + "/.shallow-tmp-1-new123"         // pid 1, just written: perhaps in use
        let notOurs = folder + "/.shallow-tmpfile"
        for path in [deadPid, oldLive, recentLive, notOurs] {
            _ = FileManager.default.createFile(atPath: path, contents: Data([1]))
        }
        var times = [timespec(tv_sec: time(nil) - 1200, tv_nsec: 0), timespec(tv_sec: time(nil) - 1200, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, oldLive, &times, 0) == 0)
        try FileIO.writeAtomically(path: folder + "/data.csv", bytes: [1])
        #expect(entries(folder) == [".shallow-tmp-1-new123", ".shallow-tmpfile", "data.csv"])
    }

    @Test func failedWriteIsOneLineAndLeavesNoTemporary() throws {
        let folder = makeTemporaryDirectory()
        let missing = folder + "/no/such/folder/data.csv"
        let error = dataError { () throws(DataError) in try FileIO.writeAtomically(path: missing, bytes: [1]) }
        #expect(error?.description == "\(missing): cannot write: No such file or directory")
        // A folder that refuses new files (sysfs refuses even root; otherwise a read-only folder).
        let readOnly: String
        if geteuid() == 0 {
            readOnly = "/sys/shallow-write-test.csv"
        } else {
            #expect(chmod(folder, 0o555) == 0)
            readOnly = folder + "/data.csv"
        }
        defer { chmod(folder, 0o755) }
        let error2 = dataError { () throws(DataError) in try FileIO.writeAtomically(path: readOnly, bytes: [1]) }
        #expect(error2?.description.hasPrefix("\(readOnly): cannot write: ") == true)
        #expect(error2?.description.contains("\n") == false)
        #expect(!entries(FileIO.directory(readOnly)).contains { $0.hasPrefix(FileIO.temporaryPrefix) })
        #expect(!entries(folder).contains { $0.hasPrefix(FileIO.temporaryPrefix) })
    }
}
