import Testing
@testable import FraudModel

@Suite("Timestamp.DayCache")
struct TimestampDayCacheTests {
    static let texts = [
        "2026-03-02 08:15:30", "2026-03-02 23:59:59", "2026-03-02T16:15:30+08:00", "2026-03-02 24:00:00",
        "2026-03-02 08:15", "2026-03-02 08:15:30 junk", "2026-03-03 00:00:01", "2026-03-02 08:15:30.250",
        "1772439330", "2026-02-30 08:15:30", "2026-02-30 08:15:30", "2026-03-02/08:15:30",
        "2026-03-0x 08:15:30", "2026-03-02 08:15:30Z", "2024-02-29 00:00:00", "2100-02-29 00:00:00",
        "2026-03-02 08:15:30",
    ]

    func parse(_ s: String, _ cache: inout Timestamp.DayCache) -> Timestamp.Parsed? {
        var b = Array(s.utf8)
        return b.withUnsafeMutableBufferPointer { Timestamp.parse(UnsafeBufferPointer($0), cache: &cache) }
    }

    @Test func aCachedDateParsesAsWithoutTheCache() {
        var cache = Timestamp.DayCache()
        for text in Self.texts {
            var fresh = Timestamp.DayCache()
            #expect(parse(text, &cache) == parse(text, &fresh), "\(text)")
        }
    }

    @Test func anInvalidDateIsNeverCached() {
        var cache = Timestamp.DayCache()
        #expect(parse("2026-02-30 08:15:30", &cache) == nil)
        #expect(parse("2026-02-30 08:15:31", &cache) == nil)
        #expect(parse("2026-02-28 08:15:30", &cache) != nil)
        #expect(parse("2026-02-28 25:15:30", &cache) == nil)    // a cached date, a bad time
        #expect(parse("2026-02-28 09:15:30", &cache)?.epoch == parse("2026-02-28 08:15:30", &cache).map { $0.epoch + 3600 })
    }
}
