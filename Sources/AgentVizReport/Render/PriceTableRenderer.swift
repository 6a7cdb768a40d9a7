/// `agentviz-report prices`: the table in force, one row per model and effective date.
public enum PriceTableRenderer {
    public static func markdown(_ table: PriceTable) -> String {
        var out = ["# Price table: \(MarkdownText.escape(table.name))", ""]
        if let date = table.date { out.append("Newest price effective \(RFC3339.formatDay(date)). ") }
        out += [
            "US dollars per million tokens. Sessions whose events report no `estimatedCostUsd` are costed "
                + "from the price of their model in force at their last event in the window; a model "
                + "missing here leaves those sessions unpriced (counted, never shown as $0).", "",
            "| model | effective | input | cached input | cache write | output |",
            "| --- | --- | ---: | ---: | ---: | ---: |",
        ]
        for model in table.models.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            for row in table.models[model]! {
                let p = row.price
                out.append("| \(MarkdownText.escape(model)) | \(RFC3339.formatDay(row.effective)) | "
                    + [p.input, p.cachedInput, p.cacheWrite, p.output].map(usd).joined(separator: " | ") + " |")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    public static func json(_ table: PriceTable) -> String {
        var models: [String: JSONValue] = [:]
        for (model, rows) in table.models {
            models[model] = .array(rows.map { row in
                .object([
                    "effective": .string(RFC3339.formatDay(row.effective)),
                    "input": .double(dollars(row.price.input)), "cachedInput": .double(dollars(row.price.cachedInput)),
                    "cacheWrite": .double(dollars(row.price.cacheWrite)), "output": .double(dollars(row.price.output)),
                ])
            })
        }
        return JSONValue.object([
            "priceTable": .string(table.name),
            "priceTableDate": table.date.map { .string(RFC3339.formatDay($0)) } ?? .null,
            "models": .object(models),
        ]).serialized()
    }

    private static func dollars(_ nanos: Int128) -> Double { Usage.dollars(nanos) }

    /// Exact to the price's own places: `$0.025`, `$3.00`.
    private static func usd(_ nanos: Int128) -> String {
        var fraction = String(nanos % 1_000_000_000)
        fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
        while fraction.count > 2 && fraction.hasSuffix("0") { fraction.removeLast() }
        return "$" + MarkdownText.integer(nanos / 1_000_000_000) + "." + fraction
    }
}
