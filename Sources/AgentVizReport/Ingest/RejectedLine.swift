/// A rejected line with where it was: printed as `PATH:LINE: REASON: DETAIL`.
public struct RejectedLine: Equatable, Sendable, CustomStringConvertible {
    public var source: String
    public var line: Int
    public var rejection: Rejection

    public init(source: String, line: Int, rejection: Rejection) {
        self.source = source
        self.line = line
        self.rejection = rejection
    }

    public var description: String {
        SafeText.line("\(source):\(line): \(rejection.reason.rawValue): \(rejection.detail)")
    }
}
