import Testing
@testable import FraudModel

@Suite("PartyHint")
struct PartyHintTests {
    @Test func emptyHintKnowsNothing() {
        let h = PartyHint(0)
        #expect(!h.regionKnown)
        #expect(!h.isFirstHandset(0x1234_5679))
        #expect(!h.isFirstHandset(1))
    }

    /// The handset test decides exactly what comparing the low 32 bits of the two hashes
    /// decides, whenever it answers yes; the region bit and the handset bits do not mix.
    @Test func firstHandsetMatchesOnTheLow32BitsOnly() {
        var h = PartyHint(0)
        h.regionKnown = true
        let first: UInt64 = 0xDEAD_BEEF_8765_4321
        h.noteFirstHandset(first)
        #expect(h.regionKnown)
        #expect(h.isFirstHandset(first))
        #expect(h.isFirstHandset(0x0000_0001_8765_4321))          // same low word
        #expect(!h.isFirstHandset(0xDEAD_BEEF_8765_4323))          // low word differs
        #expect(!h.isFirstHandset(0xDEAD_BEEF_8765_4320))          // even: not decided here
        h.regionKnown = false
        #expect(h.isFirstHandset(first))
        #expect(!h.regionKnown)
    }

    /// A first hash the hint cannot hold exactly (even, or 1 in its low word) leaves it empty,
    /// so the arrays decide.
    @Test func hashesItCannotHoldAreNotKept() {
        var h = PartyHint(0)
        h.noteFirstHandset(0x1234_5678)
        #expect(h.rawValue == 0)
        h.noteFirstHandset(0xFFFF_0000_0000_0001)
        #expect(h.rawValue == 0)
        #expect(!h.isFirstHandset(0xFFFF_0000_0000_0001))
    }
}
