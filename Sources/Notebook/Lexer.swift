/// One word of a command line. `quoted` words were written in quotes: they are always plain values,
/// never options, flags or keywords (so a file may be called `to` or `seed=3`).
public struct Token: Sendable, Equatable {
    public var text: String
    public var quoted: Bool
    /// 1-based character column where the token starts in its line.
    public var column: Int
    public init(_ text: String, quoted: Bool = false, column: Int = 1) {
        self.text = text
        self.quoted = quoted
        self.column = column
    }
}

/// Splits a line into statements and tokens.
///
/// Rules (DESIGN.md): `#` starts a comment; `;` separates commands; words are separated by blanks; an
/// argument with spaces, `;` or `#` is quoted — `"..."` with backslash escapes `\"` and `\\`, or
/// `'...'` taken literally. A quote may start mid-word (`to=plots/"my file".png`).
public enum Lexer {
    public struct Statement: Sendable, Equatable {
        public var tokens: [Token]
        /// The statement's text as typed (trimmed), for echoing and history.
        public var text: String
        /// 1-based character column of its first token, for `FILE:LINE:COLUMN:` messages.
        public var column: Int { tokens.first?.column ?? 1 }
    }

    public static func statements(_ line: String) throws -> [Statement] {
        var statements: [Statement] = []
        var tokens: [Token] = []
        var current = ""
        var currentQuoted = false
        var inToken = false
        var tokenColumn = 1
        var statementText = ""
        let characters = Array(line)
        var i = 0

        func finishToken() {
            if inToken { tokens.append(Token(current, quoted: currentQuoted, column: tokenColumn)) }
            current = ""
            currentQuoted = false
            inToken = false
        }
        func finishStatement() {
            finishToken()
            let text = statementText.trimmingCharacters(in: .whitespaces)
            if !tokens.isEmpty { statements.append(Statement(tokens: tokens, text: text)) }
            tokens = []
            statementText = ""
        }

        while i < characters.count {
            let c = characters[i]
            if c == "#" { break }
            if c == ";" { finishStatement(); i += 1; continue }
            statementText.append(c)
            if c == " " || c == "\t" || c == "\r" || c == "\n" {
                finishToken()
                i += 1
                continue
            }
            if !inToken { inToken = true; tokenColumn = i + 1 }
            if c == "\"" || c == "'" {
                currentQuoted = true
                let quote = c
                let start = i + 1
                i += 1
                var closed = false
                while i < characters.count {
                    let d = characters[i]
                    statementText.append(d)
                    if d == quote { closed = true; i += 1; break }
                    if quote == "\"" && d == "\\" && i + 1 < characters.count {
                        let next = characters[i + 1]
                        if next == "\"" || next == "\\" {
                            current.append(next)
                            statementText.append(next)
                            i += 2
                            continue
                        }
                    }
                    current.append(d)
                    i += 1
                }
                if !closed {
                    throw NotebookError("unterminated \(quote == "\"" ? "double" : "single") quote starting at column \(start): close it with \(quote)")
                }
                continue
            }
            current.append(c)
            i += 1
        }
        finishStatement()
        return statements
    }
}

/// Quotes a value so the lexer reads it back as one literal token (for `save script`).
public func quoteIfNeeded(_ text: String) -> String {
    let special = text.isEmpty || text.contains { " \t;#\"'\\".contains($0) }
    guard special else { return text }
    if !text.contains("'") { return "'" + text + "'" }
    return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

import Foundation
