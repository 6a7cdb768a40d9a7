/// Numbers and values written for people: `812,400`, `37.50`, `$1,234.56`, `12.5%`, `n/a`.
enum RuleValueFormat {
    static func value(_ value: RuleValue, format: RuleFieldFormat) -> String {
        switch value {
        case .null: return "n/a"
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return number(n, format: format)
        case .integer(let n): return integer(n, format: format)
        }
    }

    /// A count, exact: `9,007,199,254,740,993`.
    static func integer(_ n: Int128, format: RuleFieldFormat) -> String {
        switch format {
        case .number, .plain: return (n < 0 ? "-" : "") + grouped(n.magnitude)
        case .identifier: return String(n)
        case .money, .ratio, .amount: return number(RuleValue.integer(n).number!, format: format)
        }
    }

    static func number(_ n: Double, format: RuleFieldFormat) -> String {
        guard n.isFinite else { return n.isNaN ? "n/a" : (n < 0 ? "-∞" : "∞") }
        switch format {
        case .money: return (n < 0 ? "-$" : "$") + fixed(abs(n), decimals: 2)
        case .ratio: return percent(n)
        case .amount: return fixed(abs(n), decimals: 2).withSign(n)
        case .identifier: return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : fixed(n, decimals: 2)
        case .number, .plain: return plain(n)
        }
    }

    /// Integers with thousands separators, anything else with 2 decimals.
    static func plain(_ n: Double) -> String {
        if n == n.rounded() && abs(n) < 1e38 { return (n < 0 ? "-" : "") + grouped(UInt128(abs(n))) }
        return (n < 0 ? "-" : "") + fixed(abs(n), decimals: 2)
    }

    /// `0.125` is `12.5%`, `0.25` is `25%`: one decimal at most.
    static func percent(_ ratio: Double) -> String {
        let tenths = (abs(ratio) * 1000).rounded()
        guard tenths < 1e15 else { return ratio < 0 ? "-∞%" : "∞%" }
        let t = UInt64(tenths)
        let sign = ratio < 0 && t != 0 ? "-" : ""
        let whole = grouped(t / 10)
        return sign + (t % 10 == 0 ? whole : whole + "." + String(t % 10)) + "%"
    }

    static func fixed(_ n: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (n * scale).rounded()
        guard scaled < 1e17 else { return String(n) }
        let units = UInt64(scaled)
        let divisor = UInt64(scale)
        var fraction = String(units % divisor)
        while fraction.count < decimals { fraction = "0" + fraction }
        return grouped(units / divisor) + (decimals > 0 ? "." + fraction : "")
    }

    static func grouped(_ v: UInt64) -> String { grouped(UInt128(v)) }

    static func grouped(_ v: UInt128) -> String {
        let digits = Array(String(v))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }
}

private extension String {
    func withSign(_ n: Double) -> String { n < 0 ? "-" + self : self }
}
