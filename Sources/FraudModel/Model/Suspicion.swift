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

    /// Scores every number on up to `threads` threads, each owning a range of number ids:
    /// every number's values are computed on their own, in the same order, so they are the
    /// same for any number of threads.
    ///
    /// - Complexity: O(numbers × rules + threads × records + distinct pairs).
    init(profiles: NumberProfiles, traits: [NumberTraits], rules: RuleSet, settings: EngineSettings,
         records: CallRecords, threads: Int = 1) {
        let n = profiles.count
        let parts = evenRanges(n, parts: threads)
        let threshold = Float(settings.suspectThreshold)
        let first = Self.round(profiles: profiles, traits: traits, rules: rules, ring: nil, parts: parts)
        let firstSuspect = first.map { $0 >= threshold }
        // Ring contacts: non-suspects held at least ring_min_talk by a first-round suspect. A
        // number never counts the people only it held: that would let one false suspect
        // confirm itself. Each thread notes, for one range of the calls in call order, the
        // first suspect that held each number and whether another did too; the ranges are
        // then joined in call order, so "the first suspect that held it" is the same on any
        // thread count. (Each thread scanning every call for its own numbers, as before, left
        // this scan unshared: 1.35x on two threads for the whole stage.)
        let chunks = evenRanges(records.count, parts: threads)     // ranges of calls
        var holders = [[UInt32]](repeating: [], count: chunks.count)  // per range; .max = none
        var several = [[Bool]](repeating: [], count: chunks.count)
        holders.withUnsafeMutableBufferPointer { holders in
            several.withUnsafeMutableBufferPointer { several in
                firstSuspect.withUnsafeBufferPointer { suspect in
                    parallelChunks(chunks.count) { k in
                        var holder = [UInt32](repeating: .max, count: n)
                        var many = [Bool](repeating: false, count: n)
                        holder.withUnsafeMutableBufferPointer { holder in
                            many.withUnsafeMutableBufferPointer { many in
                                @inline(__always) func hold(_ v: UInt32, by s: UInt32) {
                                    let h = holder[Int(v)]
                                    if h == .max { holder[Int(v)] = s } else if h != s { many[Int(v)] = true }
                                }
                                records.forEachPiece(of: chunks[k]) { _, piece in
                                    for r in piece where r.duration >= settings.ringMinTalk {
                                        let sa = suspect[Int(r.caller)], sb = suspect[Int(r.callee)]
                                        if sa && !sb { hold(r.callee, by: r.caller) } else if sb && !sa { hold(r.caller, by: r.callee) }
                                    }
                                }
                            }
                        }
                        holders[k] = holder
                        several[k] = many
                    }
                }
            }
        }
        // The first range's notes, then each later range's, number range by number range.
        var holder = holders.isEmpty ? [UInt32](repeating: .max, count: n) : holders[0]
        var heldByMany = several.isEmpty ? [Bool](repeating: false, count: n) : several[0]
        if !holders.isEmpty { holders[0] = []; several[0] = [] }
        if chunks.count > 1 {
            holder.withUnsafeMutableBufferPointer { holder in
                heldByMany.withUnsafeMutableBufferPointer { many in
                    parallelChunks(parts.count) { k in
                        for c in 1..<chunks.count {
                            holders[c].withUnsafeBufferPointer { later in
                                several[c].withUnsafeBufferPointer { laterMany in
                                    for v in parts[k] where later[v] != .max {
                                        if laterMany[v] { many[v] = true }
                                        if holder[v] == .max { holder[v] = later[v] } else if holder[v] != later[v] { many[v] = true }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        holders = []
        several = []
        var ring = [UInt32](repeating: 0, count: n)
        ring.withUnsafeMutableBufferPointer { ring in
            holder.withUnsafeBufferPointer { holder in
                heldByMany.withUnsafeBufferPointer { many in
                    parallelChunks(parts.count) { k in
                        for i in parts[k] {
                            var count: UInt32 = 0
                            profiles.graph.forEachPeer(i) { v in
                                let h = holder[Int(v)]
                                if Self.isRingContact(holder: h, heldByMany: many[Int(v)], for: UInt32(i)) { count += 1 }
                            }
                            ring[i] = count
                        }
                    }
                }
            }
        }
        let second = Self.round(profiles: profiles, traits: traits, rules: rules, ring: (ring, first), parts: parts)
        probability = second
        ringContacts = ring
        isSuspect = second.map { $0 >= threshold }
    }

    /// Whether a peer held by `holder` (`.max`: by no suspect), or by several suspects, is a
    /// ring contact of number `i`: held by a suspect other than `i`, or by several. A number
    /// never counts the people only it held (batch and stream both ask this).
    @inline(__always)
    static func isRingContact(holder: UInt32, heldByMany: Bool, for i: UInt32) -> Bool {
        holder != .max && (holder != i || heldByMany)
    }

    /// One round of the caller model over every number, a range of ids per thread. In the
    /// second round (`ring` given), a number without ring contacts has exactly its first-round
    /// features, so it keeps its first-round value without being evaluated again.
    private static func round(profiles: NumberProfiles, traits: [NumberTraits], rules: RuleSet,
                              ring: (contacts: [UInt32], firstRound: [Float])?, parts: [Range<Int>]) -> [Float] {
        var p = ring?.firstRound ?? [Float](repeating: 0, count: profiles.count)
        let isSecond = ring != nil
        let contacts = ring?.contacts ?? []
        let width = CallerFeature.allCases.count
        p.withUnsafeMutableBufferPointer { p in
            profiles.withReader { profile in
                traits.withUnsafeBufferPointer { traits in
                    contacts.withUnsafeBufferPointer { contacts in
                        parallelChunks(parts.count) { k in
                            withUnsafeTemporaryAllocation(of: Double.self, capacity: width) { scratch in
                                scratch.initialize(repeating: 0)
                                for i in parts[k] {
                                    let ring = isSecond ? Int(contacts[i]) : 0
                                    if isSecond && ring == 0 { continue }
                                    p[i] = evaluate(profile[i], ring: ring, traits: traits[i], rules: rules,
                                                    start: profiles.periodStart, now: profiles.periodEnd,
                                                    lateDays: profile.lateDays(i), scratch: scratch)
                                }
                            }
                        }
                    }
                }
            }
        }
        return p
    }

    /// One number's suspicion: the overrides first, then the caller model. Batch and stream
    /// both call this.
    ///
    /// - Parameter scratch: a buffer of `CallerFeature.allCases.count` doubles to fill.
    static func evaluate(_ profile: NumberProfile, ring: Int, traits: NumberTraits, rules: RuleSet, start: UInt32,
                         now: UInt32, lateDays: NumberProfile.LateDays = .init(), scratch: UnsafeMutableBufferPointer<Double>) -> Float {
        profile.fill(scratch, ringContacts: ring, start: start, now: now, lateDays: lateDays)
        let view = UnsafeBufferPointer(scratch)
        if let forced = rules.forcedSuspicion(features: view, traits: traits) { return Float(forced) }
        return Float(rules.caller.probability(features: view, traits: traits))
    }
}
