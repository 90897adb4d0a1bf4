import Testing
@testable import FraudModel

@Suite("Timestamp")
struct TimestampTests {
    func parse(_ s: String) -> Timestamp.Parsed? {
        var b = Array(s.utf8)
        return b.withUnsafeMutableBufferPointer { Timestamp.parse(UnsafeBufferPointer($0)) }
    }

    @Test func acceptedForms() {
        let epoch: Int64 = 1_772_439_330                      // 2026-03-02 08:15:30 UTC
        #expect(parse("2026-03-02 08:15:30")?.epoch == epoch)
        #expect(parse("2026-03-02T08:15:30")?.epoch == epoch)
        #expect(parse("2026-03-02T08:15:30Z") == Timestamp.Parsed(epoch: epoch, offset: 0, form: .iso))
        #expect(parse("2026-03-02T16:15:30+08:00") == Timestamp.Parsed(epoch: epoch, offset: 28_800, form: .iso))
        #expect(parse("2026-03-02 08:15:30")?.form == .civil)
        #expect(parse("1772439330")?.form == .epoch)
        #expect(Timestamp.format(epoch, offset: 0, form: .iso) == "2026-03-02T08:15:30")
        #expect(Timestamp.format(epoch, offset: 0, form: .epoch) == "1772439330")
        #expect(parse("2026-03-02T03:15:30-0500")?.epoch == epoch)
        #expect(parse("2026-03-02 08:15:30.250")?.epoch == epoch)
        #expect(parse("1772439330")?.epoch == epoch)
        #expect(parse("1772439330123")?.epoch == epoch)
    }

    @Test func rejectsNonsense() {
        for bad in ["", "yesterday", "2026-13-02 08:15:30", "2026-02-30 08:15:30", "2026-03-02 24:00:00",
                    "2026-03-02 08:15", "2026-03-02 08:15:30+8", "2026-03-02 08:15:30 junk", "12ab"] {
            #expect(parse(bad) == nil, "\(bad)")
        }
    }

    @Test func leapYears() {
        #expect(parse("2024-02-29 00:00:00") != nil)
        #expect(parse("2100-02-29 00:00:00") == nil)
        #expect(parse("2000-02-29 00:00:00") != nil)
    }

    @Test func formatRoundTrips() {
        for s in ["1970-01-01 00:00:00", "2026-03-02 08:15:30", "2024-02-29 23:59:59", "2099-12-31 12:00:00"] {
            let p = parse(s)
            #expect(p.map { Timestamp.format($0.epoch) } == s)
        }
        #expect(Timestamp.format(1_772_439_330, offset: 28_800) == "2026-03-02 16:15:30")
    }
}
