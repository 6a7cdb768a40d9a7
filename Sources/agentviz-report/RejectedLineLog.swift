import AgentVizReport

/// Rejected input lines on stderr while a command reads: the first 20, then how many more.
final class RejectedLineLog {
    static let shown = 20
    private var count = 0

    func log(_ line: RejectedLine) {
        if count < Self.shown { Console.log(line.description) }
        count += 1
    }

    func finish() {
        if count > Self.shown { Console.log("... \(count - Self.shown) more rejected lines not shown") }
    }
}
