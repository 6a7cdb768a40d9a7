/// One line through the decoder and the redactor on their own, for fuzzing and for
/// checking a single line without a file: the rejection, or nil when it is accepted.
public enum LineCheck {
    public static func check(_ line: UnsafeRawBufferPointer) -> Rejection? {
        let chunk = ChunkDecoder.decodeLine(line)
        if let (_, rejection) = chunk.rejections.last {
            // A rejection's message is printed: it must be safe to print.
            _ = SafeText.line(rejection.detail)
            return rejection
        }
        precondition(chunk.events.count == 1, "a line is accepted or rejected")
        return nil
    }
}
