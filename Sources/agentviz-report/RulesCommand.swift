import AgentVizReport
import ArgumentParser
import Foundation

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, explain, check and document rule sets.",
        discussion: """
            Examples:
              agentviz-report rules list
              agentviz-report rules check rules/examples/team-budget.yml
            """,
        subcommands: [RulesListCommand.self, RulesExplainCommand.self, RulesCheckCommand.self, RulesDocsCommand.self])
}

/// The rule files a `rules` subcommand looks at.
struct RuleFileOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: "A rule file to include. Repeatable.")
    var ruleFiles: [String] = []

    @Flag(help: "Leave out the built-in rule set.")
    var noDefaultRules = false

    func load() throws -> RuleSet {
        try RuleSources.load(files: ruleFiles, includeDefault: !noDefaultRules)
    }
}

struct RulesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "One line per rule: id, severity, scope, title.",
        discussion: """
            Examples:
              agentviz-report rules list
              agentviz-report rules list --rules rules/examples/team-budget.yml --no-default-rules
            """)

    @OptionGroup var files: RuleFileOptions

    func run() throws {
        try Console.write(RulesDocumentation.list(try files.load()), to: nil)
    }
}

struct RulesExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "A rule's rationale, condition and examples.",
        discussion: "Example: agentviz-report rules explain team-repository-budget --rules rules/examples/team-budget.yml")

    @Argument(help: "The rule id.")
    var id: String

    @OptionGroup var files: RuleFileOptions

    func run() throws {
        let set = try files.load()
        guard let rule = set.rules.first(where: { $0.id == id }) else {
            throw JobError.usage("no rule '\(id)' (known: \(set.rules.map(\.id).joined(separator: ", ")))")
        }
        try Console.write(RulesDocumentation.explain(rule), to: nil)
    }
}

struct RulesCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check rule files: every problem, exit 1 when any.",
        discussion: "Example: agentviz-report rules check rules/examples/team-budget.yml my-rules.yml")

    @Argument(help: "Rule files (YAML).")
    var paths: [String]

    @Flag(help: "Check the files alone, as reports with --no-default-rules read them (by default they are checked beside the built-in rules, as reports read them: reusing a built-in id is an error, overrides of built-in rules resolve).")
    var noDefaultRules = false

    func run() throws {
        // The files together with what reports load beside them: `rules check` and reports
        // agree on what is valid.
        let builtIn: [(path: String, text: String)] = noDefaultRules ? [] : [(RuleSources.defaultPath, RuleSources.defaultText)]
        var files: [(path: String, text: String)] = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw JobError.usage("\(path): no such readable file")
            }
            files.append((path, String(decoding: data, as: UTF8.self)))
        }
        // All files together first: a duplicate id across files is an error too.
        let all: RuleSet
        do { all = try RuleSet.load(files: builtIn.filter { b in !files.contains { $0.path == b.path } } + files) } catch {
            for problem in error.errors { Console.log(problem.description) }
            Console.log("\(error.errors.count) problem(s) found")
            throw ExitCode(ExitStatus.problems)
        }
        // Then every example, named by its own file.
        var examples = 0, failed = 0
        for file in files {
            let result = try RuleExampleCheck.run(try RuleSet.load(files: [file], applyingOverrides: false), path: file.path)
            for failure in result.failures { Console.log(failure.description) }
            examples += result.ran
            failed += result.failures.count
        }
        guard failed == 0 else {
            Console.log("\(failed) example(s) did not give their expected findings")
            throw ExitCode(ExitStatus.problems)
        }
        let own = try files.reduce(0) { $0 + (try RuleSet.load(files: [$1], applyingOverrides: false)).rules.count }
        Console.log("\(own) rules OK in \(paths.count) file(s) (\(all.rules.count) in force with the built-in ones); their \(examples) examples give the expected findings")
    }
}

struct RulesDocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs", abstract: "Generate rules/RULES.md from the rule metadata.",
        discussion: "Example: agentviz-report rules docs --output rules/RULES.md")

    @Option(help: "Write to FILE instead of stdout.")
    var output: String?

    @OptionGroup var files: RuleFileOptions

    func run() throws {
        try Console.write(RulesDocumentation.markdown(try files.load()), to: output)
    }
}
