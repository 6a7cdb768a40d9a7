import AgentVizReport
import ArgumentParser

/// The window of `sessions`: at most one of --week, --day, --month, or --since with
/// --until, the same values `weekly`, `daily`, `monthly` and `report` take; none: the
/// last complete ISO week before now, like `weekly`.
struct PeriodOptions: ParsableArguments {
    @Option(help: "ISO week, e.g. 2026-W47 (default: the last complete week).")
    var week: String?

    @Option(help: "Day, e.g. 2026-11-20.")
    var day: String?

    @Option(help: "Month, e.g. 2026-11.")
    var month: String?

    @Option(help: "Start of a custom range: a date (local midnight) or an RFC 3339 instant; needs --until.")
    var since: String?

    @Option(help: "End (exclusive) of a custom range; needs --since.")
    var until: String?

    func validate() throws {
        let given = [week.map { _ in "--week" }, day.map { _ in "--day" }, month.map { _ in "--month" },
                     (since ?? until).map { _ in "--since/--until" }].compactMap { $0 }
        guard given.count <= 1 else {
            throw ValidationError("pick one period: \(given.joined(separator: ", ")) were given together")
        }
        guard (since == nil) == (until == nil) else { throw ValidationError("--since and --until go together") }
    }

    var selection: PeriodSelection {
        if let day { return .day(day) }
        if let month { return .month(month) }
        if let since, let until { return .range(since: since, until: until) }
        return .week(week)
    }
}
