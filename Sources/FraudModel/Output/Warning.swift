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
        struct Key { var score: Double, head: (UInt64, UInt64), index: UInt32, urgency: UInt8, isASCII: Bool }
        var keys = warnings.indices.map {
            let head = SubscriberHead(warnings[$0].subscriber)
            return Key(score: warnings[$0].score, head: head.bytes, index: UInt32($0),
                       urgency: UInt8(warnings[$0].tier.urgency), isASCII: head.isASCII)
        }
        warnings.withUnsafeBufferPointer { w in
            keys.sort { a, b in
                if a.urgency != b.urgency { return a.urgency > b.urgency }
                if a.score != b.score { return a.score > b.score }   // many subscribers tie here
                if a.isASCII && b.isASCII && a.head != b.head { return a.head < b.head }
                return w[Int(a.index)].subscriber < w[Int(b.index)].subscriber
            }
        }
        var source = keys.map { Int($0.index) }         // position i takes the warning at source[i]
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

/// The first 16 bytes of a subscriber's text as two big-endian words (zero-padded): for ASCII
/// text, unequal heads order the same way as the strings, without comparing strings (the
/// list sort breaks many score ties by subscriber).
private struct SubscriberHead {
    var bytes: (UInt64, UInt64) = (0, 0)
    var isASCII = true

    init(_ text: String) {
        var i = 0
        for byte in text.utf8 {
            if byte >= 0x80 { isASCII = false }
            if i < 8 { bytes.0 |= UInt64(byte) << (56 - 8 * UInt64(i)) } else if i < 16 { bytes.1 |= UInt64(byte) << (56 - 8 * UInt64(i - 8)) }
            i += 1
        }
    }
}
