/// The last civil date read and its day number, so that a run of calls on the same day (the
/// usual order of an export) parses each date once.
///
/// A date is cached only after it passed every check of ``Timestamp/parse(_:cache:)``, and a
/// time is taken from the cache only when its ten date bytes are exactly the cached ones, so
/// a time parses to the same value, or fails the same way, with the cache or without.
extension Timestamp {
    /// The bytes `YYYY-MM-DD` of the last valid civil date and its days since 1970-01-01.
    public struct DayCache: Sendable {
        /// Bytes 0–7 of the date (`YYYY-MM-`), little-endian; 0 before any date.
        var head: UInt64 = 0
        /// Bytes 8–9 of the date (`DD`).
        var tail: UInt16 = 0
        /// Days since 1970-01-01 of the cached date.
        var days = 0

        /// Creates an empty cache.
        public init() {}

        /// The day number of the date at `b[s..<s+10]` if it is the cached one.
        @inline(__always)
        func days(_ b: UnsafeBufferPointer<UInt8>, at s: Int) -> Int? {
            guard head != 0, let p = b.baseAddress else { return nil }
            let raw = UnsafeRawPointer(p + s)
            guard raw.loadUnaligned(as: UInt64.self) == head,
                  raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self) == tail else { return nil }
            return days
        }

        /// Remembers the valid date at `b[s..<s+10]` and its day number.
        @inline(__always)
        mutating func remember(_ b: UnsafeBufferPointer<UInt8>, at s: Int, days: Int) {
            guard let p = b.baseAddress else { return }
            let raw = UnsafeRawPointer(p + s)
            head = raw.loadUnaligned(as: UInt64.self)
            tail = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
            self.days = days
        }
    }
}
