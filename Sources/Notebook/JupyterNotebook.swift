import Foundation

/// A session as a Jupyter notebook (`save notebook FILE.ipynb`): nbformat 4.5 JSON (cells have `id`s),
/// `language_info` {"name": "shallow"} and no kernelspec (no Jupyter kernel runs shallow; the notebook is a
/// record to read, share and render). One code cell per command: `source` is the command, `execution_count`
/// its cell number; its outputs are the printed lines (a `stdout` stream), the note (a `stderr` stream), the
/// images it wrote embedded as `display_data` (`image/png` and `image/gif` in base64, `image/svg+xml` as
/// text, each with a `text/plain` alternative naming the file), and for a failed cell an `error` output
/// (ename `Error`, evalue and traceback the message). The cell's `FILE:LINE` goes in its metadata
/// (`shallow.source`). Keys are sorted, so saving the same session twice gives the same bytes.
enum JupyterNotebook {
    static func save(_ cells: [Cell], to path: String) throws -> NotebookDocument.Saved {
        var saved = NotebookDocument.Saved()
        let bytes = json(cells, missing: &saved.missing)
        try NotebookDocument.write(bytes, to: path)
        return saved
    }

    /// The notebook's JSON; `missing` receives the images that no longer exist.
    static func json(_ cells: [Cell], missing: inout [String],
                     read: (String) -> [UInt8]? = NotebookDocument.currentBytes) -> [UInt8] {
        let images = NotebookDocument.images(of: cells)
        var jsonCells: [JSONValue] = []
        for cell in cells {
            var outputs: [JSONValue] = []
            if !cell.output.isEmpty {
                outputs.append(["output_type": "stream", "name": "stdout", "text": .lines(cell.output.joined(separator: "\n") + "\n")])
            }
            if let note = cell.note {
                outputs.append(["output_type": "stream", "name": "stderr", "text": .lines("note: " + note + "\n")])
            }
            for image in images[cell.number] ?? [] {
                guard let bytes = read(image.path) else {
                    missing.append(image.path)
                    outputs.append(["output_type": "stream", "name": "stderr",
                                    "text": .lines("\(image.path) no longer existed when this notebook was saved\n")])
                    continue
                }
                var data: [String: JSONValue] = ["text/plain": .lines(image.name)]
                switch image.fileExtension {
                case "svg":
                    data["image/svg+xml"] = .lines(String(decoding: bytes, as: UTF8.self))
                case "gif":
                    data["image/gif"] = .string(Data(bytes).base64EncodedString())
                default:
                    data["image/png"] = .string(Data(bytes).base64EncodedString())
                }
                outputs.append(["output_type": "display_data", "data": .object(data), "metadata": [:]])
            }
            if !cell.succeeded {
                let message = cell.error ?? "failed"
                outputs.append(["output_type": "error", "ename": "Error", "evalue": .string(message), "traceback": [.string(message)]])
            }
            var metadata: [String: JSONValue] = [:]
            if let source = cell.source { metadata["shallow"] = ["source": .string(source)] }
            jsonCells.append([
                "cell_type": "code",
                "id": .string("cell-\(cell.number)"),
                "execution_count": .int(cell.number),
                "metadata": .object(metadata),
                "source": .lines(cell.text),
                "outputs": .array(outputs),
            ])
        }
        let notebook: JSONValue = [
            "cells": .array(jsonCells),
            "metadata": ["language_info": ["name": "shallow"]],
            "nbformat": 4,
            "nbformat_minor": 5,
        ]
        var text = ""
        notebook.write(to: &text, indent: 0)
        return Array((text + "\n").utf8)
    }

}

/// The JSON a notebook needs, written as Jupyter writes it: `json.dumps(nb, indent=1, sort_keys=True,
/// ensure_ascii=False)`.
indirect enum JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral,
                         ExpressibleByDictionaryLiteral {
    case string(String)
    case int(Int)
    case array([JSONValue])
    case object([String: JSONValue])

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// Multi-line text as Jupyter stores it: a list of lines, each but the last ending in `\n`.
    static func lines(_ text: String) -> JSONValue { .array(splitLines(text).map(JSONValue.string)) }

    func write(to out: inout String, indent: Int) {
        let inner = String(repeating: " ", count: indent + 1)
        switch self {
        case .string(let text): JSONValue.quote(text, to: &out)
        case .int(let value): out += String(value)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += inner
                item.write(to: &out, indent: indent + 1)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            let keys = members.keys.sorted { Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }
            for (i, key) in keys.enumerated() {
                out += inner
                JSONValue.quote(key, to: &out)
                out += ": "
                members[key]!.write(to: &out, indent: indent + 1)
                out += i == keys.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    static func quote(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || (0xD800...0xDFFF).contains(scalar.value) {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    static func splitLines(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            current.unicodeScalars.append(scalar)
            if scalar == "\n" {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
