/// Something a line told the reader that the stream must take at that line's record, not when
/// the chunk was read: a party's handset count or region, or the UTC offset of the input's
/// times. Counted as the chunk was read, a call was judged on handsets, regions and offsets of
/// lines after it in the same chunk, so a stream's state (and on long feeds its warnings'
/// timing) depended on how its input happened to arrive in reads: a 120-day file fed through a
/// pipe gave different checkpoints run to run.
struct LineChange: Sendable, Equatable {
    /// What changed.
    enum What: Sendable, Equatable {
        /// The number's distinct handsets are now this many.
        case handsets(NumberID, UInt16)
        /// The number's region (index into the reader's region codes) is now known.
        case region(NumberID, Int32)
        /// The input's times are now known to be at this UTC offset (seconds).
        case offset(Int32)
    }

    /// The index, among the records handed over with it, of the record the change comes
    /// before: its line's (or, for a line that was then rejected, the next line's).
    var record: Int
    var what: What
}
