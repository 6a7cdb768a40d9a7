import Foundation

/// Where rule sets come from: the built-in default and files named with `--rules`.
public enum RuleSources {
    public static let defaultPath = "rules/default.yml"

    /// The shipped rule set, compiled into the binary.
    public static var defaultText: String { String(decoding: PackageResources.default_yml, as: UTF8.self) }

    /// Loads and checks every rule file completely, before any data is read.
    public static func load(files: [String], includeDefault: Bool) throws(JobError) -> RuleSet {
        var sources: [(path: String, text: String)] = includeDefault ? [(defaultPath, defaultText)] : []
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .usage("--rules \(path): no such readable file")
            }
            sources.append((path, String(decoding: data, as: UTF8.self)))
        }
        do {
            return try RuleSet.load(files: sources)
        } catch {
            throw .usage(error.errors.map(\.description).joined(separator: "\n"))
        }
    }
}
