/// Reads and writes call start times without Foundation's date formatters (which cost tens of
/// microseconds per call on Linux).
///
/// Accepted: `2026-03-02 08:15:30`, `2026-03-02T08:15:30`, either with optional fractional
/// seconds and an optional `Z` / `±hh:mm` / `±hhmm` offset, or epoch seconds (`1772439330`).
/// Times are kept as UTC epoch seconds; a time without an offset is taken as written.
public enum Timestamp {
    /// A parsed time: epoch seconds and the UTC offset it was written in, if any.
    public struct Parsed: Equatable, Sendable {
        /// Seconds since 1970-01-01 00:00:00 UTC.
        public var epoch: Int64
        /// The offset from UTC the text carried, in seconds, or `nil` for a naive time.
        public var offset: Int32?
        /// How it was written, so output can use the same form.
        public var form: Form = .civil

        /// Creates a parsed time.
        @inlinable public init(epoch: Int64, offset: Int32?, form: Form = .civil) {
            self.epoch = epoch; self.offset = offset; self.form = form
        }
    }

    /// The written forms of a time.
    public enum Form: UInt8, Sendable, Equatable {
        /// `2026-03-02 08:15:30`
        case civil
        /// `2026-03-02T08:15:30`
        case iso
        /// `1772439330`
        case epoch
    }

    /// Parses a timestamp; `nil` if the bytes are not one of the accepted forms.
    @inlinable
    public static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Parsed? {
        var cache = DayCache()
        return parse(b, cache: &cache)
    }

    /// Parses a timestamp like ``parse(_:)``, taking a civil date's day number from `cache`
    /// when it is the date of the previous time parsed with it.
    @inlinable
    public static func parse(_ b: UnsafeBufferPointer<UInt8>, cache: inout DayCache) -> Parsed? {
        var start = 0, end = b.count
        while start < end, b[start] == 0x20 { start += 1 }
        while end > start, b[end - 1] == 0x20 { end -= 1 }
        let n = end - start
        guard n > 0 else { return nil }
        if n >= 19, b[start + 4] == 0x2D {
            return parseCivil(b, start, end, cache: &cache)
        }
        // Epoch seconds (10 digits today); 13 digits are epoch milliseconds.
        var value: Int64 = 0
        for i in start..<end {
            let d = b[i] &- 0x30
            guard d < 10, i - start < 16 else { return nil }
            value = value * 10 + Int64(d)
        }
        if n >= 13 { value /= 1000 }
        return Parsed(epoch: value, offset: nil, form: .epoch)
    }

    @usableFromInline
    static func parseCivil(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ end: Int, cache: inout DayCache) -> Parsed? {
        @inline(__always) func num(_ at: Int, _ len: Int) -> Int? {
            var v = 0
            for i in at..<(at + len) {
                let d = b[i] &- 0x30
                if d >= 10 { return nil }
                v = v * 10 + Int(d)
            }
            return v
        }
        guard b[s + 10] == 0x20 || b[s + 10] == 0x54, b[s + 13] == 0x3A, b[s + 16] == 0x3A,
              let h = num(s + 11, 2), let mi = num(s + 14, 2), let se = num(s + 17, 2),
              h < 24, mi < 60, se < 61
        else { return nil }
        let days: Int
        if let cached = cache.days(b, at: s) {
            days = cached
        } else {
            guard b[s + 7] == 0x2D, let y = num(s, 4), let mo = num(s + 5, 2), let d = num(s + 8, 2),
                  mo >= 1, mo <= 12, d >= 1, d <= daysIn(month: mo, year: y)
            else { return nil }
            days = daysFromCivil(year: y, month: mo, day: d)
            cache.remember(b, at: s, days: days)
        }
        var i = s + 19
        if i < end, b[i] == 0x2E {                                      // fractional seconds
            i += 1
            let fracStart = i
            while i < end, b[i] &- 0x30 < 10 { i += 1 }
            if i == fracStart { return nil }
        }
        var offset: Int32? = nil
        if i < end {
            let c = b[i]
            if c == 0x5A || c == 0x7A { offset = 0; i += 1 }             // Z
            else if c == 0x2B || c == 0x2D {
                let sign: Int32 = c == 0x2B ? 1 : -1
                i += 1
                guard end - i >= 2, let oh = num(i, 2) else { return nil }
                i += 2
                if i < end, b[i] == 0x3A { i += 1 }
                guard end - i >= 2, let om = num(i, 2), oh < 24, om < 60 else { return nil }
                i += 2
                offset = sign * Int32(oh * 3600 + om * 60)
            } else { return nil }
        }
        guard i == end else { return nil }
        let local = Int64(days) * 86_400 + Int64(h * 3600 + mi * 60 + min(se, 59))
        return Parsed(epoch: local - Int64(offset ?? 0), offset: offset, form: b[s + 10] == 0x54 ? .iso : .civil)
    }

    @usableFromInline
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    @usableFromInline
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// (year, month, day) of a day counted from 1970-01-01, proleptic Gregorian (Howard
    /// Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Formats epoch seconds in a given written form: epoch digits, or civil time in the
    /// given UTC offset with a space or a `T`.
    public static func format(_ epoch: Int64, offset: Int32, form: Form) -> String {
        switch form {
        case .epoch: return String(epoch)
        case .civil: return format(epoch, offset: offset)
        case .iso:
            var s = format(epoch, offset: offset)
            s = String(s.prefix(10)) + "T" + String(s.dropFirst(11))
            return s
        }
    }

    /// Formats epoch seconds as `YYYY-MM-DD HH:MM:SS` in the given UTC offset.
    public static func format(_ epoch: Int64, offset: Int32 = 0) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(19)
        append(epoch, offset: offset, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `YYYY-MM-DD HH:MM:SS` to a byte buffer.
    public static func append(_ epoch: Int64, offset: Int32 = 0, to out: inout [UInt8]) {
        let t = epoch + Int64(offset)
        var days = t / 86_400
        var secs = t % 86_400
        if secs < 0 { secs += 86_400; days -= 1 }
        let (y, m, d) = civil(fromDays: days)
        @inline(__always) func two(_ v: Int64) { out.append(UInt8(0x30 + v / 10)); out.append(UInt8(0x30 + v % 10)) }
        two(y / 100); two(y % 100)
        out.append(0x2D); two(m); out.append(0x2D); two(d)
        out.append(0x20); two(secs / 3600); out.append(0x3A); two(secs / 60 % 60); out.append(0x3A); two(secs % 60)
    }
}
