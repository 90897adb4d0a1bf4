import Testing
@testable import FraudModel

/// Hashed identifiers (anonymised exports) wherever a number goes: the reader, rules lists,
/// the watchlist override, explain, and pseudonyms.
@Suite("Hashed identifiers")
struct HashedIdentifierTests {
    static let fraud = String(repeating: "0f", count: 64)          // 128 hex digits
    static let victim = String(repeating: "e1", count: 64)

    static let rules = """
        list watchlist = \(fraud.uppercased())
        caller suspect = watchlist
        caller bias -9
        caller rule many weight 1 = out_calls >= 1000
        victim bias -3
        victim rule long weight 4 = first_contact_longest >= 10m
        tier 1 = score >= 0.5
        """

    @Test func aWatchlistedHashIsASuspectAndItsVictimIsListedAndExplained() throws {
        let csv = "start_time,caller,callee,duration\n"
            + "2026-03-02 08:00:00,\(Self.fraud.uppercased()),\(Self.victim),1800\n"
            + "2026-03-02 09:00:00,\(Self.victim),13900000001,60\n"
        let log = try readLog(csv)
        #expect(log.numbers.kinds.filter { $0 == .opaque }.count == 2)
        let set = try RuleSet.parse(Self.rules, file: "t.rules", schema: .engine,
                                    environment: RuleEnvironment(readFile: { _ in [] }, canonicalNumber: { PhoneNumber.canonical($0) }))
        let analysis = Analysis(log: log, rules: set)
        #expect(analysis.suspicion(of: Self.fraud) == 1)
        #expect(analysis.warnings.first?.subscriber == Self.victim)
        #expect(analysis.warnings.first?.tier == .visit)
        #expect(analysis.warnings.first?.suspects == [Self.fraud])
        let e = try #require(analysis.explain(Self.victim.uppercased()))
        #expect(e.number == Self.victim)
        #expect(e.victim?.timeline.first?.peer == Self.fraud)
        let p = try Pseudonymizer(key: Array("sixteen byte key".utf8))
        let text = ExplanationReport.text(e, offset: 0, pseudonymizer: p)
        #expect(!text.contains(Self.fraud) && !text.contains(Self.victim) && text.contains(p(Self.fraud)))
    }

    @Test func idsKeepTheirCharactersAndHexFoldsCase() {
        #expect(PhoneNumber.canonical(Self.fraud.uppercased()) == Self.fraud)
        #expect(PhoneNumber.canonical("User_42-x") == "User_42-x")            // not hex: case kept
        #expect(PhoneNumber.canonical(String(repeating: "a", count: 256)) != nil)
        #expect(PhoneNumber.canonical(String(repeating: "a", count: 257)) == nil)
    }
}
