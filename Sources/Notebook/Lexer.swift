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

extension Lexer {
    /// The line up to the cursor, as completion needs it: the complete tokens of the last statement, and the
    /// word being typed (its text so far without quotes, and the quote it is inside, if any). The same rules as
    /// `statements`, except that an unterminated quote is the word being typed rather than an error.
    public struct Partial: Sendable, Equatable {
        public var tokens: [Token]
        public var current: String
        public var openQuote: Character?
    }

    public static func partial(_ line: String) -> Partial {
        var tokens: [Token] = []
        var current = ""
        var quoted = false
        var inToken = false
        var openQuote: Character?
        var column = 1
        let characters = Array(line)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if let quote = openQuote {
                if c == quote {
                    openQuote = nil
                } else if quote == "\"" && c == "\\" && i + 1 < characters.count && (characters[i + 1] == "\"" || characters[i + 1] == "\\") {
                    current.append(characters[i + 1])
                    i += 1
                } else {
                    current.append(c)
                }
                i += 1
                continue
            }
            if c == "#" { return Partial(tokens: [], current: "", openQuote: nil) }   // inside a comment: nothing to complete
            if c == ";" {
                tokens = []; current = ""; quoted = false; inToken = false
                i += 1
                continue
            }
            if c == " " || c == "\t" {
                if inToken { tokens.append(Token(current, quoted: quoted, column: column)) }
                current = ""; quoted = false; inToken = false
                i += 1
                continue
            }
            if !inToken { inToken = true; column = i + 1 }
            if c == "\"" || c == "'" {
                openQuote = c
                quoted = true
            } else {
                current.append(c)
            }
            i += 1
        }
        return Partial(tokens: tokens, current: current, openQuote: openQuote)
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
