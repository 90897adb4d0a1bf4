import Foundation
import Testing
@testable import FraudModel

/// A small rule set whose numbers can be worked out by hand: a number that called 5+ distinct
/// numbers with under half answered is a suspect; a victim scores σ(-4 + 3·long + 3·bank).
private let streamRules = """
    class bank_hotline = length == 5 and prefix("955")
    list watchlist =
    caller suspect = watchlist
    caller bias -5
    caller rule spray weight 6 = out_distinct >= 5 and out_answer_rate < 0.5
    victim bias -4
    victim rule long weight 3 = suspect_longest >= 10m
    victim rule bank weight 3 = bank_after_contact >= 1
    tier 1 = score >= 0.85
    tier 2 = score >= 0.5
    tier 3 = score >= 0.1
    """

private func rules(_ text: String = streamRules) throws -> RuleSet {
    try RuleSet.parse(text, file: "t.rules", schema: .engine,
                      environment: RuleEnvironment(readFile: { _ in [] }, canonicalNumber: { PhoneNumber.canonical($0) }))
}

private func feed(_ engine: inout StreamEngine, _ text: String) throws -> [StreamWarning] {
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBytes { try engine.consume($0) }
}

/// The lines (header first) of a synthetic week's call file.
private func syntheticLines(_ config: SynthConfig) -> [String] {
    var csv: [UInt8] = []
    SyntheticWeek.generate(config).writeCalls { csv += $0 }
    return String(decoding: csv, as: UTF8.self).split(separator: "\n").map(String.init)
}

/// The shipped rules/default.rules.
private func shippedRules() throws -> RuleSet {
    try rules(try String(contentsOfFile: packageRoot() + "/rules/default.rules", encoding: .utf8))
}

private let header = "start_time,caller,callee,duration\n"
private let spray = "+85511111111", victim = "13900000001"

/// The spray holds the victim 15 minutes at 08:00 and only then sprays 7 others (unanswered),
/// so it becomes a suspect on its 8th call, at 08:07; the victim calls the bank at 09:00.
private let scam = header + "2026-03-02 08:00:00,\(spray),\(victim),900\n"
    + (1...7).map { "2026-03-02 08:0\($0):00,\(spray),1380000000\($0),0\n" }.joined()
    + "2026-03-02 09:00:00,\(victim),95588,300\n"

@Suite("StreamEngine")
struct StreamEngineTests {
    /// `gather` touches bytes 0 and 64 of each number's state: that reaches every cache line
    /// only while the state is 128 bytes from a 64-byte boundary.
    @Test func gatherTouchesEveryCacheLineOfANumber() throws {
        #expect(MemoryLayout<StreamNumber>.stride == 128)
        var e = StreamEngine(rules: try rules())
        _ = try feed(&e, scam)
        #expect(e.state.count > 1)
        e.state.withUnsafeBytes { #expect(Int(bitPattern: $0.baseAddress) % 64 == 0) }
    }

    @Test func lateSuspicionReachesTheVictimItCalledFirst() throws {
        var e = StreamEngine(rules: try rules())
        let w = try feed(&e, scam)
        // At 08:07 the spray turns suspect: the victim's 15-minute call is replayed into its
        // timeline, σ(-4 + 3) = 0.269 → tier 3, raised at the time of the call that did it.
        #expect(w.count == 2)
        #expect(w[0].warning.subscriber == victim)
        #expect(w[0].warning.tier == .sms)
        #expect(Timestamp.format(Int64(w[0].raisedAt)) == "2026-03-02 08:07:00")
        #expect(abs(w[0].warning.score - LogisticModel.sigmoid(-1)) < 1e-9)
        // The bank call then lifts it to σ(2) = 0.881 → tier 1 at once.
        #expect(w[1].warning.tier == .visit)
        #expect(Timestamp.format(Int64(w[1].raisedAt)) == "2026-03-02 09:00:00")
        #expect(w[1].warning.suspects == [spray])
        #expect(w[1].warning.bankCalls == 1)
        #expect(e.statistics.suspects == 1)
    }

    @Test func coolDownSuppressesRepeatsAtTheSameTierThenRaisesAgain() throws {
        var e = StreamEngine(rules: try rules())
        _ = try feed(&e, scam)
        // Another bank call an hour later: still tier 1, inside the 24 h cool-down → silent.
        #expect(try feed(&e, "2026-03-02 10:00:00,\(victim),95588,100\n").isEmpty)
        // Next day, 26 h after the last warning, the spray calls again: raised again.
        let again = try feed(&e, "2026-03-03 11:00:00,\(spray),\(victim),60\n")
        #expect(again.map(\.warning.tier) == [.visit])
        var short = StreamOptions()
        short.cooldown = 600
        var f = StreamEngine(rules: try rules(), options: short)
        _ = try feed(&f, scam)
        #expect(try feed(&f, "2026-03-02 10:00:00,\(victim),95588,100\n").map(\.warning.tier) == [.visit])
    }

    @Test func lateRecordsAreCountedReportedAndStillUsed() throws {
        var e = StreamEngine(rules: try rules())
        _ = try feed(&e, header + "2026-03-02 08:00:00,1,2,10\n2026-03-02 07:56:00,3,4,10\n")
        #expect(e.statistics.late == 0)                          // 4 minutes late: within max-delay
        _ = try feed(&e, "2026-03-02 07:50:00,5,6,10\n")         // 10 minutes late
        #expect(e.statistics.late == 1)
        #expect(e.takeLateNotes().count == 1)
        #expect(e.takeLateNotes().isEmpty)
        #expect(e.statistics.records == 3)
    }

    @Test func outOfOrderCallsStillBuildATimeOrderedTimeline() throws {
        // The bank call arrives before the suspect call it follows (within max-delay).
        var e = StreamEngine(rules: try rules())
        var text = header
        text += (1...7).map { "2026-03-02 07:5\($0):00,\(spray),1380000000\($0),0\n" }.joined()
        text += "2026-03-02 08:05:00,\(victim),95588,300\n"
        text += "2026-03-02 08:00:00,\(spray),\(victim),900\n"
        let w = try feed(&e, text)
        #expect(w.last?.warning.tier == .visit)
        #expect(w.last?.warning.bankCalls == 1)
    }

    @Test func malformedLinesAreCountedAndTheStreamGoesOn() throws {
        var e = StreamEngine(rules: try rules())
        let bad = scam.replacingOccurrences(of: "2026-03-02 08:03:00,", with: "yesterday,1,2,3\n2026-03-02 08:03:00,")
        let w = try feed(&e, bad)
        #expect(e.statistics.rejected == 1)
        #expect(e.issues.first?.description.hasPrefix("-:5: bad start time 'yesterday'") == true)
        #expect(w.map(\.warning.tier) == [.sms, .visit])
    }

    @Test func aWarmUpBuildsTheStateOfTheCallsItReadAndRaisesNothing() throws {
        func warmed() throws -> StreamEngine {
            var e = StreamEngine(rules: try rules())
            e.beginWarmUp(source: "past.csv")
            let bad = scam.replacingOccurrences(of: "2026-03-02 08:03:00,", with: "yesterday,1,2,3\n2026-03-02 08:03:00,")
            try Array(bad.utf8).withUnsafeBytes { try e.warmUp($0) }
            let read = try e.endWarmUp()
            #expect(read.records == 9 && read.rejected == 1 && read.warnings == 0)
            return e
        }
        var e = try warmed()
        // The counters start again for the live feed; the suspect stays.
        #expect(e.statistics.warnings == 0 && e.statistics.suspects == 1 && e.statistics.records == 0 && e.statistics.rejected == 0)
        #expect(e.issues.first?.description.hasPrefix("past.csv:5: bad start time 'yesterday'") == true)
        // The spray is known as a suspect: a new victim it holds is warned on the first call,
        // where a stream that starts cold knows nothing of it.
        let live = header + "2026-03-02 12:00:00,\(spray),13900000002,900\n"
        #expect(try feed(&e, live).map(\.warning.subscriber) == ["13900000002"])
        var cold = StreamEngine(rules: try rules())
        #expect(try feed(&cold, live).isEmpty)
        // The past warnings were never shown, so no cool-down holds back the victim's next
        // assessment: a stream that had raised them would stay silent here.
        var w = try warmed()
        let bank = header + "2026-03-02 10:00:00,\(victim),95588,100\n"
        #expect(try feed(&w, bank).map(\.warning.tier) == [.visit])
        var running = StreamEngine(rules: try rules())
        _ = try feed(&running, scam)
        #expect(try feed(&running, "2026-03-02 10:00:00,\(victim),95588,100\n").isEmpty)
    }

    @Test func checkpointResumesExactlyWhereItStopped() throws {
        let lines = syntheticLines(SynthConfig(subscribers: 1_500, days: 3, seed: 9))
        let r = try shippedRules()
        var whole = StreamEngine(rules: r)
        let all = try feed(&whole, lines.joined(separator: "\n") + "\n") + whole.finish()
        #expect(!all.isEmpty)
        let cut = lines.count / 2
        var first = StreamEngine(rules: r)
        var parts = try feed(&first, lines[..<cut].joined(separator: "\n") + "\n")
        var second = try StreamEngine(checkpoint: first.checkpoint(), rules: r)
        parts += try feed(&second, lines[0] + "\n" + lines[cut...].joined(separator: "\n") + "\n") + second.finish()
        #expect(parts == all)
        #expect(second.statistics == whole.statistics)
        // The restored engine ends in exactly the state of the uninterrupted one.
        let sameState = second.checkpoint() == whole.checkpoint()
        #expect(sameState)
    }

    /// With a short retention, sweeps drop old calls from `recent` and expire numbers before
    /// the cut: the restored chains of each number's calls must still be exactly its calls.
    @Test func checkpointResumesExactlyAfterOldCallsWereDropped() throws {
        let lines = syntheticLines(SynthConfig(subscribers: 800, days: 6, seed: 5))
        let r = try shippedRules()
        var options = StreamOptions()
        options.retention = 86_400
        var whole = StreamEngine(rules: r, options: options)
        let all = try feed(&whole, lines.joined(separator: "\n") + "\n") + whole.finish()
        let cut = lines.count * 3 / 4
        var first = StreamEngine(rules: r, options: options)
        var parts = try feed(&first, lines[..<cut].joined(separator: "\n") + "\n")
        #expect(first.recentBase > 0, "no call was dropped before the cut")
        var second = try StreamEngine(checkpoint: first.checkpoint(), rules: r, options: options)
        // Numbers expired since the last compaction stay marked, so the next compaction drops
        // the same ones from the shared tables as in the uninterrupted run.
        func expired(_ e: StreamEngine) -> [Int] { e.state.map(\.isExpired).indices.filter { e.state[$0].isExpired } }
        #expect(!expired(first).isEmpty, "no number expired before the cut")
        #expect(expired(second) == expired(first))
        #expect(second.expiredSinceCompaction == first.expiredSinceCompaction)
        parts += try feed(&second, lines[0] + "\n" + lines[cut...].joined(separator: "\n") + "\n") + second.finish()
        #expect(parts == all)
        let sameState = second.checkpoint() == whole.checkpoint()
        #expect(sameState)
    }

    @Test func damagedCheckpointsAreRefused() throws {
        let r = try rules()
        var e = StreamEngine(rules: r)
        _ = try feed(&e, scam)
        let bytes = e.checkpoint()
        #expect(throws: CheckpointError.corrupt) { try StreamEngine(checkpoint: Array(bytes.dropLast(3)), rules: r) }
        #expect(throws: CheckpointError.notACheckpoint) { try StreamEngine(checkpoint: Array("hello world, not a checkpoint".utf8), rules: r) }
        var other = StreamOptions()
        other.cooldown = 60
        #expect(throws: CheckpointError.optionsDiffer) { try StreamEngine(checkpoint: bytes, rules: r, options: other) }
    }

    @Test func reloadedRulesApplyToNumbersAlreadySeen() throws {
        var e = StreamEngine(rules: try rules())
        // A long call from a quiet number: nobody suspects it.
        #expect(try feed(&e, header + "2026-03-02 08:00:00,13700000009,\(victim),900\n").isEmpty)
        var watched = try rules()
        watched.add(["13700000009"], toList: "watchlist")
        e.replaceRules(watched)
        // Its next call re-evaluates it: the watchlist forces suspicion, the earlier call is
        // replayed, and the victim is warned.
        let w = try feed(&e, "2026-03-02 09:00:00,13700000009,\(victim),60\n")
        #expect(w.map(\.warning.subscriber) == [victim])
    }

    @Test func reloadedRulesApplyAtTheNextCallOfANumberPastItsFirstCalls() throws {
        var e = StreamEngine(rules: try rules())
        // The quiet number holds the victim, then makes eight short answered calls (its 9th
        // call is not one of its regular evaluations).
        var text = header + "2026-03-02 08:00:00,13700000009,\(victim),900\n"
        text += (1...8).map { "2026-03-02 08:1\($0):00,13700000009,1360000000\($0),30\n" }.joined()
        #expect(try feed(&e, text).isEmpty)
        var watched = try rules()
        watched.add(["13700000009"], toList: "watchlist")
        e.replaceRules(watched)
        let w = try feed(&e, "2026-03-02 09:00:00,13700000009,13600000009,30\n")
        #expect(w.map(\.warning.subscriber) == [victim])
        #expect(e.staleCount == 0 || e.stale.filter { $0 }.count == e.staleCount)
    }

    @Test func aNumberThatStopsLookingSuspectLeavesTheTimelines() throws {
        var e = StreamEngine(rules: try rules())
        _ = try feed(&e, scam)
        let v = try #require(lookup(e, victim))
        #expect(e.timelines[v]?.contains { !$0.bank } == true)
        // The spray's calls now get answered (answer rate ≥ 0.5): it is no longer a suspect.
        let answered = (1...8).map { "2026-03-02 12:0\($0):00,\(spray),1390000000\($0),40\n" }.joined()
        _ = try feed(&e, answered)
        #expect(e.statistics.suspects == 0)
        #expect(e.timelines[v]?.contains { !$0.bank } != true)
    }

    /// Batch scores a victim with the suspicion its suspect ends with; the stream re-assesses
    /// a suspect's contacts each time its suspicion rises a step, or a victim raised while the
    /// suspect was a mere 0.73 would never get the rule on 0.9.
    @Test func aSuspectGrowingSurerReassessesItsContacts() throws {
        let text = streamRules + """

            caller rule many weight 3 = out_distinct >= 10
            victim rule sure weight 3 = max_suspicion >= 0.9
            """
        var e = StreamEngine(rules: try rules(text))
        // Calls 9–16 of the spray, unanswered: at the 16th it is evaluated again, σ(-5+6+3).
        let more = (8...15).map { "2026-03-02 08:\($0 + 10):00,\(spray),1381000000\($0 % 10),0\n" }.joined()
        let w = try feed(&e, scam.replacingOccurrences(of: "2026-03-02 09:00:00,\(victim),95588,300\n", with: "") + more)
        let s = try #require(lookup(e, spray))
        #expect(abs(Double(e.suspicion[Int(s)]) - LogisticModel.sigmoid(4)) < 1e-6)
        // σ(-4 + 3) = 0.269 at 08:07 (tier 3), then σ(-4 + 3 + 3) = 0.881 (tier 1) at 08:25,
        // the spray's 16th call, with no new call of the victim's.
        #expect(w.map(\.warning.tier) == [.sms, .visit])
        #expect(w.allSatisfy { $0.warning.subscriber == victim })
        #expect(Timestamp.format(Int64(w[1].raisedAt)) == "2026-03-02 08:25:00")
    }

    /// Past its 4th call a number is evaluated on every 8th; a suspect whose calls in between
    /// made it surer is evaluated at the next hour of event time (every suspect is), so its
    /// contacts get the rule on 0.9 within the hour rather than at its 16th call (batch: the
    /// suspicion it ends with).
    @Test func aSuspectSurerOnCallsNotEvaluatedReassessesItsContactsWithinTheHour() throws {
        let text = streamRules + """

            caller rule many weight 3 = out_distinct >= 10
            victim rule sure weight 3 = max_suspicion >= 0.9
            """
        var e = StreamEngine(rules: try rules(text))
        // Calls 9–13 of the spray (08:10–08:14) take it to 12 callees, σ(-5+6+3), unevaluated.
        let more = (0...4).map { "2026-03-02 08:1\($0):00,\(spray),1381000000\($0),0\n" }.joined()
        var w = try feed(&e, scam.replacingOccurrences(of: "2026-03-02 09:00:00,\(victim),95588,300\n", with: "") + more)
        #expect(w.map(\.warning.tier) == [.sms])              // σ(-4 + 3) at 08:07
        let s = try #require(lookup(e, spray))
        #expect(abs(Double(e.suspicion[Int(s)]) - LogisticModel.sigmoid(1)) < 1e-6)
        // A restored engine does the same.
        var restored = try StreamEngine(checkpoint: e.checkpoint(), rules: try rules(text))
        let hour = "2026-03-02 09:00:00,13100000001,13100000002,30\n"
        let resumed = try feed(&restored, header + hour)       // a restart reads a header again
        #expect(resumed.count == 1)
        #expect(resumed.map(\.warning) == (try feed(&e, hour)).map(\.warning))
        // Again from the state before the hour, step by step.
        e = StreamEngine(rules: try rules(text))
        _ = try feed(&e, scam.replacingOccurrences(of: "2026-03-02 09:00:00,\(victim),95588,300\n", with: "") + more)
        // A call between two others starts the 9 o'clock hour: the spray is evaluated, σ(4).
        w = try feed(&e, hour)
        #expect(abs(Double(e.suspicion[Int(s)]) - LogisticModel.sigmoid(4)) < 1e-6)
        #expect(w.map(\.warning.tier) == [.visit])            // σ(-4 + 3 + 3) = 0.881
        #expect(w.first?.warning.subscriber == victim)
        #expect(w.first.map { Timestamp.format(Int64($0.raisedAt)) } == "2026-03-02 09:00:00")
    }

    /// `history_hours` counts from the first call the stream read: the same spray is a new
    /// number (a suspect under a rule that needs a day of history) only when it starts a day
    /// after the stream did.
    @Test func historyHoursCountFromTheFirstCallRead() throws {
        let text = streamRules.replacingOccurrences(of: "out_answer_rate < 0.5", with: "out_answer_rate < 0.5 and history_hours >= 24")
        var fresh = StreamEngine(rules: try rules(text))
        #expect(try feed(&fresh, scam).isEmpty)
        #expect(fresh.statistics.suspects == 0)
        var running = StreamEngine(rules: try rules(text))
        let w = try feed(&running, header + "2026-03-01 07:00:00,13100000001,13100000002,30\n" + scam.dropFirst(header.count))
        #expect(running.statistics.suspects == 1)
        #expect(w.map(\.warning.subscriber) == [victim, victim])   // tier 3 at 08:07, tier 1 at the bank call
    }

    /// A number is evaluated when it calls, but `observed_hours` grows while it is silent:
    /// each new hour of event time re-evaluates the numbers near the threshold, so a spray that went quiet
    /// becomes the suspect batch (judging at the end of the period) says it is.
    @Test func aQuietNumberNearTheThresholdIsJudgedAgainAsTimePasses() throws {
        let text = """
            class bank_hotline = length == 5 and prefix("955")
            list watchlist =
            caller suspect = watchlist
            caller bias -5
            caller rule spray weight 3 = out_distinct >= 5 and out_answer_rate < 0.5
            caller rule nobody_calls weight 3 = out_distinct >= 5 and observed_hours >= 48
            victim bias -4
            victim rule long weight 3 = suspect_longest >= 10m
            tier 1 = score >= 0.85
            tier 2 = score >= 0.5
            tier 3 = score >= 0.1
            """
        var e = StreamEngine(rules: try rules(text))
        var w = try feed(&e, scam)
        #expect(w.isEmpty)                              // σ(-2) = 0.12: not a suspect yet
        // Other people's calls move event time on; the spray never calls again.
        w = try feed(&e, "2026-03-04 07:00:00,13100000001,13100000002,30\n"
                         + "2026-03-04 15:00:00,13100000001,13100000002,30\n")
        // At 07:00 on the 4th it has been observed 47 h; at 15:00, 55 h: σ(1) = 0.73, a suspect;
        // its 15-minute call with the victim is replayed, σ(-4 + 3) → tier 3.
        #expect(w.count == 1)
        #expect(w.first?.warning.subscriber == victim)
        #expect(w.first?.warning.tier == .sms)
        #expect(w.first.map { Timestamp.format(Int64($0.raisedAt)) } == "2026-03-04 15:00:00")
        #expect(e.statistics.suspects == 1)
    }

    @Test func idleNumbersExpireAfterTheRetention() throws {
        var o = StreamOptions()
        o.retention = 2 * 86_400
        var e = StreamEngine(rules: try rules(), options: o)
        _ = try feed(&e, scam)
        let held = e.numbersHeld
        #expect(held == 10)
        // Three days later only the two numbers of a new call remain.
        _ = try feed(&e, "2026-03-05 12:00:00,13100000001,13100000002,30\n")
        #expect(e.numbersHeld == 2)
        #expect(e.recent.count - e.recentHead <= 1)
        #expect(e.timelines.isEmpty)
    }
}

private func lookup(_ e: StreamEngine, _ number: String) -> NumberID? { e.reader.internedNumbers.lookup(number) }

/// The package root, from this file's path.
func packageRoot(_ file: String = #filePath) -> String {
    var parts = file.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)                                   // Tests/FraudModelTests/<file>
    return parts.joined(separator: "/")
}

extension String {
    fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
    }
}

@Suite("AlignedArray")
struct AlignedArrayTests {
    /// A copy shares the storage until one side writes: the other keeps its values.
    @Test func copiesOnWrite() {
        var a = AlignedArray<Int>()
        for i in 0..<100 { a.append(i) }
        var b = a
        b[3] = -1
        b.append(100)
        #expect(Array(a) == Array(0..<100))
        #expect(b.count == 101 && b[3] == -1 && b[100] == 100)
        a.withUnsafeBytes { #expect(Int(bitPattern: $0.baseAddress) % 64 == 0) }
    }
}

@Suite("ListPool")
struct ListPoolTests {
    /// Lists in one pool keep their own values, newest first; `make` rebuilds them.
    @Test func listsShareAPool() {
        var pool = ListPool()
        var x = ListPool.end, y = ListPool.end
        pool.push(1, onto: &x); pool.push(10, onto: &y); pool.push(2, onto: &x)
        #expect(pool.values(from: x) == [1, 2])
        #expect(pool.values(from: y) == [10])
        #expect(pool.values(from: ListPool.end).isEmpty)
        let (made, heads) = ListPool.make([[1, 2], [], [10]])
        #expect(heads.map { made.values(from: $0) } == [[1, 2], [], [10]])
    }
}
