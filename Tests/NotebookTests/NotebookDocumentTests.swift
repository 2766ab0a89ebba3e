import Foundation
import Testing
@testable import Notebook

/// `save notebook FILE.md` and `save notebook FILE.ipynb` on a real session: two plots, a failed command.
@Suite(.serialized) struct NotebookDocumentTests {
    func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("shallow-notebooks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// `load flower; init; train 20; plot cost; trian; plot cost; save notebook X.md; save notebook X.ipynb`.
    func savedSession(in folder: String) throws -> Harness {
        var h = Harness()
        for line in ["set plotdir \(folder)/plots", "load flower", "init", "train 20", "plot cost"] { _ = try h.run(line) }
        #expect(h.failure("trian") != nil)
        _ = try h.run("plot cost")
        _ = try h.run("save notebook \(folder)/X.md")
        _ = try h.run("save notebook \(folder)/X.ipynb")
        return h
    }

    /// The targets of the Markdown image links in `text`.
    func imageLinks(_ text: String) throws -> [String] {
        let pattern = try NSRegularExpression(pattern: #"!\[[^\]]*\]\(([^)]+)\)"#)
        let range = NSRange(text.startIndex..., in: text)
        return pattern.matches(in: text, range: range).map { String(text[Range($0.range(at: 1), in: text)!]) }
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func markdownCopiesItsImagesAndShowsTheError() throws {
        let folder = try temporaryFolder()
        var h = try savedSession(in: folder)
        let text = try String(contentsOfFile: "\(folder)/X.md", encoding: .utf8)
        let links = try imageLinks(text)
        #expect(links == ["X_files/cell5-cost.png", "X_files/cell7-cost.png"])
        for link in links {
            #expect(FileManager.default.fileExists(atPath: "\(folder)/\(link)"))
        }
        // The failed cell: marked, with its error in a block of its own.
        let failed = try #require(h.session.cells.first { !$0.succeeded })
        #expect(failed.text == "trian")
        let error = try #require(failed.error)
        #expect(text.contains("**[6]** (failed)\n\n```\ntrian\n```\n\n```text\nerror: \(error)\n```"))
        #expect(h.output.contains { $0.hasSuffix("X.md (7 cells, 2 images in \(folder)/X_files/)") })

        // A later plot overwrites plots/cost.png; the notebook's copies stay as they were.
        let before = try links.map { try bytes("\(folder)/\($0)") }
        let plotBefore = try bytes("\(folder)/plots/cost.png")
        _ = try h.run("train 200")
        _ = try h.run("plot cost")
        #expect(try bytes("\(folder)/plots/cost.png") != plotBefore)
        #expect(try links.map { try bytes("\(folder)/\($0)") } == before)
        #expect(try String(contentsOfFile: "\(folder)/X.md", encoding: .utf8) == text)
    }

    @Test func jupyterEmbedsPlotsAndErrorsAndValidates() throws {
        let folder = try temporaryFolder()
        let h = try savedSession(in: folder)
        let path = "\(folder)/X.ipynb"
        let notebook = try #require(try JSONSerialization.jsonObject(with: bytes(path)) as? [String: Any])
        #expect(notebook["nbformat"] as? Int == 4)
        #expect(notebook["nbformat_minor"] as? Int == 5)
        #expect((notebook["metadata"] as? [String: Any])?["language_info"] as? [String: String] == ["name": "shallow"])
        let cells = try #require(notebook["cells"] as? [[String: Any]])
        // The session's cells up to (and including) the Markdown save; the .ipynb save is not a cell yet.
        #expect(cells.count == 8)
        #expect(cells.map { $0["execution_count"] as? Int } == Array(1...8))
        for (cell, recorded) in zip(cells, h.session.cells) {
            let source = (cell["source"] as? [String])?.joined()
            #expect(source == recorded.text)
            let outputs = try #require(cell["outputs"] as? [[String: Any]])
            let pngs = outputs.compactMap { ($0["data"] as? [String: Any])?["image/png"] as? String }
            #expect(pngs.count == (recorded.text == "plot cost" ? 1 : 0), "\(recorded.text)")
            for png in pngs {
                let decoded = try #require(Data(base64Encoded: png))
                #expect(decoded.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            }
            let errors = outputs.filter { $0["output_type"] as? String == "error" }
            if recorded.succeeded {
                #expect(errors.isEmpty)
            } else {
                #expect(errors.count == 1)
                #expect(errors.first?["ename"] as? String == "Error")
                #expect(errors.first?["evalue"] as? String == recorded.error)
                #expect(errors.first?["traceback"] as? [String] == [recorded.error!])
            }
        }
        try validateWithNbformat(path)
    }

    @Test func otherExtensionsAreRefusedNamingTheTwoFormats() throws {
        let folder = try temporaryFolder()
        var h = Harness()
        let message = h.failure("save notebook \(folder)/X.txt")
        #expect(message?.contains("FILE.md") == true && message?.contains("FILE.ipynb") == true)
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/X.txt"))
    }

    // MARK: - nbformat

    /// Runs `python3 ARGUMENTS`, returning its exit status and what it wrote to stdout and stderr.
    func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Validates the notebook with the `nbformat` package, installing it with pip when missing (as
    /// scripts/test does). When neither works (no package index reachable), the test records a known issue
    /// (`withKnownIssue`) saying the validation did not run, instead of failing or passing silently.
    func validateWithNbformat(_ path: String) throws {
        if try python(["-c", "import nbformat"]).status != 0 {
            let install = try python(["-m", "pip", "install", "--quiet", "nbformat"])
            let importable = install.status == 0 ? try python(["-c", "import nbformat"]).status == 0 : false
            if !importable {
                withKnownIssue("nbformat is not installed and pip could not install it; \(path) was not validated") {
                    Issue.record("skipped: nbformat unavailable (pip said: \(install.output.suffix(300)))")
                }
                return
            }
        }
        let check = try python(["-c", "import nbformat,sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", path])
        #expect(check.status == 0, "nbformat.validate: \(check.output)")
        // Laid out byte for byte as Jupyter writes notebooks, so a re-save by Jupyter diffs cleanly.
        let layout = try python(["-c", """
            import json,sys
            text = open(sys.argv[1], encoding="utf-8").read()
            sys.exit(0 if json.dumps(json.loads(text), indent=1, sort_keys=True, ensure_ascii=False) + "\\n" == text else 1)
            """, path])
        #expect(layout.status == 0, "the layout differs from json.dumps(indent=1, sort_keys=True): \(layout.output)")
    }
}
