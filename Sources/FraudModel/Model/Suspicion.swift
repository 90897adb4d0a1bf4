/// The caller model applied to every number: how likely each number is a fraud number.
///
/// Two rounds. The first scores each number on its own behaviour. Numbers that talked at length
/// with a first-round suspect are then "ring contacts", and the second round adds, for every
/// number, how many of its peers are ring contacts (`ring_contacts`, `ring_share`): a hand-off
/// number that made three calls, all to people a spray number had just held for twenty
/// minutes, becomes suspect through whom it talks to, not through its volume.
struct Suspicion: Sendable {
    /// P(fraud number) per number.
    let probability: [Float]
    /// Distinct peers of each number that are ring contacts.
    let ringContacts: [UInt32]
    /// Whether each number is at or above the suspect threshold.
    let isSuspect: [Bool]

    /// - Complexity: O(numbers × rules + records + distinct pairs).
    init(profiles: NumberProfiles, traits: [NumberTraits], rules: RuleSet, settings: EngineSettings,
         records: [CallRecord]) {
        let n = profiles.count
        let first = Self.round(profiles: profiles, traits: traits, rules: rules, ring: nil)
        let threshold = Float(settings.suspectThreshold)
        // Ring contacts: non-suspects held at least ring_min_talk by a first-round suspect. A
        // number never counts the people only it held: that would let one false suspect
        // confirm itself.
        var holder = [UInt32](repeating: .max, count: n)       // the suspect that held it; .max = none
        var heldByMany = [Bool](repeating: false, count: n)
        @inline(__always) func hold(_ v: Int, by s: UInt32) {
            if holder[v] == .max { holder[v] = s } else if holder[v] != s { heldByMany[v] = true }
        }
        for r in records where r.duration >= settings.ringMinTalk {
            let a = Int(r.caller), b = Int(r.callee)
            let sa = first[a] >= threshold, sb = first[b] >= threshold
            if sa && !sb { hold(b, by: r.caller) } else if sb && !sa { hold(a, by: r.callee) }
        }
        var ring = [UInt32](repeating: 0, count: n)
        for i in 0..<n {
            var k: UInt32 = 0
            profiles.graph.forEachPeer(i) { v in
                let h = holder[Int(v)]
                if h != .max && (h != UInt32(i) || heldByMany[Int(v)]) { k += 1 }
            }
            ring[i] = k
        }
        let second = Self.round(profiles: profiles, traits: traits, rules: rules, ring: ring)
        probability = second
        ringContacts = ring
        isSuspect = second.map { $0 >= threshold }
    }

    private static func round(profiles: NumberProfiles, traits: [NumberTraits], rules: RuleSet,
                              ring: [UInt32]?) -> [Float] {
        var p = [Float](repeating: 0, count: profiles.count)
        var f = [Double](repeating: 0, count: CallerFeature.allCases.count)
        f.withUnsafeMutableBufferPointer { fb in
            for i in 0..<profiles.count {
                p[i] = evaluate(profiles.profiles[i], ring: Int(ring?[i] ?? 0), traits: traits[i], rules: rules, now: profiles.periodEnd, scratch: fb)
            }
        }
        return p
    }

    /// One number's suspicion: the overrides first, then the caller model. Batch and stream
    /// both call this.
    ///
    /// - Parameter scratch: a buffer of `CallerFeature.allCases.count` doubles to fill.
    static func evaluate(_ profile: NumberProfile, ring: Int, traits: NumberTraits, rules: RuleSet, now: UInt32,
                         scratch: UnsafeMutableBufferPointer<Double>) -> Float {
        profile.fill(scratch, ringContacts: ring, now: now)
        let view = UnsafeBufferPointer(scratch)
        if let forced = rules.forcedSuspicion(features: view, traits: traits) { return Float(forced) }
        return Float(rules.caller.probability(features: view, traits: traits))
    }
}
