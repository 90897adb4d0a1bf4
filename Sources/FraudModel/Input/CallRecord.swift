/// One call, compact: 16 bytes, so a week of a county's calls fits in a few hundred megabytes.
public struct CallRecord: Hashable, Sendable {
    /// Start time, UTC epoch seconds.
    public var time: UInt32
    /// The calling party.
    public var caller: NumberID
    /// The called party.
    public var callee: NumberID
    /// Talk time in seconds; 0 means the call was not answered.
    public var duration: UInt32

    /// Creates a record.
    public init(time: UInt32, caller: NumberID, callee: NumberID, duration: UInt32) {
        self.time = time
        self.caller = caller
        self.callee = callee
        self.duration = duration
    }

    /// Whether the call was answered.
    @inlinable public var answered: Bool { duration > 0 }
}
