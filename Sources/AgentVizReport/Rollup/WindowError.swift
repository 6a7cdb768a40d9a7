/// A window or time-zone argument that cannot be used. `description` is one line that says
/// what is wrong and what is expected, ready to print as a usage error.
public struct WindowError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
