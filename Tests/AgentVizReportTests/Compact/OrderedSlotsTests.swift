import Dispatch
import XCTest
@testable import AgentVizReport

/// The parallel reader's one hand-off primitive: values put in any order, from any thread,
/// are taken in slot order, each exactly once.
final class OrderedSlotsTests: XCTestCase {
    func testValuesPutInAnyOrderFromManyThreadsAreTakenInOrder() {
        let count = 2_000
        let slots = OrderedSlots<Int>(count: count)
        var order = Array(0..<count)
        var rng = SplitMix(seed: 11)
        order.shuffle(using: &rng)
        let shuffled = order
        DispatchQueue.global().async {
            DispatchQueue.concurrentPerform(iterations: count) { k in
                let i = shuffled[k]
                slots.put(i, i * 3)
            }
        }
        var taken: [Int] = []
        for i in 0..<count { taken.append(slots.take(i)) }
        XCTAssertEqual(taken, (0..<count).map { $0 * 3 })
    }

    func testTakeWaitsForALatePut() {
        let slots = OrderedSlots<String>(count: 1)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { slots.put(0, "late") }
        XCTAssertEqual(slots.take(0), "late")
    }
}
