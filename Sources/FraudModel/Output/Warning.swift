/// One row of the warning list: who, how urgent, why, and the evidence an officer reads in the
/// minute before calling.
public struct Warning: Sendable, Equatable {
    /// One rule's part in a score.
    public struct Reason: Sendable, Equatable {
        /// The rule's name in the rules file.
        public var rule: String
        /// Its human-readable label.
        public var label: String
        /// Its log-odds contribution (weight × value).
        public var contribution: Double
    }

    /// Follow-up tier.
    public var tier: Tier
    /// The subscriber, canonical form.
    public var subscriber: String
    /// Probability the subscriber is being defrauded.
    public var score: Double
    /// The subscriber's home region (county code), for routing; may be empty.
    public var region: String
    /// The rules that pushed the score up most, largest first.
    public var reasons: [Reason]
    /// Suspect numbers talked to most (up to three), canonical form.
    public var suspects: [String]
    /// First and last call with a suspect, UTC epoch seconds.
    public var firstContact: Int64
    public var lastContact: Int64
    /// Seconds talked with suspects.
    public var suspectTalk: UInt64
    /// Calls to bank hotlines after the first suspect contact.
    public var bankCalls: Int

    /// The list order: most urgent tier first, then highest score, then subscriber.
    public static func listOrder(_ a: Warning, _ b: Warning) -> Bool {
        if a.tier != b.tier { return a.tier < b.tier }
        if a.score != b.score { return a.score > b.score }
        return a.subscriber < b.subscriber
    }
}

extension Warning {
    /// Sorts `warnings` by ``listOrder(_:_:)``.
    ///
    /// Sorts small keys (tier, score, position), then moves each warning into place once along
    /// the cycles of the permutation: sorting the warnings themselves copies each one, with its
    /// strings and arrays, O(log n) times (measured: 0.25 s of the 0.45 s scoring stage on the
    /// 101,172 warnings of the 200k week).
    ///
    /// - Complexity: O(n log n).
    static func sortInListOrder(_ warnings: inout [Warning]) {
        struct Key { var urgency: Int, score: Double, index: Int }
        var keys = warnings.indices.map { Key(urgency: warnings[$0].tier.urgency, score: warnings[$0].score, index: $0) }
        warnings.withUnsafeBufferPointer { w in
            keys.sort { a, b in
                if a.urgency != b.urgency { return a.urgency > b.urgency }
                if a.score != b.score { return a.score > b.score }
                return w[a.index].subscriber < w[b.index].subscriber
            }
        }
        var source = keys.map(\.index)                 // position i takes the warning at source[i]
        keys = []
        warnings.withUnsafeMutableBufferPointer { w in           // swaps move, without copies
            for start in source.indices where source[start] != start {
                var i = start                          // position i holds the cycle's first warning
                while source[i] != start {
                    let next = source[i]
                    w.swapAt(i, next)
                    source[i] = i
                    i = next
                }
                source[i] = i
            }
        }
    }
}
