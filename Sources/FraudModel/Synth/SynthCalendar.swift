/// Civil-calendar arithmetic on epoch days (proleptic Gregorian, UTC wall clock).
enum SynthCalendar {
    static let secondsPerDay = 86_400

    /// (year, month, day) of a day counted from 1970-01-01 (the reader's calendar arithmetic).
    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let c = Timestamp.civil(fromDays: Int64(days))
        return (Int(c.year), Int(c.month), Int(c.day))
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    static func weekday(_ days: Int) -> Int { ((days + 3) % 7 + 7) % 7 }

    /// "YYYY-MM-DD" as bytes.
    static func dateBytes(_ days: Int) -> [UInt8] {
        let c = civil(days)
        var out: [UInt8] = []
        out.reserveCapacity(10)
        append(c.year, width: 4, to: &out)
        out.append(0x2D)
        append(c.month, width: 2, to: &out)
        out.append(0x2D)
        append(c.day, width: 2, to: &out)
        return out
    }

    /// "YYYY-MM-DD HH:MM:SS" of an epoch second.
    static func timestamp(_ epoch: Int64) -> String {
        let s = Int(epoch)
        let day = s >= 0 ? s / secondsPerDay : (s - secondsPerDay + 1) / secondsPerDay
        let sec = s - day * secondsPerDay
        var out = dateBytes(day)
        out.append(0x20)
        append(sec / 3600, width: 2, to: &out)
        out.append(0x3A)
        append(sec / 60 % 60, width: 2, to: &out)
        out.append(0x3A)
        append(sec % 60, width: 2, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func append(_ value: Int, width: Int, to out: inout [UInt8]) {
        var digits = [UInt8](repeating: 0x30, count: width)
        var v = value
        var i = width - 1
        while i >= 0 {
            digits[i] = UInt8(0x30 + v % 10)
            v /= 10
            i -= 1
        }
        out.append(contentsOf: digits)
    }
}
