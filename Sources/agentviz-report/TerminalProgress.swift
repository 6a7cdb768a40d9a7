import AgentVizReport
import Foundation

/// A one-line progress display on stderr for long reads: bytes and events per second and
/// an ETA, redrawn at most 5 times a second. Only made when stderr is a terminal and
/// `--quiet` is not given, so logs and CI output never see it.
final class TerminalProgress: ReadProgress {
    private let totalBytes: Int
    private let label: String
    private let start = MonotonicClock.seconds()
    private var lastDraw = 0.0
    private var bytes = 0
    private var events = 0
    private var drawn = false

    /// nil when progress should not be shown.
    static func make(label: String, paths: [String], quiet: Bool) -> TerminalProgress? {
        guard !quiet, isatty(2) != 0 else { return nil }
        let total = paths.reduce(0) { sum, path in
            sum + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        }
        return TerminalProgress(label: label, totalBytes: total)
    }

    init(label: String, totalBytes: Int) {
        self.label = label
        self.totalBytes = totalBytes
    }

    func advanced(bytes: Int, events: Int) {
        self.bytes += bytes
        self.events += events
        let now = MonotonicClock.seconds()
        guard now - lastDraw >= 0.2 else { return }
        lastDraw = now
        draw(elapsed: now - start)
    }

    func finished() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    private func draw(elapsed: Double) {
        var line = "\(label): \(megabytes(bytes))"
        if totalBytes > 0 { line += " of \(megabytes(totalBytes)) (\(min(100, bytes * 100 / totalBytes))%)" }
        line += ", \(events) events"
        if elapsed > 0 {
            line += ", \(Int(Double(bytes) / elapsed / 1e6)) MB/s, \(Int(Double(events) / elapsed)) events/s"
            if totalBytes > bytes, bytes > 0 {
                line += ", ETA \(Int((Double(totalBytes - bytes) / (Double(bytes) / elapsed)).rounded(.up))) s"
            }
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        drawn = true
    }

    private func megabytes(_ n: Int) -> String { String(format: "%.1f MB", Double(n) / 1e6) }
}
