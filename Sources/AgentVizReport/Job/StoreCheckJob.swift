import Foundation

/// `store check`: SQLite's full integrity check of a store, on demand.
public enum StoreCheckJob {
    public struct Outcome: Sendable {
        public var problems: [String]
        public var events: Int?
    }

    public static func run(path: String?) throws(JobError) -> Outcome {
        let path = path ?? DefaultPaths.database
        guard FileManager.default.fileExists(atPath: path) else {
            throw .usage("no store at \(path): give the store with --db PATH")
        }
        do {
            let store = try EventStore(path: path)
            let problems = try store.integrityProblems()
            return Outcome(problems: problems, events: problems.isEmpty ? try store.eventCount() : nil)
        } catch let error as DatabaseError where error.isDamage {
            return Outcome(problems: [error.message], events: nil)
        } catch {
            throw .store(error, path: path)
        }
    }
}
