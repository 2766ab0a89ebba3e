/// A problem with a command: bad syntax, a bad value, a command used too early, a file that cannot be
/// read. The message is shown as is, on one line; the session is left exactly as it was.
public struct NotebookError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
