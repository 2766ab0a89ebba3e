/// A problem with a command: bad syntax, a bad value, a command used too early, a file that cannot be
/// read. The message is shown as is, on one line; the session is left exactly as it was.
public struct NotebookError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// Control characters in the message (which may quote a token from a file or a command line) are
    /// escaped, so no input can move the cursor, change colours or hide text on the user's terminal.
    public init(_ message: String) { self.message = Format.printable(message) }
    public var description: String { message }
}
