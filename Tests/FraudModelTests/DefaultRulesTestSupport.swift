import Foundation
import Testing
@testable import FraudModel

/// What the tests of the shipped `rules/default.rules` share: the rules, and the suspicion
/// batch gives a number on small hand-made traffic (what makes a number look like a fake
/// service line, a script reader, a hand-off, a spray or an adviser, and the shapes that must
/// not: early in a week they made the stream raise warnings it could not take back). A suite
/// that conforms names them as its own.
protocol DefaultRulesFixture {}

extension DefaultRulesFixture {
    static func defaultRules() throws -> RuleSet {
        try RuleSet.parse(try String(contentsOfFile: packageRoot() + "/rules/default.rules", encoding: .utf8),
                          file: "default.rules", schema: .engine,
                          environment: RuleEnvironment(readFile: { _ in [] }, canonicalNumber: { PhoneNumber.canonical($0) }))
    }

    static func suspicion(_ rows: [String], of number: String) throws -> Double {
        let log = try readLog("start_time,caller,callee,duration\n" + rows.joined(separator: "\n") + "\n", chunk: 4_096)
        return try #require(Analysis(log: log, rules: try defaultRules()).suspicion(of: number))
    }
}
