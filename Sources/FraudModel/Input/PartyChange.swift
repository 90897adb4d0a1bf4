/// A change the reader made to a number's handset count or region as it read a line, with
/// the record of that line: the stream applies it when it takes that record, not when the
/// chunk was read. Counted as the chunk is read, a call was judged on handsets and regions of
/// calls after it in the same chunk, so a stream's state (and on long feeds its warnings'
/// timing) depended on how its input happened to arrive in reads: a 120-day file fed through
/// a pipe gave different checkpoints run to run.
struct PartyChange: Sendable, Equatable {
    /// What changed.
    enum What: Sendable, Equatable {
        /// The number's distinct handsets are now this many.
        case handsets(UInt16)
        /// The number's region (index into the reader's region codes) is now known.
        case region(Int32)
    }

    /// The index of the record whose line made the change, among the records handed over with it.
    var record: Int
    var number: NumberID
    var what: What
}
