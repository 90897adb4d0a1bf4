/// The national service numbers every subscriber may call.
struct SynthServices: Sendable {
    var banks: [UInt32] = []
    var carriers: [UInt32] = []
    var citizenLine: UInt32 = 0
    var antiFraud: UInt32 = 0
    /// The bank hotlines are registered one after another, so their ids form a range.
    private(set) var bankRange: ClosedRange<UInt32> = 0...0

    static func register(in book: inout SynthNumberBook) -> SynthServices {
        var s = SynthServices()
        func add(_ text: String) -> UInt32 {
            book.add(Array(text.utf8), .plain, region: 0) ?? 0
        }
        s.banks = SynthNumberPlan.bankHotlines.map(add)
        s.carriers = ["10086", "10010", "10000"].map(add)
        s.citizenLine = add("12345")
        s.antiFraud = add("96110")
        s.bankRange = (s.banks.min() ?? 0)...(s.banks.max() ?? 0)
        return s
    }

    @inline(__always)
    func isBank(_ id: UInt32) -> Bool { bankRange.contains(id) }
}
