/// A window figure as a value, with its kind: the one table that JSON, Markdown and the
/// rule rows all read, so a figure's name is spelled in one place.
public enum FigureValue: Equatable, Sendable {
    case count(Int128)
    case money(Double)
    case ratio(Double?)

    public var number: Double? {
        switch self {
        case .count(let n): return Double(n)
        case .money(let m): return m
        case .ratio(let r): return r
        }
    }
}

extension WindowFigures {
    /// The figures of ANALYTICS.md section 4, in the order reports show them.
    public static let sectionFourNames = [
        "activeSessions", "startedSessions", "completedSessions", "failedSessions", "failureRate",
        "tokenInput", "tokenOutput", "tokenTotal", "estimatedCostUsd", "durationSeconds", "events",
    ]
    /// Data-quality and rule figures reported beside them.
    public static let extraNames = [
        "resumes", "sessionsWithoutCost", "sessionsWithoutRepository", "shareWithoutCost",
        "shareWithoutRepository", "completedWithoutPr", "agentTasksCompletedWithoutPr",
    ]
    public static let allNames = sectionFourNames + extraNames

    public func value(_ name: String) -> FigureValue {
        switch name {
        case "activeSessions": return .count(Int128(activeSessions))
        case "startedSessions": return .count(Int128(startedSessions))
        case "completedSessions": return .count(Int128(completedSessions))
        case "failedSessions": return .count(Int128(failedSessions))
        case "failureRate": return .ratio(failureRate)
        case "tokenInput": return .count(usage.tokenInput)
        case "tokenOutput": return .count(usage.tokenOutput)
        case "tokenTotal": return .count(usage.tokenTotal)
        case "estimatedCostUsd": return .money(usage.estimatedCostUsd)
        case "durationSeconds": return .count(usage.durationSeconds)
        case "events": return .count(Int128(events))
        case "resumes": return .count(Int128(resumes))
        case "sessionsWithoutCost": return .count(Int128(sessionsWithoutCost))
        case "sessionsWithoutRepository": return .count(Int128(sessionsWithoutRepository))
        case "shareWithoutCost": return .ratio(shareWithoutCost)
        case "shareWithoutRepository": return .ratio(shareWithoutRepository)
        case "completedWithoutPr": return .count(Int128(completedWithoutPr))
        case "agentTasksCompletedWithoutPr": return .count(Int128(agentTasksCompletedWithoutPr))
        default: preconditionFailure("unknown figure \(name)")
        }
    }

    /// `(current - previous) / previous` for every figure; nil when previous is 0 or null.
    public func change(from previous: WindowFigures) -> [String: Double?] {
        var result: [String: Double?] = [:]
        for name in Self.allNames {
            guard let now = value(name).number, let before = previous.value(name).number, before != 0 else {
                result[name] = .some(nil)
                continue
            }
            result[name] = (now - before) / before
        }
        return result
    }
}
