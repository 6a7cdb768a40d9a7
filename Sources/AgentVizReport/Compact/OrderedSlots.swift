import Foundation

/// Values produced on any thread and taken in order on one: slot `i` is written once and
/// taken once, and `take` waits for it. The one hand-off primitive of the parallel reader.
final class OrderedSlots<Value>: @unchecked Sendable {
    private var values: [Value?]
    private let condition = NSCondition()

    init(count: Int) {
        values = Array(repeating: nil, count: count)
    }

    func put(_ i: Int, _ value: Value) {
        condition.lock()
        values[i] = value
        condition.broadcast()
        condition.unlock()
    }

    func take(_ i: Int) -> Value {
        condition.lock()
        defer { condition.unlock() }
        while values[i] == nil { condition.wait() }
        let value = values[i]!
        values[i] = nil
        return value
    }
}
