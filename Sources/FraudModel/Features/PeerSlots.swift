/// A value per distinct number a timeline names, kept in order of first appearance. A timeline
/// names few numbers, so they are searched in a line while there are up to ``linearLimit``,
/// and through a dictionary only past that: ``Exposure`` is computed each time a subscriber is
/// assessed, and hashing each call's number into sets and dictionaries (and allocating them)
/// took more instructions than the rest of it.
struct PeerSlots<Value> {
    /// A number and its value.
    struct Entry {
        var peer: NumberID
        var value: Value
    }

    /// The numbers and their values, by slot (0, 1, … in order of first appearance).
    private(set) var entries: [Entry] = []
    private var index: [NumberID: Int] = [:]
    /// Numbers searched in a line before the dictionary is built.
    static var linearLimit: Int { 16 }

    /// How many numbers have a slot.
    var count: Int { entries.count }

    /// The slot of `peer`, if it has one.
    @inline(__always)
    func find(_ peer: NumberID) -> Int? {
        entries.count <= Self.linearLimit ? entries.firstIndex { $0.peer == peer } : index[peer]
    }

    /// The slot of `peer`, given the next one with value `initial` if it has none yet (`isNew`).
    @inline(__always)
    mutating func slot(_ peer: NumberID, initial: Value) -> (slot: Int, isNew: Bool) {
        if let k = find(peer) { return (k, false) }
        entries.append(Entry(peer: peer, value: initial))
        if entries.count == Self.linearLimit + 1 {
            for (k, e) in entries.enumerated() { index[e.peer] = k }
        } else if entries.count > Self.linearLimit + 1 {
            index[peer] = entries.count - 1
        }
        return (entries.count - 1, true)
    }

    /// The value in slot `k`.
    subscript(k: Int) -> Value {
        get { entries[k].value }
        set { entries[k].value = newValue }
    }
}
