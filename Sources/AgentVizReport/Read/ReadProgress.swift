/// Told how far a long read has got: bytes of input consumed and events accepted so far.
/// Called on the reading thread, often (every chunk or few thousand lines); an observer
/// throttles its own output.
public protocol ReadProgress: AnyObject {
    func advanced(bytes: Int, events: Int)
    /// The read is over (clear a progress line).
    func finished()
}
