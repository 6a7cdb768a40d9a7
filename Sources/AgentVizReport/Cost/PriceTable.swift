/// Per-model token prices with the dates they took effect (ANALYTICS.md section 7): what
/// a session's cost is computed from when its events report none.
///
/// Prices are kept exactly, in nano-dollars per million tokens (a price is a decimal with at
/// most 9 places), so a computed cost is exact integer arithmetic, kept to the nano-dollar.
public struct PriceTable: Sendable, Equatable {
    public struct Price: Sendable, Equatable {
        public var input: Int128
        public var cachedInput: Int128
        public var cacheWrite: Int128
        public var output: Int128

        /// A model without a cache price uses its input price (section 7).
        public init(input: Int128, cachedInput: Int128? = nil, cacheWrite: Int128? = nil, output: Int128) {
            self.input = input
            self.cachedInput = cachedInput ?? input
            self.cacheWrite = cacheWrite ?? input
            self.output = output
        }
    }

    public struct Row: Sendable, Equatable {
        /// Midnight UTC of the day the price took effect.
        public var effective: Timestamp
        public var price: Price
    }

    /// How reports name the table: "built-in" or the file given.
    public var name: String
    /// Each model's rows, oldest first.
    public var models: [String: [Row]]

    public init(name: String, models: [String: [Row]]) {
        self.name = name
        self.models = models.mapValues { $0.sorted { $0.effective < $1.effective } }
    }

    /// The newest effective date in the table: the date a report names it by.
    public var date: Timestamp? { models.values.compactMap { $0.last?.effective }.max() }

    /// Why a session's cost cannot be computed.
    public enum Miss: String, Error, Equatable, Sendable {
        case noModel = "no-model"
        case unknownModel = "unknown-model"
        /// The model has prices, but none in force yet at that instant.
        case notYetPriced = "not-yet-priced"

        /// Why, in words, for Markdown and `prices`.
        public var explanation: String {
            switch self {
            case .noModel: "the events name no model (session.model) and report no cost"
            case .unknownModel: "the price table has no price for this model"
            case .notYetPriced: "the model's first price in the table takes effect after these sessions"
            }
        }
    }

    /// The price of `model` in force at `instant`: its newest row effective at or before it.
    public func price(of model: String?, at instant: Timestamp) -> Result<Price, Miss> {
        guard let model else { return .failure(.noModel) }
        guard let rows = models[model] else { return .failure(.unknownModel) }
        guard let row = rows.last(where: { $0.effective <= instant }) else { return .failure(.notYetPriced) }
        return .success(row.price)
    }
}

extension PriceTable.Price {
    /// The cost of a window's token usage, in nano-dollars, rounded to the nearest (halves
    /// up): uncached input (input less cache reads and writes, at least 0) at the input
    /// price, cache reads and writes at theirs, output at the output price.
    func costNanos(of usage: Usage) -> Int128 {
        let uncached = max(0, usage.tokenInput - usage.tokenCacheRead - usage.tokenCacheWrite)
        let perMillion = uncached * input + usage.tokenCacheRead * cachedInput
            + usage.tokenCacheWrite * cacheWrite + usage.tokenOutput * output
        return (perMillion + 500_000) / 1_000_000
    }
}
