import Testing
@testable import FraudModel

/// The duplicate filter's open-addressing map of pair keys (`PairHeads`): the same answers as
/// a `Dictionary`, through growth and deletions that shift runs back across the table's end.
@Suite("PairHeads")
struct PairHeadsTests {
    @Test func agreesWithADictionaryThroughGrowthAndDeletion() {
        var table = PairHeads(capacity: 4)
        var model: [UInt64: Int] = [:]
        var x: UInt64 = 0x1234_5678_9ABC_DEF1
        func next() -> UInt64 { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x }
        // Few distinct keys, so sets, overwrites and removals meet the same runs often; key 0
        // (a self-call of number 0) too.
        for step in 0..<200_000 {
            let key = next() % 3_000 == 0 ? 0 : (next() % 2_500) << 32 | (next() % 7)
            switch next() % 3 {
            case 0, 1:
                table.set(key, step)
                model[key] = step
            default:
                // Removed only when its value is the one given, as an evicted row's.
                let value = next() % 2 == 0 ? (model[key] ?? -1) : step
                table.remove(key, ifValue: value)
                if model[key] == value { model[key] = nil }
            }
            if step % 997 == 0 {
                #expect(table.count == model.count)
                #expect(model.allSatisfy { table[$0.key] == $0.value })
            }
        }
        #expect(table.count == model.count)
        #expect(model.allSatisfy { table[$0.key] == $0.value })
        #expect((0..<2_500).allSatisfy { k in (0..<7).allSatisfy { table[UInt64(k) << 32 | UInt64($0)] == model[UInt64(k) << 32 | UInt64($0)] } })
    }
}
