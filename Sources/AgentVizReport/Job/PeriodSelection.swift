/// Which window a report command asked for; nil labels mean "the last complete one".
public enum PeriodSelection: Equatable, Sendable {
    case week(String?)
    case day(String?)
    case month(String?)
    case range(since: String, until: String)

    public func window(in calendar: WindowCalendar, now: Timestamp) throws(WindowError) -> Window {
        switch self {
        case .week(let label?): return try calendar.week(label)
        case .day(let label?): return try calendar.day(label)
        case .month(let label?): return try calendar.month(label)
        case .week(nil): return calendar.lastComplete(.week, before: now)
        case .day(nil): return calendar.lastComplete(.day, before: now)
        case .month(nil): return calendar.lastComplete(.month, before: now)
        case .range(let since, let until): return try calendar.custom(since: since, until: until)
        }
    }
}
