import Foundation
import Testing
@testable import FraudModel

/// The shipped victim rules: brief chats with a suspect lower a subscriber's score, and a
/// company hotline is no victim where a home phone is.
@Suite("Default rules: victims")
struct DefaultRulesVictimTests: DefaultRulesFixture {
    /// The warning for `subscriber`, held 15 minutes on the first evening by a number on the
    /// watchlist and 4 minutes on each of the next two evenings; with `chats`, the number
    /// also rings them each of those mornings and they talk for a minute.
    static func victimWarning(chats: Bool, subscriber: String = "13900001111") throws -> Warning? {
        let suspect = "15012340000"
        var rows = [
            "2026-03-02 20:00:00,\(suspect),\(subscriber),900",
            "2026-03-03 20:00:00,\(suspect),\(subscriber),240",
            "2026-03-04 20:00:00,\(suspect),\(subscriber),240",
        ]
        if chats { rows += ["2026-03-03 09:00:00,\(suspect),\(subscriber),60", "2026-03-04 09:00:00,\(suspect),\(subscriber),60"] }
        let log = try readLog("start_time,caller,callee,duration\n" + rows.sorted().joined(separator: "\n") + "\n", chunk: 4_096)
        var rules = try defaultRules()
        rules.add([suspect], toList: "watchlist")
        return Analysis(log: log, rules: rules).warnings.first { $0.subscriber == subscriber }
    }

    @Test func briefChatsWithASuspectLowerTheScore() throws {
        // A script worked over three days, and the same with two brief chats besides (an
        // adviser's circle rings it and talks a little, day after day): the chats add talk and
        // calls, which alone would raise the score, and take 2 log-odds off.
        let worked = try #require(try Self.victimWarning(chats: false))
        let chatted = try #require(try Self.victimWarning(chats: true))
        func logOdds(_ p: Double) -> Double { log(p / (1 - p)) }
        #expect(logOdds(worked.score) - logOdds(chatted.score) > 1.5)
        #expect(worked.tier == .call || worked.tier == .visit)
    }

    @Test func aCompanyHotlineIsNoVictimAndAHomePhoneIs() throws {
        // The same script worked on a 400 hotline, an 800 one and a home landline: only the
        // landline is a person who can be defrauded.
        #expect(try Self.victimWarning(chats: false, subscriber: "4001234567") == nil)
        #expect(try Self.victimWarning(chats: false, subscriber: "8001234567") == nil)
        let home = try #require(try Self.victimWarning(chats: false, subscriber: "057188881234"))
        #expect(home.tier == .call || home.tier == .visit)
    }
}
