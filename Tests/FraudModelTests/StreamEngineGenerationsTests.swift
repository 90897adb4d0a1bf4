import Foundation
import Testing
@testable import FraudModel

/// A stream that runs for months keeps a number's contacts of the last 30 to 60 days, as its
/// day marks keep its days (`StreamEngine+Generations`).
@Suite("StreamEngine generations")
struct StreamEngineGenerationsTests: StreamFixture {
    func profile(_ e: StreamEngine, _ number: String) throws -> NumberProfile {
        e.state[Int(try #require(lookup(e, number)))].profile
    }

    let a = "13100000001", b = "13100000002", c = "13100000003", d = "13100000004"

    /// An engine that forgets no idle number within these tests' 100 days, so what changes
    /// is the generations' doing.
    func engine(_ r: RuleSet? = nil) throws -> StreamEngine {
        var o = StreamOptions()
        o.retention = 100 * 86_400
        return sparseEngine(try r ?? rules(), o)
    }

    /// A rings B on day 0 only, C on day 0 and day 35, D on day 61: on day 61 B is forgotten,
    /// C and D are not. Nothing is forgotten on day 30.
    @Test func aPairNotSeenForAGenerationIsForgotten() throws {
        var e = try engine()
        _ = try feed(&e, header + call(0, a, b) + call(0, a, c) + call(35, a, c))
        #expect(e.generationStart == 30 && e.dayBase == 0)
        #expect(try profile(e, a).outDistinct == 2 && e.pairsHeld == 3)    // (A,B), (A,C) before; (A,C) now
        _ = try feed(&e, call(61, a, d))
        #expect(e.generationStart == 60 && e.dayBase == 30)
        #expect(try profile(e, a).outDistinct == 2)
        #expect(try profile(e, b).inDistinct == 0 && profile(e, c).inDistinct == 1)
        #expect(e.pairsHeld == 2)
        #expect(e.peerLists()[Int(try #require(lookup(e, a)))].sorted() == [lookup(e, c), lookup(e, d)].compactMap { $0 }.sorted())
        // A rings C again (a pair of the generation before: not new), and B rings A (new).
        _ = try feed(&e, call(62, a, c) + call(62, b, a))
        #expect(try profile(e, a).outDistinct == 2)
        #expect(try profile(e, a).inDistinct == 1 && profile(e, a).reciprocated == 0)
    }

    /// Calls both ways and a long call, on day 0; on day 40 only B rings A again, while C and
    /// D ring each other, D holding C 15 minutes. On day 61 A → B (and its hold) is
    /// forgotten, B → A is not: A and B no longer call each other back; C and D still do.
    @Test func callBacksAndHeldCallersAreRecounted() throws {
        var e = try engine()
        _ = try feed(&e, header + call(0, a, b, 900) + call(0, b, a) + call(40, b, a) + call(40, c, d, 900) + call(40, d, c))
        #expect(try profile(e, a).reciprocated == 1 && profile(e, b).reciprocated == 1)
        #expect(try profile(e, b).heldDistinct == 1 && profile(e, d).heldDistinct == 1)
        _ = try feed(&e, call(61, "13100000005", "13100000006"))
        #expect(try profile(e, a).reciprocated == 0 && profile(e, b).reciprocated == 0)
        #expect(try profile(e, c).reciprocated == 1 && profile(e, d).reciprocated == 1)
        #expect(try profile(e, a).inDistinct == 1 && profile(e, a).outDistinct == 0)
        #expect(try profile(e, b).heldDistinct == 0 && profile(e, d).heldDistinct == 1)
        // Still one peer each (B → A), not two.
        #expect(Array(e.peerLists()[Int(try #require(lookup(e, a)))]) == [try #require(lookup(e, b))])
    }

    /// A rings someone new every day for 60 days: on day 60 it has the last 30 days' 30
    /// people and, scaled to the days kept, 30 calls, so it still never rings anyone twice.
    @Test func callCountsAreScaledToTheDaysKept() throws {
        var e = try engine()
        _ = try feed(&e, header + (0..<60).map { call($0, a, "1370000\(String(format: "%04d", $0))", 90) }.joined())
        #expect(try profile(e, a).outCalls == 60 && profile(e, a).outDistinct == 60)
        _ = try feed(&e, call(60, a, "13799999999", 90))
        let p = try profile(e, a)
        #expect(p.outDistinct == 31 && p.outCalls == 31 && p.outAnswered == 31 && p.outTalk == 31 * 90)
        #expect(p.activeDays() == 31)
    }

    /// A watchlist number holds V 15 minutes on day 0; P rings V on day 0 and day 40, so V
    /// counts as P's ring contact. Nothing passes between the suspect and V after day 0: on
    /// day 61 the hold is forgotten, and with it V as a ring contact.
    @Test func aHoldIsForgottenWithTheLastCallBetweenTheTwo() throws {
        var r = try rules()
        let suspect = "+85511111111", v = "13900000001", p = "13900000002"
        r.add([suspect], toList: "watchlist")
        var e = try engine(r)
        _ = try feed(&e, header + call(0, suspect, v, 900) + call(0, p, v) + call(40, p, v) + call(40, suspect, d, 0))
        let vid = Int(try #require(lookup(e, v))), pid = Int(try #require(lookup(e, p)))
        #expect(e.state[vid].holder != .max && e.state[pid].ring == 1)
        _ = try feed(&e, call(61, p, v))
        #expect(e.state[vid].holder == .max && e.state[pid].ring == 0)
    }

    /// V is held by S1 on day 0 and by S2 on day 40: on day 61 the hold by S1 is forgotten
    /// with its pair, the hold by S2 stands, and V is still P's ring contact.
    @Test func aHoldStillInReachStands() throws {
        var r = try rules()
        let s1 = "+85511111111", s2 = "+85522222222", v = "13900000001", p = "13900000002"
        r.add([s1, s2], toList: "watchlist")
        var e = try engine(r)
        _ = try feed(&e, header + call(0, s1, v, 900) + call(0, p, v) + call(40, s2, v, 900) + call(40, p, v))
        let vid = Int(try #require(lookup(e, v))), pid = Int(try #require(lookup(e, p)))
        #expect(e.state[vid].heldByMany && e.state[pid].ring == 1)
        _ = try feed(&e, call(61, p, v))
        #expect(e.state[vid].holder == (try #require(lookup(e, s2))) && !e.state[vid].heldByMany)
        #expect(e.state[pid].ring == 1)
    }

    /// X answers five people on day 31, expires (retention 2 days), and is back on day 59
    /// with one unanswered call: the generation that ends on day 60 holds its five pairs from
    /// before, which its fresh counts no longer include, and does not count them back in (they
    /// would make it a spray: five people, one call in six answered). On day 91 its counts are
    /// recounted from the pairs kept, all seen since its return.
    @Test func aNumberBackFromExpiryDoesNotGetItsOldContactsBack() throws {
        var o = StreamOptions()
        o.retention = 2 * 86_400
        var e = sparseEngine(try rules(), o)
        let x = "13100000009"
        _ = try feed(&e, header + call(0, a, b) + (1...5).map { call(31, x, "1370000000\($0)") }.joined() + call(35, a, b))
        let xid = Int(try #require(lookup(e, x)))
        #expect(e.state[xid].lastSeen == 0)
        _ = try feed(&e, call(59, x, "13700000006", 0) + call(60, a, b))
        #expect(e.state[xid].profile.outDistinct == 1 && !e.state[xid].isSuspect)
        #expect(Array(e.peerLists()[xid]) == [try #require(lookup(e, "13700000006"))])
        _ = try feed(&e, call(85, x, "13700000007", 0) + call(91, x, b))
        #expect(e.state[xid].profile.outDistinct == 2)        // 13700000007 (day 85) and B (day 91)
    }

    /// A stream over 100 days cut at day 45 (a generation and its elder held) and resumed
    /// from the checkpoint gives the warnings and the state of an uninterrupted run, across
    /// the generation that ends on day 60 and the one on day 90.
    @Test func aCheckpointResumesExactlyAcrossGenerations() throws {
        let lines = syntheticLines(SynthConfig(subscribers: 120, days: 95, seed: 3))
        let r = try shippedRules()
        var whole = StreamEngine(rules: r)
        let all = try feed(&whole, lines.joined(separator: "\n") + "\n") + whole.finish()
        #expect(whole.generationStart == 90 && whole.dayBase == 60)
        let cut = lines.count * 45 / 100
        var first = StreamEngine(rules: r)
        var parts = try feed(&first, lines[..<cut].joined(separator: "\n") + "\n")
        #expect(first.generationStart == 30 && first.olderPairs.count > 0)
        var second = try StreamEngine(checkpoint: first.checkpoint(), rules: r)
        parts += try feed(&second, lines[0] + "\n" + lines[cut...].joined(separator: "\n") + "\n") + second.finish()
        #expect(parts == all)
        let sameState = second.checkpoint() == whole.checkpoint()
        #expect(sameState)
    }
}
